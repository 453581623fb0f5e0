// Records one history per path of invoicePosting and purchaseOrderEncumbrance for the replay test: `npx tsx test/histories/record-finance.ts`.
// Only missing files are recorded; an existing history is never overwritten (see history-files.ts).
import fs from 'node:fs';
import { startProvisioningHarness, eventually, type ProvisioningHarness } from '../helpers/provisioning-harness';
import { financeAdmin } from '../helpers/finance';
import { requestInvoicePosting, signalPurchaseOrderChanged } from '../../clients/finance';
import { invoicePaymentWorkflowId } from '../../workflows/invoice-to-payment';
import { encumbranceQuery, purchaseOrderEncumbranceWorkflowId } from '../../workflows/purchase-order-encumbrance';
import { retrySignal, statusQuery } from '../../workflows/sync-state';
import { historyExists, saveRunHistory } from './history-files';
import { runRecorder } from './recorder';

type Scenario = (h: ProvisioningHarness) => Promise<string>;

/** The invoice the first scenario posted, which the second replays. */
let postedInvoiceId = 0;

const post = async (h: ProvisioningHarness, id: number) => {
  const { handle } = await requestInvoicePosting(h.temporal.env.client, h.queueConfig, String(id), 'approval-event');
  return handle;
};
const poEvent = (h: ProvisioningHarness, id: number, version: number, status: string) =>
  signalPurchaseOrderChanged(h.temporal.env.client, h.queueConfig, { coupaPoId: String(id), version, status, observedAt: new Date().toISOString() });
const parked = (handle: { query: (q: typeof statusQuery) => Promise<{ syncState: string }> }) =>
  eventually(async () => ((await handle.query(statusQuery)).syncState === 'needs-attention' ? true : undefined), 'the run to park');

