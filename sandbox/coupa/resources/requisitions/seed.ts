// Deterministic seed of requisitions: a few per contractor, mostly pending approval in their manager's chain, some drafts and approved ones.
import { seededRandom } from '../../../common/controls.js';
import type { CoupaStore } from '../../store.js';
import { formatMoney } from '../../wire.js';
import { appendApprovals, approvalsOf } from '../approvals/chain.js';
import { managementChain, requisitionApprovable } from './approvable.js';
import type { RequisitionStatus } from './record.js';
import { requisitionTotal } from './view.js';

/** Seeded documents start here, an hour apart: fixed, so two sandboxes render the same store. */
export const DOCUMENT_SEED_EPOCH = Date.parse('2024-06-03T09:00:00Z');
const HOUR = 3_600_000;

const CATALOGUE: { description: string; price: [number, number] }[] = [
  { description: 'Laptop docking station', price: [120, 260] },
  { description: 'Ergonomic office chair', price: [300, 900] },
  { description: '27-inch monitor', price: [180, 450] },
  { description: 'Conference travel', price: [600, 2400] },
  { description: 'Design software licence (annual)', price: [400, 1800] },
  { description: 'Standing desk', price: [450, 1100] },
  { description: 'Contractor onboarding kit', price: [40, 160] },
  { description: 'Cloud test environment (monthly)', price: [900, 3000] },
  // Large enough that a few requisitions pass a manager's limit and climb a second level.
  { description: 'Build server hardware refresh', price: [7000, 14000] },
];

export function seedRequisitions(store: CoupaStore): void {
  const random = seededRandom(7301);
  const between = (low: number, high: number): number => low + random() * (high - low);
  let tick = 0;
  const at = (): number => DOCUMENT_SEED_EPOCH + tick++ * HOUR;

  // Requesters who buy through Coupa and have a manager: the active contractors.
  const requesters = store.users.all().filter((u) => u.login.startsWith('ctr.') && u.active && u.managerId !== null);
  for (const requester of requesters.slice(0, 6)) {
    const count = 1 + Math.floor(random() * 3);
    for (let n = 0; n < count; n += 1) {
      const roll = random();
      const status: RequisitionStatus = roll < 0.65 ? 'pending_approval' : roll < 0.8 ? 'draft' : 'approved';
      const createdAt = at();
      const req = store.requisitions.insert(
        {
          status: status === 'draft' ? 'draft' : 'pending_approval',
          requestedById: requester.id,
          createdById: requester.id,
          justification: random() < 0.5 ? 'Needed for the current project' : null,
          departmentId: requester.departmentId,
          currencyId: requester.defaultCurrencyId ?? 1,
          needByDate: createdAt + 14 * 24 * HOUR,
          submittedAt: status === 'draft' ? null : createdAt,
          rejectReasonComment: null,
          exported: false,
        },
        createdAt,
      );
      const lineCount = 1 + Math.floor(random() * 3);
      for (let line = 1; line <= lineCount; line += 1) {
        const item = CATALOGUE[Math.floor(random() * CATALOGUE.length)] ?? CATALOGUE[0];
        if (!item) continue;
        store.requisitionLines.insert(
          {
            requisitionId: req.id,
            lineNum: line,
            type: 'RequisitionQuantityLine',
            description: item.description,
            quantity: String(1 + Math.floor(random() * 4)),
            unitPrice: formatMoney(Math.round(between(item.price[0], item.price[1]))),
            uomCode: 'EA',
            needByDate: null,
          },
          createdAt,
        );
      }
      if (status === 'draft') continue;
      appendApprovals(
        store,
        requisitionApprovable,
        req.id,
        managementChain(store, requester.id, requisitionTotal(store, req.id)),
        'ManagementHierarchyApproval',
        createdAt,
      );
      if (status === 'approved') {
        const decidedAt = createdAt + 2 * HOUR;
        for (const approval of approvalsOf(store, 'RequisitionHeader', req.id)) {
          Object.assign(approval, { state: 'approved', approvalDate: decidedAt, approvedById: approval.approverId, updatedAt: decidedAt });
        }
        Object.assign(req, { status: 'approved', updatedAt: decidedAt });
      }
    }
  }
}
