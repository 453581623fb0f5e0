// Coupa calls that move a leaver's work to someone else: their pending requisitions (requester) and the approvals waiting on them (requisitions, invoices, POs), each write checked first so a repeat writes nothing.
import { ApplicationFailure } from '@temporalio/common';
import type { Logger } from '../../infra/logger';
import { pathSegment, type CallOptions } from '../http/api-client';
import { ConnectorErrorTypes } from '../http/error-types';
import { collect } from '../http/paging';
import {
  coupaApprovableDocumentSchema,
  coupaApprovalSchema,
  coupaApprovalsSchema,
  coupaRequisitionSchema,
  coupaRequisitionsSchema,
  type CoupaApproval,
  type CoupaRequisition,
  type CoupaRequisitionRequesterWrite,
} from './approval-schemas';
import type { CoupaClient } from './client';

/** Documents whose approvals offboarding reroutes, as Coupa's `approvable-type` names them. */
export const COUPA_APPROVABLE_TYPES = ['RequisitionHeader', 'InvoiceHeader', 'OrderHeader'] as const;
export type CoupaApprovableType = (typeof COUPA_APPROVABLE_TYPES)[number];

/**
 * Where each document's add_approver / remove_approval live. Compass documents them on
 * requisitions and invoices; for orders it documents them on /purchase_order_changes only, so the
 * OrderHeader path is [U] and overridable.
 */
export const COUPA_APPROVABLE_PATHS: Readonly<Record<CoupaApprovableType, string>> = {
  RequisitionHeader: '/requisitions',
  InvoiceHeader: '/invoices',
  OrderHeader: '/purchase_orders',
};

/**
 * Approval statuses that still wait on their approver: the current step, one on hold, and one not
 * reached yet. Coupa's full status set is [U]; only `pending_approval` is documented as actionable.
 */
export const COUPA_OPEN_APPROVAL_STATUSES: readonly string[] = ['pending_approval', 'on_hold', 'created'];

/** Requisition statuses in which a requisition still waits on someone and so needs a present requester. */
export const COUPA_PENDING_REQUISITION_STATUSES: readonly string[] = ['pending_approval', 'pending_buyer_action'];

export interface CoupaApprovalsClientOptions {
  /** Overrides COUPA_OPEN_APPROVAL_STATUSES (a tenant naming its queued steps differently). */
  openApprovalStatuses?: readonly string[];
  /** Overrides entries of COUPA_APPROVABLE_PATHS. */
  documentPaths?: Partial<Record<CoupaApprovableType, string>>;
  logger?: Logger;
}

export interface RequesterReassignment {
  requisitionId: number;
  previousRequesterId: number | null;
  newRequesterId: number;
  /** False when the requisition already had that requester: nothing was written. */
  changed: boolean;
}

export interface ApproverAddition {
  approvableType: CoupaApprovableType;
  approvableId: number;
  approverUserId: number;
  /** The open step of that user on the document (found before, or created now); null if the answer did not show it. */
  approvalId: number | null;
  /** False when the user already had an open step on the document: nothing was written. */
  changed: boolean;
}

export interface ApprovalRemoval {
  approvableType: CoupaApprovableType;
  approvableId: number;
  approvalId: number;
  /**
   * `removed`: written now. `already-removed`: the approval no longer exists (a repeat).
   * `already-decided`: approved or rejected before we got to it; there is nothing left to reroute.
   */
  outcome: 'removed' | 'already-removed' | 'already-decided';
  /** The approval's status when it was not removed now. */
  status: string | null;
  changed: boolean;
}

function signalOf(call: CallOptions | undefined): { signal?: AbortSignal } {
  return call?.signal ? { signal: call.signal } : {};
}

function isNotFound(err: unknown): boolean {
  return err instanceof ApplicationFailure && err.type === ConnectorErrorTypes.NotFound;
}

/** A step belongs to a user when its approver is that user (not an approval group that happens to share the id). */
function isUsersStep(approval: CoupaApproval, userId: number): boolean {
  const type = approval['approver-type'];
  if (type !== null && type !== undefined && type !== 'User') return false;
  return approval.approver?.id === userId;
}

export class CoupaApprovalsClient {
  private readonly openStatuses: readonly string[];
  private readonly paths: Readonly<Record<CoupaApprovableType, string>>;
  private readonly logger: Logger | undefined;

  constructor(
    private readonly coupa: CoupaClient,
    options: CoupaApprovalsClientOptions = {},
  ) {
    this.openStatuses = options.openApprovalStatuses ?? COUPA_OPEN_APPROVAL_STATUSES;
    this.paths = { ...COUPA_APPROVABLE_PATHS, ...options.documentPaths };
    this.logger = options.logger;
  }

  /** The requisitions this user requested that still wait (pending approval or buyer action). */
  async listPendingRequisitionsRequestedBy(userId: number, call?: CallOptions): Promise<CoupaRequisition[]> {
    const requisitions = await collect(
      this.coupa.paginate('/requisitions', coupaRequisitionsSchema, { 'requested-by[id]': userId, 'status[in]': COUPA_PENDING_REQUISITION_STATUSES }, call),
    );
    // Applied again locally, so a tenant that ignores a filter cannot widen the result.
    return requisitions.filter((r) => r['requested-by']?.id === userId && COUPA_PENDING_REQUISITION_STATUSES.includes(r.status ?? ''));
  }