/** Run in this order on one harness. */
const scenarios: Record<string, Scenario> = {
  async 'invoice-posting-posted'(h) {
    const invoice = await financeAdmin(h).createInvoice({ lines: [{ account: ['US01', 'CC1100', '6100'], total: '120.00' }, { account: ['US01', 'CC1400', '5010'], total: '900.00' }], 'invoice-date': '2026-03-02' });
    const handle = await post(h, invoice.id);
    await handle.result();
    postedInvoiceId = invoice.id;
    return handle.workflowId;
  },
  async 'invoice-posting-already-posted'(h) {
    const id = postedInvoiceId;
    await financeAdmin(h).resetInvoiceExport(id);
    const handle = await post(h, id);
    await handle.result();
    return handle.workflowId;
  },
  async 'invoice-posting-parked-then-retried'(h) {
    const invoice = await financeAdmin(h).createInvoice({ lines: [{ account: ['US01', 'CC1200', '7150'], total: '310.00', commodity: 'Catering' }], 'invoice-date': '2026-03-03' });
    const handle = await post(h, invoice.id);
    await parked(handle);
    fs.writeFileSync(h.mappingFile, fs.readFileSync(h.mappingFile, 'utf8').replace('      "6100": "6100" # Office Supplies', '      "6100": "6100" # Office Supplies\n      "7150": "6100" # Catering'));
    await handle.signal(retrySignal);
    await handle.result();
    return handle.workflowId;
  },
  async 'invoice-posting-handed-to-payment'(h) {
    const invoice = await financeAdmin(h).createInvoice({ lines: [{ account: ['DE01', 'CC2100', '6200'], total: '980.00' }], currency: 'EUR', 'invoice-date': '2026-03-04' });
    const handle = await post(h, invoice.id);
    await handle.result();
    await h.temporal.env.client.workflow.getHandle(invoicePaymentWorkflowId(String(invoice.id))).terminate('recording: not registered on this branch');
    return handle.workflowId;
  },
  async 'invoice-posting-not-approved'(h) {
    const invoice = await financeAdmin(h).createInvoice({ lines: [{ account: ['US01', 'CC1100', '6100'], total: '10.00' }], approved: false });
    const handle = await post(h, invoice.id);
    await handle.result();
    return handle.workflowId;
  },
  async 'po-encumbrance-issued-revised-closed'(h) {
    const admin = financeAdmin(h);
    const po = await admin.issuePurchaseOrder({ lines: [{ account: ['US01', 'CC1520', '6100'], total: '1000.00' }] });
    const handle = await poEvent(h, po.id, 1, 'issued');
    await eventually(async () => ((await handle.query(encumbranceQuery)).postedVersion === 1 ? true : undefined), 'v1');
    await admin.revisePurchaseOrder(po.id, [{ account: ['US01', 'CC1520', '6100'], total: '1800.00' }]);
    await poEvent(h, po.id, 2, 'issued');
    await eventually(async () => ((await handle.query(encumbranceQuery)).postedVersion === 2 ? true : undefined), 'v2');
    await admin.closePurchaseOrder(po.id);
    await poEvent(h, po.id, 2, 'closed');
    await h.temporal.env.client.workflow.getHandle(purchaseOrderEncumbranceWorkflowId(String(po.id))).result();
    return purchaseOrderEncumbranceWorkflowId(String(po.id));
  },
  async 'po-encumbrance-over-budget-then-retried'(h) {
    const admin = financeAdmin(h);
    const po = await admin.issuePurchaseOrder({ lines: [{ account: ['US01', 'CC1300', '5010'], total: '8000.00' }] });
    const handle = await poEvent(h, po.id, 1, 'issued');
    await parked(handle);
    const year = new Date().getUTCFullYear();
    for (const y of [year - 1, year, year + 1]) await admin.setBudget({ company: 'US01', costCenter: 'CC1300', ledgerAccount: '6300', fiscalYear: y, amount: '20000.00' });
    await handle.signal(retrySignal);
    await eventually(async () => ((await handle.query(encumbranceQuery)).postedVersion === 1 ? true : undefined), 'posted');
    await admin.cancelPurchaseOrder(po.id);
    await poEvent(h, po.id, 1, 'cancelled');
    await h.temporal.env.client.workflow.getHandle(handle.workflowId).result();
    return handle.workflowId;
  },
  async 'po-encumbrance-continued-as-new'(h) {
    const admin = financeAdmin(h);
    const po = await admin.issuePurchaseOrder({ lines: [{ account: ['US01', 'CC1700', '6500'], total: '100.00' }] });
    const workflowId = purchaseOrderEncumbranceWorkflowId(String(po.id));
    await h.temporal.env.client.workflow.start('purchaseOrderEncumbrance', { workflowId, taskQueue: h.queueConfig.TASK_QUEUE_WORKFLOWS, args: [{ coupaPoId: String(po.id), eventsPerRun: 1 }] });
    const handle = h.temporal.env.client.workflow.getHandle(workflowId);
    await eventually(async () => ((await handle.query(encumbranceQuery)).postedVersion === 1 ? true : undefined), 'v1');
    await admin.revisePurchaseOrder(po.id, [{ account: ['US01', 'CC1700', '6500'], total: '250.00' }]);
    await poEvent(h, po.id, 2, 'issued');
    await eventually(async () => ((await handle.query(encumbranceQuery)).postedVersion === 2 ? true : undefined), 'v2');
    await admin.closePurchaseOrder(po.id);
    await poEvent(h, po.id, 2, 'closed');
    await handle.result();
    return workflowId;
  },
};

/** The paths the saved histories must cover (the finance tests check them). */
export const REQUIRED_FINANCE_HISTORIES = Object.keys(scenarios);

async function main(): Promise<void> {
  if (REQUIRED_FINANCE_HISTORIES.every((name) => historyExists(name))) {
    console.log('every history exists; none is overwritten. Add a scenario with a new name to record more.');
    return;
  }
  const h = await startProvisioningHarness();
  await h.startWorkers();
  try {
    for (const [name, scenario] of Object.entries(scenarios)) {
      const workflowId = await scenario(h);
      if (historyExists(name)) continue;
      console.log(`saved ${saveRunHistory(h.temporal, workflowId, name)}`);
    }
  } finally {
    await h.close();
  }
}

if (require.main === module) runRecorder(main);
