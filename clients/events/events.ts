// Business events as every way in (webhook, poller, backfill, CLI) hands them on: one shape, zod-checked, whatever the source's format was.
import { z } from 'zod';

const employeeId = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'a Workday employee ID (letters, digits, - and _, at most 40)');
const coupaId = z.string().regex(/^\d{1,18}$/, 'a Coupa numeric id');

/** Where the event came from: for the audit trail and the trigger a run is started with. */
export const EVENT_SOURCES = ['workday-notification', 'coupa-callout', 'signed-event', 'poller', 'backfill', 'manual'] as const;
export type EventSource = (typeof EVENT_SOURCES)[number];

/**
 * The events the processes react to. `eventId` identifies one delivery's event (Workday's
 * Event_Reference WID, a transaction-log WID, the sender's event id): duplicates share it.
 */
export const businessEventSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('worker.hired'), employeeId }),
  z.object({ kind: z.literal('worker.job-changed'), employeeId }),
  z.object({ kind: z.literal('worker.terminated'), employeeId }),
  z.object({ kind: z.literal('invoice.approved'), coupaInvoiceId: coupaId }),
  z.object({
    kind: z.literal('purchase-order.changed'),
    coupaPoId: coupaId,
    version: z.number().int().min(0),
    status: z.string().min(1).max(40),
    observedAt: z.iso.datetime({ offset: true }),
  }),
  z
    .object({
      kind: z.literal('supplier.changed'),
      /** The system whose supplier changed: the run re-reads both, the event is a nudge. */
      system: z.enum(['coupa', 'workday']),
      coupaSupplierId: z.number().int().positive().optional(),
      coupaSupplierNumber: z.string().min(1).max(60).optional(),
      workdaySupplierId: z.string().min(1).max(60).optional(),
      changedAt: z.iso.datetime({ offset: true }).optional(),
      changedBy: z.string().min(1).max(120).optional(),
    })
    .refine((e) => e.coupaSupplierId !== undefined || e.coupaSupplierNumber !== undefined || e.workdaySupplierId !== undefined, {
      message: 'names no supplier: give workdaySupplierId, coupaSupplierNumber or coupaSupplierId',
      path: ['workdaySupplierId'],
    }),
]);

export type BusinessEventBody = z.infer<typeof businessEventSchema>;
export type BusinessEventKind = BusinessEventBody['kind'];
export const BUSINESS_EVENT_KINDS: readonly BusinessEventKind[] = ['worker.hired', 'worker.job-changed', 'worker.terminated', 'invoice.approved', 'purchase-order.changed', 'supplier.changed'];

export type BusinessEvent = BusinessEventBody & {
  eventId: string;
  source: EventSource;
};

/** The record an event is about, as a short string (no personal data): for logs and answers. */
export function businessKeyOf(event: BusinessEventBody): string {
  switch (event.kind) {
    case 'worker.hired':
    case 'worker.job-changed':
    case 'worker.terminated':
      return event.employeeId;
    case 'invoice.approved':
      return event.coupaInvoiceId;
    case 'purchase-order.changed':
      return event.coupaPoId;
    case 'supplier.changed':
      return event.workdaySupplierId ?? event.coupaSupplierNumber ?? `coupa-id-${event.coupaSupplierId}`;
  }
}
