// Workday outbound subscription messages: a SOAP Receive_Notification per business process event (hire, job change, termination), with the Event_Data fields the reference lists.
import { WSSE_NS, WSSE_PASSWORD_TEXT, SOAP_ENV_NS } from '../kit/soap';
import type { OutboundAuth, OutboundMessage } from '../kit/outbound';
import { wid, type StoredTransactionLogEntry } from './store';

const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface NotificationEvent {
  /** WID of the business process event (Event_Reference). */
  eventWid: string;
  /** Business process type, e.g. "Hire Employee" ([U] the exact Event_Name per subscription). */
  eventName: string;
  employeeId: string;
  workerWid: string;
  effectiveDate: string;
  completedAt: number;
  tenant: string;
}

/** The Receive_Notification envelope; with WS-Security auth the subscription's user and password go in the header. */
export function receiveNotificationXml(event: NotificationEvent, auth: OutboundAuth = { type: 'none' }, version = 'v45.0'): string {
  const security =
    auth.type === 'ws-security'
      ? `<env:Header><wsse:Security xmlns:wsse="${WSSE_NS}"><wsse:UsernameToken><wsse:Username>${escape(auth.username)}</wsse:Username>` +
        `<wsse:Password Type="${WSSE_PASSWORD_TEXT}">${escape(auth.password)}</wsse:Password></wsse:UsernameToken></wsse:Security></env:Header>`
      : '';
  return (
    `<?xml version="1.0" encoding="UTF-8"?>` +
    `<env:Envelope xmlns:env="${SOAP_ENV_NS}">${security}<env:Body>` +
    `<wd:Receive_Notification xmlns:wd="urn:com.workday/bsvc" wd:version="${version}"><wd:Event_Data>` +
    `<wd:Event_Reference><wd:ID wd:type="WID">${escape(event.eventWid)}</wd:ID></wd:Event_Reference>` +
    `<wd:Event_Name>${escape(event.eventName)}</wd:Event_Name>` +
    `<wd:Notification_Trigger>Completion</wd:Notification_Trigger>` +
    `<wd:Event_Completion_Date>${new Date(event.completedAt).toISOString()}</wd:Event_Completion_Date>` +
    `<wd:Event_Effective_Date>${escape(event.effectiveDate)}</wd:Event_Effective_Date>` +
    `<wd:Tenant_Name>${escape(event.tenant)}</wd:Tenant_Name>` +
    `<wd:Transaction_Target_Reference><wd:ID wd:type="WID">${escape(event.workerWid)}</wd:ID><wd:ID wd:type="Employee_ID">${escape(event.employeeId)}</wd:ID></wd:Transaction_Target_Reference>` +
    `</wd:Event_Data></wd:Receive_Notification></env:Body></env:Envelope>`
  );
}

/** The message for one transaction-log entry; rescinds and corrections are their own events ("Rescind …", "Correct …"). */
export function notificationFor(entry: StoredTransactionLogEntry, tenant: string): OutboundMessage {
  // A correction is the same business process again (the receiver re-reads the date); a rescind is an event of its own.
  const eventName = entry.description.startsWith('Rescind') ? `${entry.description} Employee` : entry.type;
  const event: NotificationEvent = {
    eventWid: wid('businessProcessEvent', entry.wid),
    eventName,
    employeeId: entry.employeeId,
    workerWid: entry.workerWid,
    effectiveDate: entry.effectiveDate,
    completedAt: entry.enteredAt,
    tenant,
  };
  return { contentType: 'text/xml; charset=utf-8', render: (auth) => receiveNotificationXml(event, auth), description: `${eventName} ${entry.employeeId}` };
}
