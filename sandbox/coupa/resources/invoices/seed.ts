// Deterministic seed of invoices waiting on approvers: procurement admins, an external approver and one approval group.
import type { CoupaStore } from '../../store.js';
import type { ApproverRef } from '../approvals/chain.js';
import { appendApprovals } from '../approvals/chain.js';
import { DOCUMENT_SEED_EPOCH } from '../requisitions/seed.js';
import { invoiceApprovable } from './approvable.js';

const HOUR = 3_600_000;

export function seedInvoices(store: CoupaStore): void {
  // Runs after the core seed; a renamed user or group there must fail the seed, not drop an approval.
  const user = (login: string): ApproverRef => {
    const found = store.findUserByLogin(login);
    if (!found) throw new Error(`seed: unknown user ${login}`);
    return { type: 'User', id: found.id };
  };
  const group = (name: string): ApproverRef => {
    const found = store.findUserGroupByName(name);
    if (!found) throw new Error(`seed: unknown user group ${name}`);
    return { type: 'UserGroup', id: found.id };
  };
  const seeds: { number: string; total: string; requester: string; approvers: ApproverRef[] }[] = [
    { number: 'INV-2024-0101', total: '1840.00', requester: 'proc.admin.3', approvers: [user('proc.admin.2')] },
    { number: 'INV-2024-0102', total: '412.50', requester: 'proc.admin.4', approvers: [user('ext.approver.2'), user('proc.admin.2')] },
    { number: 'INV-2024-0103', total: '9650.00', requester: 'proc.admin.5', approvers: [group('Procurement Approvers')] },
    { number: 'INV-2024-0104', total: '75.99', requester: 'proc.admin.6', approvers: [user('proc.admin.1')] },
  ];
  seeds.forEach((seed, index) => {
    const createdAt = DOCUMENT_SEED_EPOCH + (100 + index) * HOUR;
    const invoice = store.invoices.insert(
      {
        invoiceNumber: seed.number,
        status: 'pending_approval',
        requestedById: store.findUserByLogin(seed.requester)?.id ?? null,
        currencyId: store.findCurrencyByCode('USD')?.id ?? 1,
        total: seed.total,
      },
      createdAt,
    );
    appendApprovals(store, invoiceApprovable, invoice.id, seed.approvers, 'ApprovalChainApproval', createdAt);
  });
}
