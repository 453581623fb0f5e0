// /api/requisitions: list, show, create (draft), update, delete (drafts), submit_for_approval, update_and_submit_for_approval, add_approver, remove_approval.
import type { Request, Response, Router } from 'express';
import { requireScope, type CoupaAuth } from '../../oauth.js';
import { readReference, type CoupaReferenceKinds } from '../../references.js';
import { mountResource, type ResourceDefinition } from '../../resource.js';
import type { CoupaStore, Draft } from '../../store.js';
import {
  formatMoney,
  isBlank,
  isJsonObject,
  isNumericString,
  parseInstant,
  readString,
  recordNotFound,
  validationError,
  type Json,
  type JsonObject,
} from '../../wire.js';
import { appendApprovals, approvalsOf } from '../approvals/chain.js';
import { mountApproverActions } from '../approvals/document-routes.js';
import { jsonBody, recordId, replyRecord } from '../http.js';
import { managementChain, requisitionApprovable } from './approvable.js';
import {
  UNSUBMITTED_REQUISITION_STATUSES,
  type RequisitionLineRecord,
  type RequisitionLineType,
  type RequisitionRecord,
} from './record.js';
import { renderRequisition, requisitionTotal } from './view.js';

const MODEL = 'requisition-header';

export const REQUISITION_ATTRIBUTES = [
  'id',
  'created-at',
  'updated-at',
  'status',
  'submitted-at',
  'justification',
  'need-by-date',
  'reject-reason-comment',
  'exported',
  'total',
  'currency',
  'department',
  'requested-by',
  'created-by',
  'line-count',
  'current-approval',
  'approvals',
  'requisition-lines',
] as const;

type LineDraft = Omit<Draft<RequisitionLineRecord>, 'requisitionId'>;

function readDate(body: JsonObject, key: string, label: string, problems: string[]): number | null | undefined {
  const text = readString(body, key, label, problems);
  if (text === undefined || text === null) return text;
  const instant = parseInstant(text);
  if (instant === null) problems.push(`${label} is not a date`);
  return instant ?? undefined;
}

function decimalText(value: Json | undefined): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string' && isNumericString(value)) return value.trim();
  return null;
}

/** `requisition-lines`: line-num +1 per line (a repeated line-num is ignored, as Compass says), description, quantity, unit-price. */
function readLines(body: JsonObject, problems: string[]): LineDraft[] | undefined {
  if (!('requisition-lines' in body)) return undefined;
  const raw = body['requisition-lines'];
  if (!Array.isArray(raw)) {
    problems.push('Requisition lines must be an array');
    return undefined;
  }
  const lines: LineDraft[] = [];
  raw.forEach((item, index) => {
    if (!isJsonObject(item)) {
      problems.push(`Requisition line ${index + 1} must be an object`);
      return;
    }
    const lineNum = typeof item['line-num'] === 'number' ? item['line-num'] : index + 1;
    if (lines.some((l) => l.lineNum === lineNum)) return;
    const label = `Requisition line ${lineNum}`;
    const description = typeof item.description === 'string' ? item.description : '';
    if (isBlank(description)) problems.push(`${label}: description can't be blank`);
    const unitPrice = decimalText(item['unit-price']);
    if (unitPrice === null || Number(unitPrice) < 0) problems.push(`${label}: unit price is not a number`);
    const quantity = item.quantity === undefined || item.quantity === null ? null : decimalText(item.quantity);
    if (item.quantity !== undefined && item.quantity !== null && (quantity === null || Number(quantity) <= 0)) {
      problems.push(`${label}: quantity must be greater than 0`);
    }
    const explicitType = item.type === 'RequisitionAmountLine' || item.type === 'RequisitionQuantityLine' ? item.type : null;
    const type: RequisitionLineType = explicitType ?? (quantity === null ? 'RequisitionAmountLine' : 'RequisitionQuantityLine');
    const uom = isJsonObject(item.uom) && typeof item.uom.code === 'string' ? item.uom.code : type === 'RequisitionQuantityLine' ? 'EA' : null;
    const lineProblems: string[] = [];
    const needByDate = readDate(item, 'need-by-date', `${label}: need by date`, lineProblems);
    problems.push(...lineProblems);
    lines.push({
      lineNum,
      type,
      description,
      quantity: type === 'RequisitionAmountLine' ? null : (quantity ?? '1'),
      unitPrice: formatMoney(unitPrice ?? 0),
      uomCode: uom,
      needByDate: needByDate ?? null,
    });
  });
  return lines;
}

