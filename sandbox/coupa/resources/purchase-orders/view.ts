// Renders the minimal purchase order header with its approvals embedded.
import type { CoupaStore } from '../../store.js';
import { currencyStub, userStub } from '../../views.js';
import { formatTimestamp, type JsonObject } from '../../wire.js';
import { approvalsOf, currentApproval } from '../approvals/chain.js';
import { renderApproval } from '../approvals/view.js';
import type { PurchaseOrderRecord } from './record.js';
import { renderFinanceLine } from '../finance-lines.js';

export function renderPurchaseOrder(store: CoupaStore, po: PurchaseOrderRecord): JsonObject {
  const requester = po.requesterId === null ? undefined : store.users.get(po.requesterId);
  const current = currentApproval(store, 'OrderHeader', po.id);
  return {
    id: po.id,
    'created-at': formatTimestamp(po.createdAt),
    'updated-at': formatTimestamp(po.updatedAt),
    'po-number': po.poNumber,
    status: po.status,
    version: po.version,
    currency: currencyStub(store.currencies.get(po.currencyId)),
    total: po.total,
    requester: requester ? userStub(requester) : null,
    'current-approval': current ? renderApproval(store, current) : null,
    approvals: approvalsOf(store, 'OrderHeader', po.id).map((a) => renderApproval(store, a)),
    exported: po.exported ?? false,
    'last-exported-at': po.lastExportedAt ? formatTimestamp(po.lastExportedAt) : null,
    // Line ids are derived from the PO id and version: a revision replaces the lines.
    'order-lines': (po.lines ?? []).map((line) => renderFinanceLine(line, po.id * 1000 + po.version * 100 + line.lineNum, 'OrderAmountLine')),
  };
}
