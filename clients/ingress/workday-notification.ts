// Workday outbound subscription messages (SOAP Receive_Notification): parsed, zod-checked, and turned into a business event.
import { XMLParser } from 'fast-xml-parser';
import { z } from 'zod';
import type { BusinessEvent, BusinessEventKind } from '../events/events';

/** A message that is not a well-formed Receive_Notification: 400 with this reason. */
export class MalformedNotificationError extends Error {
  override name = 'MalformedNotificationError';
}

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  trimValues: true,
  // Entities off: a notification has no use for them, and they are how XML bombs work.
  processEntities: false,
  isArray: (name) => name === 'ID' || name === 'Transaction_Target_Reference',
});

const idSchema = z.object({ '#text': z.string().min(1), '@_type': z.string().min(1) });
const referenceSchema = z.object({ ID: z.array(idSchema).min(1) });

/** Event_Data as the reference lists it; only the fields used are required. */
const eventDataSchema = z.object({
  Event_Reference: referenceSchema,
  Event_Name: z.string().min(1),
  Notification_Trigger: z.string().optional(),
  Event_Completion_Date: z.string().optional(),
  Event_Effective_Date: z.string().optional(),
  Tenant_Name: z.string().optional(),
  Transaction_Target_Reference: z.array(referenceSchema).min(1),
});

const envelopeSchema = z.object({
  Envelope: z.object({
    Header: z.unknown().optional(),
    Body: z.object({ Receive_Notification: z.object({ Event_Data: eventDataSchema }) }),
  }),
});

export interface WorkdayNotification {
  eventWid: string;
  eventName: string;
  employeeIds: string[];
  /** WS-Security UsernameToken from the SOAP header, when sent. */
  usernameToken: { username: string; password: string } | null;
}

function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.filter((p) => typeof p === 'string' && !p.startsWith('@_')).join('/') || '(document)'}: ${i.message}`)
    .join('; ');
}

function readUsernameToken(header: unknown): WorkdayNotification['usernameToken'] {
  const token = (header as { Security?: { UsernameToken?: { Username?: unknown; Password?: unknown } } } | undefined)?.Security?.UsernameToken;
  const text = (v: unknown): string | null => (typeof v === 'string' ? v : typeof v === 'object' && v && '#text' in v && typeof v['#text'] === 'string' ? v['#text'] : null);
  const username = text(token?.Username);
  const password = text(token?.Password);
  return username !== null && password !== null ? { username, password } : null;
}

export function parseWorkdayNotification(xml: string): WorkdayNotification {
  let document: unknown;
  try {
    document = parser.parse(xml, true);
  } catch (err) {
    throw new MalformedNotificationError(`not well-formed XML: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
  }
  const parsed = envelopeSchema.safeParse(document);
  if (!parsed.success) throw new MalformedNotificationError(`not a Receive_Notification: ${describe(parsed.error)}`);
  const data = parsed.data.Envelope.Body.Receive_Notification.Event_Data;
  const eventWid = data.Event_Reference.ID.find((id) => id['@_type'] === 'WID')?.['#text'];
  if (!eventWid) throw new MalformedNotificationError('Event_Reference has no WID');
  const employeeIds = data.Transaction_Target_Reference.flatMap((ref) => ref.ID.filter((id) => id['@_type'] === 'Employee_ID').map((id) => id['#text']));
  if (employeeIds.length === 0) {
    // [U] whether Workday sends the Employee_ID or only the WID: configure the subscription to include it.
    throw new MalformedNotificationError('Transaction_Target_Reference has no Employee_ID (only WIDs): include Employee_ID in the subscription');
  }
  return { eventWid, eventName: data.Event_Name, employeeIds: [...new Set(employeeIds)], usernameToken: readUsernameToken(parsed.data.Envelope.Header) };
}

/** `Hire Employee=worker.hired;…` → ordered pairs; an Event_Name matches a pair when it starts with the name. */
export function parseEventNameMap(spec: string): Array<{ name: string; kind: BusinessEventKind }> {
  return spec
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean)
    .map((pair) => {
      const [name, kind] = pair.split('=').map((s) => s.trim());
      if (!name || (kind !== 'worker.hired' && kind !== 'worker.job-changed' && kind !== 'worker.terminated')) {
        throw new Error(`INGRESS_WORKDAY_EVENT_NAMES: "${pair}" is not <Event_Name>=worker.hired|worker.job-changed|worker.terminated`);
      }
      return { name, kind };
    });
}

/** The business events of a notification (one per target worker), or the reason it is ignored. */
export function workdayEvents(notification: WorkdayNotification, names: ReadonlyArray<{ name: string; kind: BusinessEventKind }>): BusinessEvent[] | { ignored: string } {
  // Rescinds and corrections are other events (e.g. "Rescind …"); only those configured start a process.
  const match = names.find(({ name }) => notification.eventName === name || notification.eventName.startsWith(`${name}:`) || notification.eventName.startsWith(`${name} `));
  if (!match) return { ignored: `no process handles Workday event "${notification.eventName}"` };
  return notification.employeeIds.map(
    (employeeId) => ({ kind: match.kind, employeeId, eventId: `workday:${notification.eventWid}:${employeeId}`, source: 'workday-notification' }) as BusinessEvent,
  );
}
