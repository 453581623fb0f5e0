// Route: a supplier changed in Coupa or Workday → its supplierSync run, by signal-with-start of supplierChanged (clients/supplier-sync.ts).
import { requestSupplierSync } from '../../supplier-sync';
import { supplierKeyOf, supplierSyncWorkflowId, type SupplierChange } from '../../../workflows/supplier-sync';
import type { BusinessEventBody } from '../events';
import type { EventRoute } from '../route';

function changeOf(event: BusinessEventBody, trigger: SupplierChange['trigger']): SupplierChange {
  if (event.kind !== 'supplier.changed') throw new Error(`supplier-sync does not take ${event.kind}`);
  return {
    system: event.system,
    ...(event.coupaSupplierId !== undefined ? { coupaSupplierId: event.coupaSupplierId } : {}),
    ...(event.coupaSupplierNumber !== undefined ? { coupaSupplierNumber: event.coupaSupplierNumber } : {}),
    ...(event.workdaySupplierId !== undefined ? { workdaySupplierId: event.workdaySupplierId } : {}),
    ...(event.changedAt !== undefined ? { changedAt: event.changedAt } : {}),
    ...(event.changedBy !== undefined ? { changedBy: event.changedBy } : {}),
    trigger,
  };
}

export const supplierSyncRoute: EventRoute = {
  process: 'supplier-sync',
  kinds: ['supplier.changed'],
  keyHelp: 'Workday Supplier ID (or the Coupa supplier number of a supplier Workday does not have yet)',
  workflowIdFor: (event) => supplierSyncWorkflowId(supplierKeyOf(changeOf(event, 'event'))),
  // By hand: the key is taken as the Workday Supplier ID, which a Coupa-first supplier shares with its number.
  eventForKey: (key) => ({ kind: 'supplier.changed', system: 'workday', workdaySupplierId: key }),
  async start(client, queues, event) {
    const trigger = event.source === 'poller' ? 'poller' : event.source === 'manual' ? 'manual' : event.source === 'backfill' ? 'backfill' : 'event';
    const handle = await requestSupplierSync(client, queues, changeOf(event, trigger));
    return { workflowId: handle.workflowId, runId: handle.signaledRunId };
  },
};
