// The Coupa resources built as entity folders (record, view, seed, routes, events), registered in one list that the app, the seed and the snapshot walk.
import type { Router } from 'express';
import type { CoupaAuth } from '../oauth.js';
import type { CoupaReferenceKinds } from '../references.js';
import type { CoupaStore } from '../store.js';
import type { JsonObject } from '../wire.js';
import { approvalEventsRouter } from './approvals/events.js';
import { mountApprovals } from './approvals/routes.js';
import { renderApproval } from './approvals/view.js';
import { invoiceEventsRouter } from './invoices/events.js';
import { mountInvoices } from './invoices/routes.js';
import { seedInvoices } from './invoices/seed.js';
import { renderInvoice } from './invoices/view.js';
import { purchaseOrderEventsRouter } from './purchase-orders/events.js';
import { mountPurchaseOrders } from './purchase-orders/routes.js';
import { seedPurchaseOrders } from './purchase-orders/seed.js';
import { renderPurchaseOrder } from './purchase-orders/view.js';
import { mountIntegrationHistory } from './integration-history/routes.js';
import { requisitionEventsRouter } from './requisitions/events.js';
import { resetLookupValueBehaviour } from './lookup-values/config.js';
import { lookupValueEventsRouter } from './lookup-values/events.js';
import { mountRequisitions } from './requisitions/routes.js';
import { seedRequisitions } from './requisitions/seed.js';
import { renderRequisition } from './requisitions/view.js';
import { supplierEventsRouter } from './suppliers/events.js';
import { seedSupplierTables } from './suppliers/record.js';
import { mountSuppliers } from './suppliers/routes.js';

export interface CoupaResourceContext {
  store: CoupaStore;
  auth: CoupaAuth;
  kinds: CoupaReferenceKinds;
}

export interface CoupaResourceModule {
  name: string;
  /** Adds the entity's seed records; runs after the core seed (users, groups), in list order. */
  seed?(store: CoupaStore): void;
  /** Mounts its /api routes (scoped). */
  mountApi?(api: Router, ctx: CoupaResourceContext): void;
  /** Its /_sandbox admin routes (no auth): business events and [U] settings. */
  adminRouter?(ctx: CoupaResourceContext): Router;
}

export const coupaResources: readonly CoupaResourceModule[] = [
  {
    name: 'requisitions',
    seed: seedRequisitions,
    mountApi: (api, { store, auth, kinds }) => mountRequisitions(api, auth, store, kinds),
    adminRouter: ({ store }) => requisitionEventsRouter(store),
  },
  {
    name: 'invoices',
    seed: seedInvoices,
    mountApi: (api, { store, auth }) => mountInvoices(api, auth, store),
    adminRouter: ({ store }) => invoiceEventsRouter(store),
  },
  {
    name: 'purchase-orders',
    seed: seedPurchaseOrders,
    mountApi: (api, { store, auth }) => mountPurchaseOrders(api, auth, store),
    adminRouter: ({ store }) => purchaseOrderEventsRouter(store),
  },
  {
    name: 'approvals',
    mountApi: (api, { store, auth }) => mountApprovals(api, auth, store),
    adminRouter: ({ store }) => approvalEventsRouter(store),
  },
  {
    // Lookups and lookup values are served by routes-common.ts; this entry adds their [U] settings.
    name: 'lookup-values',
    seed: resetLookupValueBehaviour,
    adminRouter: ({ store }) => lookupValueEventsRouter(store),
  },
  {
    name: 'suppliers',
    seed: seedSupplierTables,
    mountApi: (api, { store, auth }) => mountSuppliers(api, auth, store),
    adminRouter: ({ store }) => supplierEventsRouter(store),
  },
  {
    name: 'integration-history-records',
    mountApi: (api, { store, auth }) => mountIntegrationHistory(api, auth, store),
  },
];

export function seedCoupaResources(store: CoupaStore): void {
  for (const resource of coupaResources) resource.seed?.(store);
}

export function mountCoupaResources(api: Router, ctx: CoupaResourceContext): void {
  for (const resource of coupaResources) resource.mountApi?.(api, ctx);
}

export function coupaResourceAdminRouters(ctx: CoupaResourceContext): Router[] {
  return coupaResources.flatMap((resource) => (resource.adminRouter ? [resource.adminRouter(ctx)] : []));
}

/** The entity tables in /_sandbox/store, rendered as the API renders them. */
export interface CoupaResourcesSnapshot {
  requisitions: JsonObject[];
  invoices: JsonObject[];
  purchaseOrders: JsonObject[];
  approvals: JsonObject[];
}

export function snapshotCoupaResources(store: CoupaStore): CoupaResourcesSnapshot {
  return {
    requisitions: store.requisitions.all().map((r) => renderRequisition(store, r)),
    invoices: store.invoices.all().map((i) => renderInvoice(store, i)),
    purchaseOrders: store.purchaseOrders.all().map((po) => renderPurchaseOrder(store, po)),
    approvals: store.approvals.all().map((a) => renderApproval(store, a)),
  };
}
