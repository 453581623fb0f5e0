// Deterministic seed of purchase orders: two waiting on a procurement admin's approval, one issued.
import type { CoupaStore } from '../../store.js';
import { appendApprovals, approvalsOf } from '../approvals/chain.js';
import { DOCUMENT_SEED_EPOCH } from '../requisitions/seed.js';
import { purchaseOrderApprovable } from './approvable.js';

const HOUR = 3_600_000;

export function seedPurchaseOrders(store: CoupaStore): void {
  const approver = store.findUserByLogin('proc.admin.3');
  const requester = store.findUserByLogin('proc.admin.5');
  const seeds = [
    { poNumber: 'PO-24-0501', total: '12500.00', issued: false },
    { poNumber: 'PO-24-0502', total: '3200.00', issued: false },
    { poNumber: 'PO-24-0503', total: '880.00', issued: true },
  ];
  seeds.forEach((seed, index) => {
    const createdAt = DOCUMENT_SEED_EPOCH + (200 + index) * HOUR;
    const po = store.purchaseOrders.insert(
      {
        poNumber: seed.poNumber,
        status: 'pending_approval',
        version: 1,
        requesterId: requester?.id ?? null,
        currencyId: store.findCurrencyByCode('USD')?.id ?? 1,
        total: seed.total,
      },
      createdAt,
    );
    appendApprovals(store, purchaseOrderApprovable, po.id, approver ? [{ type: 'User', id: approver.id }] : [], 'ApprovalChainApproval', createdAt);
    if (seed.issued) {
      const decidedAt = createdAt + HOUR;
      for (const approval of approvalsOf(store, 'OrderHeader', po.id)) {
        Object.assign(approval, { state: 'approved', approvalDate: decidedAt, approvedById: approval.approverId, updatedAt: decidedAt });
      }
      Object.assign(po, { status: 'issued', updatedAt: decidedAt });
    }
  });
}