/**
 * The requester from a body. Compass lists `requester` as the input and `requested-by` as output
 * only; what `requested-by` sent in does is configurable ([U], see approvals/config.ts).
 */
function readRequester(store: CoupaStore, kinds: CoupaReferenceKinds, body: JsonObject, problems: string[]): number | null | undefined {
  let requester = readReference(body, 'requester', kinds.user, problems);
  const sentRequestedBy = 'requested-by' in body || 'requested-by-id' in body;
  if (sentRequestedBy) {
    const mode = store.approvalBehaviour.requestedByOnInput;
    if (mode === 'reject') problems.push('Requested by is read only: send requester');
    else if (mode === 'accept' && requester === undefined) requester = readReference(body, 'requested-by', kinds.user, problems);
  }
  if (typeof requester === 'number' && store.users.get(requester)?.active === false) {
    // Compass: users in requested-by must be active.
    problems.push(`Requester ${store.users.get(requester)?.login ?? requester} is not an active user`);
  }
  return requester;
}

function replaceLines(store: CoupaStore, requisitionId: number, lines: LineDraft[], at: number): void {
  for (const old of store.requisitionLines.all().filter((l) => l.requisitionId === requisitionId)) store.requisitionLines.delete(old.id);
  for (const line of lines) store.requisitionLines.insert({ ...line, requisitionId }, at);
}

/** Applies a POST or PUT body; throws 400 with every problem found before changing anything. */
export function writeRequisition(
  store: CoupaStore,
  kinds: CoupaReferenceKinds,
  existing: RequisitionRecord | undefined,
  body: JsonObject,
): number {
  const problems: string[] = [];
  const justification = readString(body, 'justification', 'Justification', problems);
  const needByDate = readDate(body, 'need-by-date', 'Need by date', problems);
  const departmentId = readReference(body, 'department', kinds.department, problems);
  const currencyId = readReference(body, 'currency', kinds.currency, problems);
  const requesterId = readRequester(store, kinds, body, problems);
  const lines = readLines(body, problems);

  const submitted = existing !== undefined && !UNSUBMITTED_REQUISITION_STATUSES.includes(existing.status);
  if (submitted && lines !== undefined) problems.push('Requisition lines cannot be changed once the requisition is submitted');
  if (
    submitted &&
    typeof requesterId === 'number' &&
    requesterId !== existing.requestedById &&
    !store.approvalBehaviour.changeRequesterAfterSubmit
  ) {
    problems.push('Requester cannot be changed once the requisition is submitted');
  }
  const finalRequester = requesterId === undefined ? existing?.requestedById : requesterId;
  if (finalRequester === undefined || finalRequester === null) {
    if (!problems.some((p) => p.includes('User record'))) problems.push("Requester can't be blank");
  }
  if (!existing && lines !== undefined && lines.length === 0) problems.push("Requisition lines can't be blank");
  if (problems.length > 0 || finalRequester === undefined || finalRequester === null) throw validationError(MODEL, problems);

  const requester = store.users.get(finalRequester);
  const usd = store.findCurrencyByCode('USD')?.id ?? 1;
  const next: Draft<RequisitionRecord> = {
    status: existing?.status ?? 'draft',
    requestedById: finalRequester,
    createdById: existing?.createdById ?? finalRequester,
    justification: justification === undefined ? (existing?.justification ?? null) : justification,
    departmentId: departmentId === undefined ? (existing?.departmentId ?? requester?.departmentId ?? null) : departmentId,
    currencyId: currencyId ?? existing?.currencyId ?? requester?.defaultCurrencyId ?? usd,
    needByDate: needByDate === undefined ? (existing?.needByDate ?? null) : needByDate,
    submittedAt: existing?.submittedAt ?? null,
    rejectReasonComment: existing?.rejectReasonComment ?? null,
    exported: existing?.exported ?? false,
  };
  const at = store.now();
  if (existing) {
    const changed = store.applyChanges(existing, next);
    if (lines !== undefined) {
      replaceLines(store, existing.id, lines, at);
      if (!changed) store.touch(existing);
    }
    return existing.id;
  }
  const created = store.requisitions.insert(next, at);
  replaceLines(store, created.id, lines ?? [], at);
  return created.id;
}