  /**
   * Makes `newUserId` the requester of a requisition (PUT `requester`, the documented input).
   * Reads first: already theirs → no write. A tenant that answers 200 but keeps the old requester
   * (a read-only field there) is a contract failure, not a silent success.
   */
  async reassignRequisitionRequester(requisitionId: number, newUserId: number, call?: CallOptions, knownRequesterId?: number): Promise<RequesterReassignment> {
    const path = `/requisitions/${pathSegment(requisitionId)}`;
    // A caller that has just listed the requisition by its requester passes it: no read first (the PUT is
    // harmless to repeat, and its answer is checked below all the same).
    const previousRequesterId =
      knownRequesterId !== undefined ? knownRequesterId : ((await this.coupa.http.request(coupaRequisitionSchema, { method: 'GET', path, ...signalOf(call) }))['requested-by']?.id ?? null);
    if (previousRequesterId === newUserId) return { requisitionId, previousRequesterId, newRequesterId: newUserId, changed: false };

    const body: CoupaRequisitionRequesterWrite = { requester: { id: newUserId } };
    const updated = await this.coupa.http.request(coupaRequisitionSchema, { method: 'PUT', path, body, ...signalOf(call) });
    if (updated['requested-by']?.id !== newUserId) {
      throw ApplicationFailure.create({
        type: ConnectorErrorTypes.InvalidResponse,
        nonRetryable: true,
        message: `coupa PUT /api${path} answered without the new requester: this tenant does not let the API change a requisition's requester`,
        details: [{ system: 'coupa', method: 'PUT', path: `/api/requisitions/${requisitionId}`, status: 200 }],
      });
    }
    this.logger?.info({ coupaRequisitionId: requisitionId, previousRequesterId, newRequesterId: newUserId }, 'coupa requisition requester changed');
    return { requisitionId, previousRequesterId, newRequesterId: newUserId, changed: true };
  }

  /** Every approval still waiting on this user, on any document type, all pages. */
  async listPendingApprovalsOf(userId: number, call?: CallOptions): Promise<CoupaApproval[]> {
    const approvals = await collect(
      this.coupa.paginate('/approvals', coupaApprovalsSchema, { 'approver[id]': userId, 'status[in]': this.openStatuses }, call),
    );
    return approvals.filter((a) => isUsersStep(a, userId) && this.openStatuses.includes(a.status ?? ''));
  }

  /** The user's open steps on one document. */
  private async openStepsOf(type: CoupaApprovableType, documentId: number, userId: number, call: CallOptions | undefined): Promise<CoupaApproval[]> {
    const approvals = await collect(
      this.coupa.paginate(
        '/approvals',
        coupaApprovalsSchema,
        { 'approvable-type': type, 'approvable-id': documentId, 'approver[id]': userId, 'status[in]': this.openStatuses },
        call,
      ),
    );
    return approvals.filter(
      (a) =>
        a['approvable-type'] === type && a['approvable-id'] === documentId && isUsersStep(a, userId) && this.openStatuses.includes(a.status ?? ''),
    );
  }

  /**
   * Adds the user as an approver of the document (PUT `{document}/:id/add_approver?approver_id=`).
   * Looks first: a user who already has an open step there is not added twice.
   */
  async addApprover(type: CoupaApprovableType, documentId: number, approverUserId: number, call?: CallOptions): Promise<ApproverAddition> {
    const existing = await this.openStepsOf(type, documentId, approverUserId, call);
    const result = { approvableType: type, approvableId: documentId, approverUserId };
    if (existing[0]) return { ...result, approvalId: existing[0].id, changed: false };

    const document = await this.coupa.http.request(coupaApprovableDocumentSchema, {
      method: 'PUT',
      path: `${this.paths[type]}/${pathSegment(documentId)}/add_approver`,
      query: { approver_id: approverUserId },
      ...signalOf(call),
    });
    const added = (document.approvals ?? [])
      .filter((a) => isUsersStep(a, approverUserId) && this.openStatuses.includes(a.status ?? ''))
      .sort((a, b) => b.id - a.id)[0];
    this.logger?.info({ approvableType: type, approvableId: documentId, approverUserId, approvalId: added?.id ?? null }, 'coupa approver added');
    return { ...result, approvalId: added?.id ?? null, changed: true };
  }

  /**
   * Removes one step from the document (PUT `{document}/:id/remove_approval?approval_id=`). Reads the
   * approval first: gone already, or decided already (approved or rejected), means no write.
   */
  async removeApproval(type: CoupaApprovableType, documentId: number, approvalId: number, call?: CallOptions): Promise<ApprovalRemoval> {
    const result = { approvableType: type, approvableId: documentId, approvalId };
    let approval: CoupaApproval;
    try {
      approval = await this.coupa.http.request(coupaApprovalSchema, { method: 'GET', path: `/approvals/${pathSegment(approvalId)}`, ...signalOf(call) });
    } catch (err) {
      if (isNotFound(err)) return { ...result, outcome: 'already-removed', status: null, changed: false };
      throw err;
    }
    if (approval['approvable-type'] !== type || approval['approvable-id'] !== documentId) {
      throw ApplicationFailure.create({
        type: ConnectorErrorTypes.ValidationFailed,
        nonRetryable: true,
        message: `coupa approval ${approvalId} belongs to ${approval['approvable-type'] ?? '?'} ${approval['approvable-id'] ?? '?'}, not ${type} ${documentId}`,
      });
    }
    if (!this.openStatuses.includes(approval.status ?? '')) {
      return { ...result, outcome: 'already-decided', status: approval.status ?? null, changed: false };
    }
    await this.coupa.http.request(coupaApprovableDocumentSchema, {
      method: 'PUT',
      path: `${this.paths[type]}/${pathSegment(documentId)}/remove_approval`,
      query: { approval_id: approvalId },
      ...signalOf(call),
    });
    this.logger?.info({ approvableType: type, approvableId: documentId, approvalId }, 'coupa approval removed');
    return { ...result, outcome: 'removed', status: approval.status ?? null, changed: true };
  }
}
