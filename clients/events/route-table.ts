// The one routing table: every business event kind → the process that handles it. A process landing later adds its route module and one line here.
import type { Client } from '@temporalio/client';
import type { QueueConfig } from '../employee-provisioning';
import { businessEventSchema, type BusinessEvent, type BusinessEventKind } from './events';
import type { EventRoute, RouteOutcome } from './route';
import { employeeProvisioningRoute } from './routes/employee-provisioning';
import { employeeOffboardingRoute } from './routes/employee-offboarding';
import { invoicePostingRoute } from './routes/invoice-posting';
import { purchaseOrderEncumbranceRoute } from './routes/purchase-order-encumbrance';
import { supplierSyncRoute } from './routes/supplier-sync';

export const EVENT_ROUTES: readonly EventRoute[] = [
  employeeProvisioningRoute,
  employeeOffboardingRoute,
  invoicePostingRoute,
  purchaseOrderEncumbranceRoute,
  supplierSyncRoute,
];

export function routeFor(kind: BusinessEventKind): EventRoute | undefined {
  return EVENT_ROUTES.find((route) => route.kinds.includes(kind));
}

export function routeForProcess(process: string): EventRoute | undefined {
  return EVENT_ROUTES.find((route) => route.process === process);
}

/** An event no route takes, or whose fields are wrong: the sender's mistake (4xx), nothing was started. */
export class UnroutableEventError extends Error {
  override name = 'UnroutableEventError';
}

/** Validates the event and hands it to its process's route. */
export async function deliverEvent(client: Client, queues: QueueConfig, event: BusinessEvent): Promise<RouteOutcome & { process: string }> {
  const parsed = businessEventSchema.safeParse(event);
  if (!parsed.success) throw new UnroutableEventError(`invalid ${event.kind ?? 'event'}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(event)'} ${i.message}`).join('; ')}`);
  const route = routeFor(event.kind);
  if (!route) throw new UnroutableEventError(`no process handles ${event.kind} events yet`);
  return { process: route.process, ...(await route.start(client, queues, event)) };
}