/** Submits a draft: its management chain becomes its approvals (none: approved at once). */
export function submitRequisition(store: CoupaStore, id: number): void {
  const req = store.requisitions.get(id);
  if (!req) throw recordNotFound();
  if (!UNSUBMITTED_REQUISITION_STATUSES.includes(req.status)) {
    throw validationError(MODEL, [`Only a draft requisition can be submitted; this one is ${req.status}`]);
  }
  if (store.requisitionLines.all().every((l) => l.requisitionId !== id)) throw validationError(MODEL, ["Requisition lines can't be blank"]);
  const at = store.now();
  req.status = 'pending_approval';
  req.submittedAt = at;
  req.rejectReasonComment = null;
  req.updatedAt = at;
  appendApprovals(store, requisitionApprovable, id, managementChain(store, req.requestedById, requisitionTotal(store, id)), 'ManagementHierarchyApproval', at);
}

export function requisitionsResource(store: CoupaStore, kinds: CoupaReferenceKinds): ResourceDefinition {
  const show = (id: number): JsonObject | undefined => {
    const req = store.requisitions.get(id);
    return req ? renderRequisition(store, req) : undefined;
  };
  return {
    path: '/requisitions',
    scope: 'core.requisition',
    schema: { resource: 'requisitions', attributes: REQUISITION_ATTRIBUTES },
    list: () => store.requisitions.all().map((r) => renderRequisition(store, r)),
    show,
    create: (body) => writeRequisition(store, kinds, undefined, body),
    update: (id, body) => {
      writeRequisition(store, kinds, store.requisitions.get(id), body);
    },
    // Compass documents DELETE for requisitions; only unsubmitted ones can go [U: the refusal's wording].
    remove: (id) => {
      const req = store.requisitions.get(id);
      const before = show(id);
      if (!req || !before) throw recordNotFound();
      if (!UNSUBMITTED_REQUISITION_STATUSES.includes(req.status)) {
        throw validationError(MODEL, [`Only a draft requisition can be deleted; this one is ${req.status}`]);
      }
      for (const line of store.requisitionLines.all().filter((l) => l.requisitionId === id)) store.requisitionLines.delete(line.id);
      for (const approval of approvalsOf(store, 'RequisitionHeader', id)) store.approvals.delete(approval.id);
      store.requisitions.delete(id);
      return before;
    },
  };
}

/** Mounts the collection and its actions; action routes go first so `/submit_for_approval` is never read as an id. */
export function mountRequisitions(api: Router, auth: CoupaAuth, store: CoupaStore, kinds: CoupaReferenceKinds): void {
  const resource = requisitionsResource(store, kinds);
  const write = requireScope(auth, 'core.requisition.write');
  const show = (id: number): JsonObject => resource.show(id) ?? {};

  const createAndSubmit = (req: Request, res: Response): void => {
    const id = writeRequisition(store, kinds, undefined, jsonBody(req));
    try {
      submitRequisition(store, id);
    } catch (err) {
      // Create-and-submit is one action: a refused submit leaves nothing behind.
      resource.remove?.(id);
      throw err;
    }
    replyRecord(req, res, 201, show(id));
  };
  api.post('/api/requisitions/submit_for_approval', write, createAndSubmit);
  // The older path Compass still lists.
  api.post('/api/requisitions/new/submit_for_approval', write, createAndSubmit);

  api.put('/api/requisitions/:id/update_and_submit_for_approval', write, (req: Request, res: Response) => {
    const id = recordId(req);
    const existing = store.requisitions.get(id);
    if (!existing) throw recordNotFound();
    if (!UNSUBMITTED_REQUISITION_STATUSES.includes(existing.status)) {
      throw validationError(MODEL, [`Only a draft requisition can be submitted; this one is ${existing.status}`]);
    }
    writeRequisition(store, kinds, existing, jsonBody(req));
    submitRequisition(store, id);
    replyRecord(req, res, 200, show(id));
  });

  mountApproverActions(api, auth, store, requisitionApprovable, (id) => resource.show(id));
  mountResource(api, auth, resource);
}
