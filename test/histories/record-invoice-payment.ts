// Records one history per path of invoiceToPayment and paymentPoller for the replay test: `npx tsx test/histories/record-invoice-payment.ts`.
// Only missing files are recorded; an existing history is never overwritten (see history-files.ts).
import { startProvisioningHarness, eventually, type ProvisioningHarness } from '../helpers/provisioning-harness';
import { approvedInvoice, settle } from '../helpers/invoice-payment';
import { confirmInvoicePayment, reportInvoiceVoided, runPaymentPoller, startInvoiceToPayment } from '../../clients/invoice-payment';
import { invoicePaymentWorkflowId, type InvoicePaymentStatus } from '../../workflows/invoice-to-payment';
import { retryUpdate, statusQuery } from '../../workflows/sync-state';
import { payablesOf } from '../../sandbox/workday/payables-store';
import { historyExists, saveRunHistory } from './history-files';
import { runRecorder } from './recorder';

type Scenario = (h: ProvisioningHarness) => Promise<string>;
let sequence = 0;

async function waitingRun(h: ProvisioningHarness, extra: Record<string, unknown> = {}): Promise<number> {
  sequence += 1;
  const id = await approvedInvoice(h.coupa, { number: `HIST-${sequence}` });
  const client = h.temporal.env.client;
  if (Object.keys(extra).length > 0) {
    await client.workflow.start('invoiceToPayment', { workflowId: invoicePaymentWorkflowId(id), taskQueue: h.queueConfig.TASK_QUEUE_WORKFLOWS, args: [{ coupaInvoiceId: String(id), companyCode: 'US01', ...extra }] });
  } else {
    await startInvoiceToPayment(client, h.queueConfig, { coupaInvoiceId: String(id), companyCode: 'US01' });
  }
  await eventually(async () => {
    const s = (await client.workflow.getHandle(invoicePaymentWorkflowId(id)).query(statusQuery)) as InvoicePaymentStatus;
    return s.syncState === 'waiting' && s.payment.paymentState !== 'posting' ? true : undefined;
  }, `invoice ${id} waiting`);
  return id;
}

const pay = (h: ProvisioningHarness, id: number, amount: string, reference: string) =>
  confirmInvoicePayment(h.temporal.env.client, String(id), { amount, currency: 'USD', paymentDate: '2026-11-20', reference, source: 'cli' });

async function parkedThenRetried(h: ProvisioningHarness, id: number): Promise<string> {
  const handle = h.temporal.env.client.workflow.getHandle(invoicePaymentWorkflowId(id));
  await eventually(async () => ((await handle.query(statusQuery)).syncState === 'needs-attention' ? true : undefined), 'the run to park');
  await handle.executeUpdate(retryUpdate);
  await handle.result();
  return handle.workflowId;
}

