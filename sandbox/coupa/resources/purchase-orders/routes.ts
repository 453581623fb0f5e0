// /api/purchase_orders, minimal: list and show (to see status and approvals), add_approver and remove_approval [U]. PO sync extends this folder.
import type { Router } from 'express';
import type { CoupaAuth } from '../../oauth.js';
import { mountResource, type ResourceDefinition } from '../../resource.js';
import type { CoupaStore } from '../../store.js';
import { mountApproverActions } from '../approvals/document-routes.js';
import { purchaseOrderApprovable } from './approvable.js';
import { renderPurchaseOrder } from './view.js';
import { mountPurchaseOrderExport } from './export.js';

export const PURCHASE_ORDER_ATTRIBUTES = [
  'id',
  'created-at',
  'updated-at',
  'po-number',
  'status',
  'version',
  'currency',
  'total',
  'requester',
  'current-approval',
  'approvals',
  'exported',
  'last-exported-at',
] as const;

function purchaseOrdersResource(store: CoupaStore): ResourceDefinition {
  return {
    path: '/purchase_orders',
    scope: 'core.purchase_order',
    schema: { resource: 'purchase orders', attributes: PURCHASE_ORDER_ATTRIBUTES },
    list: () => store.purchaseOrders.all().map((po) => renderPurchaseOrder(store, po)),
    show: (id) => {
      const po = store.purchaseOrders.get(id);
      return po ? renderPurchaseOrder(store, po) : undefined;
    },
  };
}

export function mountPurchaseOrders(api: Router, auth: CoupaAuth, store: CoupaStore): void {
  const resource = purchaseOrdersResource(store);
  mountApproverActions(api, auth, store, purchaseOrderApprovable, (id) => resource.show(id));
  mountPurchaseOrderExport(api, auth, store, (id) => resource.show(id));
  mountResource(api, auth, resource);
}
