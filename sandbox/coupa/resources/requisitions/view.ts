// Renders requisitions the way Coupa's JSON API shows them: requested-by, current-approval, approvals[] and requisition-lines[] embedded.
import type { CoupaStore } from '../../store.js';
import { currencyStub, userStub } from '../../views.js';
import { formatMoney, formatTimestamp, type JsonObject } from '../../wire.js';
import { approvalsOf, currentApproval } from '../approvals/chain.js';
import { renderApproval } from '../approvals/view.js';
import { lineTotal, type RequisitionLineRecord, type RequisitionRecord } from './record.js';

export function linesOf(store: CoupaStore, requisitionId: number): RequisitionLineRecord[] {
  return store.requisitionLines
    .all()
    .filter((l) => l.requisitionId === requisitionId)
    .sort((a, b) => a.lineNum - b.lineNum);
}

export function requisitionTotal(store: CoupaStore, requisitionId: number): string {
  return formatMoney(linesOf(store, requisitionId).reduce((sum, line) => sum + Number(lineTotal(line)), 0));
}

function userRef(store: CoupaStore, id: number | null): JsonObject | null {
  const user = id === null ? undefined : store.users.get(id);
  return user ? userStub(user) : null;
}

function date(epochMs: number | null): string | null {
  return epochMs === null ? null : formatTimestamp(epochMs);
}

function renderLine(store: CoupaStore, line: RequisitionLineRecord, currencyId: number): JsonObject {
  return {
    id: line.id,
    'created-at': formatTimestamp(line.createdAt),
    'updated-at': formatTimestamp(line.updatedAt),
    'line-num': line.lineNum,
    type: line.type,
    description: line.description,
    quantity: line.quantity,
    'unit-price': line.unitPrice,
    total: lineTotal(line),
    uom: line.uomCode === null ? null : { code: line.uomCode },
    currency: currencyStub(store.currencies.get(currencyId)),
    'need-by-date': date(line.needByDate),
  };
}

export function renderRequisition(store: CoupaStore, req: RequisitionRecord): JsonObject {
  const department = req.departmentId === null ? undefined : store.departments.get(req.departmentId);
  const current = currentApproval(store, 'RequisitionHeader', req.id);
  const lines = linesOf(store, req.id);
  return {
    id: req.id,
    'created-at': formatTimestamp(req.createdAt),
    'updated-at': formatTimestamp(req.updatedAt),
    status: req.status,
    'submitted-at': date(req.submittedAt),
    justification: req.justification,
    'need-by-date': date(req.needByDate),
    'reject-reason-comment': req.rejectReasonComment,
    exported: req.exported,
    total: requisitionTotal(store, req.id),
    currency: currencyStub(store.currencies.get(req.currencyId)),
    department: department ? { id: department.id, name: department.name } : null,
    'requested-by': userRef(store, req.requestedById),
    'created-by': userRef(store, req.createdById),
    'ship-to-address': null,
    'line-count': lines.length,
    'current-approval': current ? renderApproval(store, current) : null,
    approvals: approvalsOf(store, 'RequisitionHeader', req.id).map((a) => renderApproval(store, a)),
    'requisition-lines': lines.map((line) => renderLine(store, line, req.currencyId)),
  };
}