const invoiceScenarios: Record<string, Scenario> = {
  async 'paid-in-parts'(h) {
    const id = await waitingRun(h);
    await pay(h, id, '400.00', 'EFT-H1');
    await pay(h, id, '400.00', 'EFT-H1');
    await pay(h, id, '600.00', 'EFT-H2');
    const handle = h.temporal.env.client.workflow.getHandle(invoicePaymentWorkflowId(id));
    await handle.result();
    return handle.workflowId;
  },
  async voided(h) {
    const id = await waitingRun(h);
    await reportInvoiceVoided(h.temporal.env.client, String(id), 'duplicate');
    const handle = h.temporal.env.client.workflow.getHandle(invoicePaymentWorkflowId(id));
    await handle.result();
    return handle.workflowId;
  },
  async 'overpaid-parked-then-retried'(h) {
    const id = await waitingRun(h);
    await pay(h, id, '1200.00', 'EFT-H3');
    return parkedThenRetried(h, id);
  },
  async 'voided-after-payment-parked-then-retried'(h) {
    const id = await waitingRun(h);
    await pay(h, id, '100.00', 'EFT-H4');
    await eventually(async () => ((await h.temporal.env.client.workflow.getHandle(invoicePaymentWorkflowId(id)).query(statusQuery)) as InvoicePaymentStatus).payment.payments[0]?.inCoupa || undefined, 'payment recorded');
    await reportInvoiceVoided(h.temporal.env.client, String(id), 'credited');
    return parkedThenRetried(h, id);
  },
  async 'continued-as-new-then-paid'(h) {
    const id = await waitingRun(h, { historyLimit: 30 });
    for (let i = 1; i <= 3; i += 1) {
      await pay(h, id, '100.00', `EFT-C${i}`);
      await eventually(async () => ((await h.temporal.env.client.workflow.getHandle(invoicePaymentWorkflowId(id)).query(statusQuery)) as InvoicePaymentStatus).payment.payments.filter((p) => p.inCoupa).length === i || undefined, `payment ${i}`);
    }
    await pay(h, id, '700.00', 'EFT-C4');
    const handle = h.temporal.env.client.workflow.getHandle(invoicePaymentWorkflowId(id));
    await handle.result();
    return handle.workflowId;
  },
  async 'parked-data-then-retried'(h) {
    sequence += 1;
    // A supplier without the Workday Supplier ID (the supplier sync has not run for it yet).
    const id = await approvedInvoice(h.coupa, { number: `HIST-${sequence}` });
    const payables = payablesOf(h.workday.store);
    payables.suppliers.delete('SUP-000101');
    const handle = await startInvoiceToPayment(h.temporal.env.client, h.queueConfig, { coupaInvoiceId: String(id), companyCode: 'US01' });
    await eventually(async () => ((await handle.query(statusQuery)).syncState === 'needs-attention' ? true : undefined), 'the run to park');
    payables.reset();
    await handle.executeUpdate(retryUpdate);
    await eventually(async () => ((await handle.query(statusQuery)).syncState === 'waiting' ? true : undefined), 'waiting after the retry');
    await reportInvoiceVoided(h.temporal.env.client, String(id), 'test over');
    await handle.result();
    return handle.workflowId;
  },
};

const pollerScenarios: Record<string, Scenario> = {
  async 'signalled-and-unmatched'(h) {
    const id = await waitingRun(h);
    const payables = payablesOf(h.workday.store);
    payables.submit({ supplierInvoiceId: 'COUPA-INV-777777', suppliersInvoiceNumber: 'HIST-ORPHAN', supplierId: 'SUP-000102', companyCode: 'US01', currency: 'USD', invoiceDate: '2026-11-01', dueDate: null, controlTotalCents: 500, lines: [] }, Date.now());
    await settle(h.workday, [{ supplierInvoiceId: `COUPA-INV-${id}` }, { supplierInvoiceId: 'COUPA-INV-777777' }], '2021-03-03');
    const handle = await runPaymentPoller(h.temporal.env.client, h.queueConfig, { from: '2021-03-01', to: '2021-03-31' });
    await handle.result();
    await h.temporal.env.client.workflow.getHandle(invoicePaymentWorkflowId(id)).result();
    return handle.workflowId;
  },
};

const groups = [
  { prefix: 'invoice-to-payment', scenarios: invoiceScenarios },
  { prefix: 'payment-poller', scenarios: pollerScenarios },
];

/** The paths the saved histories must cover (the replay test checks them). */
export const REQUIRED_INVOICE_PAYMENT_HISTORIES = groups.flatMap((g) => Object.keys(g.scenarios).map((name) => `${g.prefix}-${name}`));

async function main(): Promise<void> {
  const missing = groups.flatMap((g) => Object.entries(g.scenarios).filter(([name]) => !historyExists(`${g.prefix}-${name}`)).map(([name, scenario]) => ({ name: `${g.prefix}-${name}`, scenario })));
  if (missing.length === 0) {
    console.log('every history exists; none is overwritten. Add a scenario with a new name to record more.');
    return;
  }
  const h = await startProvisioningHarness();
  await h.startWorkers();
  try {
    for (const { name, scenario } of missing) {
      const workflowId = await scenario(h);
      console.log(`saved ${saveRunHistory(h.temporal, workflowId, name)}`);
    }
  } finally {
    await h.close();
  }
}

if (require.main === module) runRecorder(main);
