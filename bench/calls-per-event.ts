// Benchmark: API requests per business event of every process, read and written, counted by the sandboxes themselves and set beside the fewest the real APIs allow.
import { startProvisioningHarness, eventually, type ProvisioningHarness } from '../test/helpers/provisioning-harness';
import { provisionEveryoneInCoupa, otherMembersOf, workdayAdmin } from '../test/helpers/org-hierarchy';
import { restructureWorkday } from '../test/helpers/cost-centers';
import { financeAdmin } from '../test/helpers/finance';
import { approvedInvoice, settle } from '../test/helpers/invoice-payment';
import { editCoupa, editWorkday, setSyncWindow, settled, wireNotices, workdaySupplier, coupaSupplier } from '../test/helpers/supplier-sync';
import { requestEmployeeOffboarding } from '../clients/employee-offboarding';
import { requestOrgHierarchySync } from '../clients/org-hierarchy-sync';
import { requestCostCenterSync } from '../clients/cost-center-sync';
import { requestInvoicePosting, signalPurchaseOrderChanged } from '../clients/finance';
import { runPaymentPoller, startInvoiceToPayment } from '../clients/invoice-payment';
import { requestSupplierSync } from '../clients/supplier-sync';
import { encumbranceQuery, purchaseOrderEncumbranceWorkflowId, type EncumbranceView } from '../workflows/purchase-order-encumbrance';
import { invoicePaymentWorkflowId, type InvoicePaymentStatus } from '../workflows/invoice-to-payment';
import { statusQuery } from '../workflows/sync-state';
import { machine, runMain, save } from './common';
import { loadMappingFile } from '../infra/mapping-file';
import { callsOf } from '../test/helpers/api-calls';

/** The fewest requests the real APIs allow for one event, and why (see ../shared/reference/ and the README's table). */
interface Floor {
  calls: number;
  why: string;
}

export interface EventRow {
  event: string;
  coupaReads: number;
  coupaWrites: number;
  workdayReads: number;
  workdayWrites: number;
  total: number;
  floor: number;
  atFloor: boolean;
  floorWhy: string;
  /** Requests by route (Coupa, Workday REST) and by SOAP operation (Workday SOAP). */
  detail: Record<string, number>;
}

async function count(h: ProvisioningHarness, event: string, floor: Floor, run: () => Promise<unknown>): Promise<EventRow> {
  const calls = await callsOf(h, run);
  return {
    event,
    coupaReads: calls.coupa.reads,
    coupaWrites: calls.coupa.writes,
    workdayReads: calls.workday.reads,
    workdayWrites: calls.workday.writes,
    total: calls.total,
    floor: floor.calls,
    atFloor: calls.total <= floor.calls,
    floorWhy: floor.why,
    detail: calls.detail,
  };
}

/** Supplier and bank details are two Coupa resources; the copy re-reads source and target before writing (a concurrent edit must not be overwritten); the echo needs one read of the side that notified. */
const SUPPLIER_FLOOR: Floor = { calls: 7, why: 'Coupa supplier + supplier information + Get_Suppliers (3) + re-check source and target before the write (2) + the write (1) + one read of the echo\'s side (1)' };

/** Floor given + one per approval-group membership the event wrote. */
async function countPlusMemberships(h: ProvisioningHarness, event: string, floor: Floor, run: () => Promise<unknown>): Promise<EventRow> {
  const row = await count(h, event, floor, run);
  const memberships = row.detail['POST /api/user_group_memberships'] ?? 0;
  return { ...row, floor: floor.calls + memberships, atFloor: row.total <= floor.calls + memberships, floorWhy: `${floor.why} (${memberships} here)` };
}

/** Reads floor given + every write the event made (each a real change) + the lookup Coupa needs before each membership POST. */
async function countPlusWrites(h: ProvisioningHarness, event: string, floor: Floor, run: () => Promise<unknown>): Promise<EventRow> {
  const row = await count(h, event, floor, run);
  const writes = row.coupaWrites + row.workdayWrites;
  const lookups = row.detail['POST /api/user_group_memberships'] ?? 0;
  const calls = floor.calls + writes + lookups;
  return { ...row, floor: calls, atFloor: row.total <= calls, floorWhy: `${floor.why} + ${writes} writes + ${lookups} membership lookup(s)` };
}

const today = (): string => new Date().toISOString().slice(0, 10);

/** Coupa pages at most 50 rows and has no total, so a list of n rows costs floor(n/50)+1 requests (a short page ends it). */
const coupaPages = (rows: number): number => Math.floor(rows / 50) + 1;
/** Get_Workers answers up to ~999 workers a page [U]. */
const workdaySoapPages = (rows: number): number => Math.max(1, Math.ceil(rows / 999));

/** The fewest reads an org hierarchy sync can make of this tenant: Workday's orgs and workforce, Coupa's groups, users and approval memberships as lists. */
function orgSyncReadFloor(h: ProvisioningHarness): { calls: number; why: string } {
  const snap = h.coupa.store.snapshot();
  const approval = new Set(snap.userGroups.filter((g) => g['can-approve'] === true).map((g) => g.id));
  const memberships = snap.userGroupMemberships.filter((m) => approval.has(m['user-group-id'] as number)).length;
  const workers = h.workday.store.allWorkers({ includeTerminated: true }).length;
  const parts: Array<[string, number]> = [
    ['Workday orgs', 1],
    [`Get_Workers (${workers} workers)`, workdaySoapPages(workers)],
    [`Coupa groups (${snap.userGroups.length})`, coupaPages(snap.userGroups.length)],
    [`users (${snap.users.length})`, coupaPages(snap.users.length)],
    [`approval memberships (${memberships})`, coupaPages(memberships)],
  ];
  return { calls: parts.reduce((n, [, c]) => n + c, 0), why: parts.map(([what, c]) => `${what} ${c}`).join(' + ') };
}

/** The fewest reads of a cost center sync: 3 SOAP reads, the lookup's values and the sync's accounts as one list each (lookup id and account types cached). */
function costCenterReadFloor(h: ProvisioningHarness): { calls: number; why: string } {
  const config = loadMappingFile(h.mappingFile).costCenterSync!;
  const snap = h.coupa.store.snapshot();
  const values = snap.lookupValues.filter((v) => (v.lookup as { name?: string } | null)?.name === config.lookup).length;
  const types = new Set(Object.values(config.accounts.accountTypeByCompany));
  const accounts = snap.accounts.filter((a) => types.has((a['account-type'] as { name?: string } | null)?.name ?? '')).length;
  return {
    calls: 3 + coupaPages(values) + coupaPages(accounts),
    why: `companies + business units + cost centers 3 + lookup values (${values}) ${coupaPages(values)} + accounts of ${types.size} types in one list (${accounts}) ${coupaPages(accounts)}`,
  };
}

export function printTable(rows: EventRow[], title: string): void {
  const header = ['event', 'Coupa r/w', 'Workday r/w', 'total', 'floor', 'at floor'];
  const cells = rows.map((r) => [r.event, `${r.coupaReads}/${r.coupaWrites}`, `${r.workdayReads}/${r.workdayWrites}`, String(r.total), String(r.floor), r.atFloor ? 'yes' : `no (+${r.total - r.floor})`]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => `  | ${c.map((v, i) => (i === 0 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join(' | ')} |`;
  console.log(`\n${title}`);
  console.log(line(header));
  console.log(`  |${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
  for (const c of cells) console.log(line(c));
}

async function main(): Promise<void> {
  const started = Date.now();
  const h = await startProvisioningHarness();
  const rows: EventRow[] = [];
  const client = h.temporal.env.client;
  let unwire: (() => void) | null = null;
  try {
    setSyncWindow(h, 1);
    await h.startWorkers();
    const ready = Date.now();

    // Coupa users for the whole seeded workforce (what provisioning would have left), straight through the API.
    await provisionEveryoneInCoupa(h);
    // The tenant's steady state: the org sync has run, so managers sit in their org's approval group.
    await (await requestOrgHierarchySync(client, h.queueConfig, { trigger: 'manual' })).result();

    // ---- People: provisioning and offboarding (one hire first warms the worker's caches).
    const warm = h.workday.store.hire({ firstName: 'Warm', lastName: 'Up', supervisoryOrgCode: 'SUP-ENG', jobProfileCode: 'JP-SWE' });
    await (await h.provision(warm.employeeId)).result();
    const hire = h.workday.store.hire({ firstName: 'Event', lastName: 'Hire', supervisoryOrgCode: 'SUP-ENG', jobProfileCode: 'JP-SWE' });
    rows.push(await countPlusMemberships(h, 'new hire', { calls: 3, why: 'Get_Workers (whole worker) + Coupa user lookup + create, plus one per approval-group membership' }, async () => (await h.provision(hire.employeeId)).result()));
    rows.push(await count(h, 'unchanged re-provision', { calls: 2, why: 'Get_Workers + Coupa user read, no write' }, async () => (await h.provision(hire.employeeId, 'manual')).result()));
    h.workday.store.changeJob(hire.employeeId, { jobProfileCode: 'JP-MGR' });
    rows.push(await countPlusMemberships(h, 'job change', { calls: 3, why: 'Get_Workers + Coupa user read + one PUT, plus one per approval-group membership (a group id not cached yet costs one lookup)' }, async () => (await h.provision(hire.employeeId, 'job-change')).result()));

    // A leaver with one requisition and one approval waiting on them (Coupa's sandbox has both).
    const leaver = h.workday.store.hire({ firstName: 'Event', lastName: 'Leaver', supervisoryOrgCode: 'SUP-ENG', jobProfileCode: 'JP-SWE' });
    const leaverId = (await (await h.provision(leaver.employeeId)).result()).coupaUserId!;
    const colleague = (await h.coupaClient.listUsers({ login: 'proc.admin.1' }))[0]!.id;
    await coupaAdmin(h, '/_sandbox/requisitions', { requester: { id: leaverId }, approvers: [{ id: colleague }] });
    await coupaAdmin(h, '/_sandbox/invoices', { approvers: [{ id: leaverId }] });
    h.workday.store.terminate(leaver.employeeId, { terminationDate: today(), reason: 'Resignation' });
    rows.push(
      await count(h, 'termination (1 requisition + 1 approval rerouted)', {
        calls: 12,
        why: 'Workday: termination, then the chain on the date (2). Coupa: leaver + successor lookups, 2 pending lists, requisition PUT, approval: check + add_approver (no upsert) + check + remove_approval (whether Coupa refuses to remove a decided step is [U]), deactivate PUT (10)',
      }, async () => (await requestEmployeeOffboarding(client, h.queueConfig, leaver.employeeId)).result()),
    );

    // ---- Org hierarchy: one converging run, then the counted ones.
    await (await requestOrgHierarchySync(client, h.queueConfig, { trigger: 'manual' })).result();
    rows.push(await count(h, 'org hierarchy sync, unchanged', orgSyncReadFloor(h), async () => (await requestOrgHierarchySync(client, h.queueConfig, { trigger: 'manual' })).result()));
    await workdayAdmin(h, '/_sandbox/supervisoryOrganizations/SUP-MKT/manager', { employeeId: otherMembersOf(h, 'SUP-MKT')[0] });
    rows.push(await countPlusWrites(h, 'org hierarchy sync, one manager changed', orgSyncReadFloor(h), async () => (await requestOrgHierarchySync(client, h.queueConfig, { trigger: 'org-change' })).result()));

    // ---- Cost centers: one converging run, unchanged, then one new cost center.
    await (await requestCostCenterSync(client, h.queueConfig)).result();
    rows.push(await count(h, 'cost center sync, unchanged', costCenterReadFloor(h), async () => (await requestCostCenterSync(client, h.queueConfig)).result()));
    await restructureWorkday(h.workday.url, [{ action: 'create', code: 'CC2910', name: 'Event Bench', parentCode: 'CC1400' }]);
    const ccFloor = costCenterReadFloor(h);
    rows.push(await count(h, 'cost center sync, one new cost center', { calls: ccFloor.calls + 4, why: `${ccFloor.why} + value and account: a look (POST is no upsert) and a POST each (4)` }, async () => (await requestCostCenterSync(client, h.queueConfig)).result()));

    // ---- Finance: one approved invoice posted as a journal, one issued PO obligated.
    const admin = financeAdmin(h);
    const invoice = await admin.createInvoice({ lines: [{ account: ['US01', 'CC1100', '6100'], total: '120.00' }], 'invoice-date': today() });
    rows.push(await count(h, 'invoice posting (journal mode)', { calls: 4, why: 'Coupa invoice read + Workday duplicate check (Get_Journals) + Submit_Accounting_Journal + Coupa exported PUT' }, async () => (await requestInvoicePosting(client, h.queueConfig, String(invoice.id))).handle.result()));
    const po = await admin.issuePurchaseOrder({ lines: [{ account: ['US01', 'CC1520', '6100'], total: '1000.00' }] });
    rows.push(
      await count(h, 'PO encumbrance (one issued PO)', { calls: 5, why: 'Coupa PO read + budget check + obligation duplicate check (Get_Journals) + Submit_Accounting_Journal + Coupa exported PUT' }, async () => {
        await signalPurchaseOrderChanged(client, h.queueConfig, { coupaPoId: String(po.id), version: po.version ?? 1, status: po.status, observedAt: new Date().toISOString() });
        await eventually(async () => {
          const v: EncumbranceView = await client.workflow.getHandle(purchaseOrderEncumbranceWorkflowId(String(po.id))).query(encumbranceQuery);
          return v.postedVersion === 1 ? true : undefined;
        }, 'the PO obligated');
        await eventually(async () => (h.coupa.store.purchaseOrders.get(po.id)?.exported ? true : undefined), 'the PO marked exported');
      }),
    );

    // ---- Invoice to payment: submitted to Workday, then one payment recorded in Coupa.
    const payable = await approvedInvoice(h.coupa, { number: 'BENCH-EVENT-1' });
    const paymentStatus = async (): Promise<InvoicePaymentStatus> => (await client.workflow.getHandle(invoicePaymentWorkflowId(payable)).query(statusQuery)) as InvoicePaymentStatus;
    rows.push(
      await count(h, 'invoice to payment: submit', { calls: 3, why: 'Coupa invoice read + Submit_Supplier_Invoice (Workday refuses a second invoice of the same ID, so no check first) + Coupa exported PUT' }, async () => {
        await startInvoiceToPayment(client, h.queueConfig, { coupaInvoiceId: String(payable), companyCode: 'US01' });
        await eventually(async () => {
          const s = await paymentStatus();
          return s.syncState === 'waiting' && s.payment.paymentState !== 'posting' ? true : undefined;
        }, 'the invoice waiting for payment');
      }),
    );
    await settle(h.workday, [{ supplierInvoiceId: `COUPA-INV-${payable}` }]);
    rows.push(
      await count(h, 'invoice to payment: one payment recorded', { calls: 3, why: 'Get_Payments (poll, shared by all payments of the window) + Coupa invoice read + payment PUT' }, async () => {
        await (await runPaymentPoller(client, h.queueConfig, { from: today(), to: today() })).result();
        await eventually(async () => ((await paymentStatus()).payment.paymentState === 'paid' ? true : undefined), 'the payment recorded in Coupa');
      }),
    );

    // ---- Suppliers: the seeded linked pair converges, then one field changes on each side.
    unwire = wireNotices(h);
    const KEY = 'S-1002';
    const COUPA_ID = 501;
    await requestSupplierSync(client, h.queueConfig, { system: 'coupa', coupaSupplierId: COUPA_ID, coupaSupplierNumber: KEY, workdaySupplierId: KEY, trigger: 'manual' });
    await eventually(async () => settled(h, KEY), 'the first supplier sync');
    rows.push(
      await count(h, 'supplier sync: address changed in Coupa', SUPPLIER_FLOOR, async () => {
        await editCoupa(h, COUPA_ID, { changes: { addresses: { street1: '1 Bench Street' } }, by: 'bench' });
        await eventually(async () => (workdaySupplier(h, KEY)?.address?.line1 === '1 Bench Street' && (await settled(h, KEY)) ? true : undefined), 'the address in Workday');
        await quiet(h, KEY);
      }),
    );
    rows.push(
      await count(h, 'supplier sync: contact changed in Workday', SUPPLIER_FLOOR, async () => {
        await editWorkday(h, KEY, { changes: { contacts: { email: 'bench@initech.example' } }, by: 'bench' });
        await eventually(async () => (coupaSupplier(h, COUPA_ID).supplier?.contactEmail === 'bench@initech.example' && (await settled(h, KEY)) ? true : undefined), 'the contact email in Coupa');
        await quiet(h, KEY);
      }),
    );

    const result = { bench: 'calls-per-event', machine: machine(), startupSeconds: (ready - started) / 1000, eventsSeconds: (Date.now() - ready) / 1000, events: rows };
    printTable(rows, `API requests per business event (token requests left out; reads/writes; ${result.machine.cores} cores, ${result.machine.memoryGiB} GiB)`);
    const over = rows.filter((r) => !r.atFloor);
    console.log(`  ${rows.length - over.length} of ${rows.length} events at their floor; events took ${result.eventsSeconds.toFixed(1)} s after ${result.startupSeconds.toFixed(1)} s startup`);
    console.log(`  saved ${save('calls-per-event', result)}`);
  } finally {
    unwire?.();
    await h.close();
  }
}

async function coupaAdmin(h: ProvisioningHarness, path: string, body: unknown): Promise<{ id: number }> {
  const res = await fetch(`${h.coupa.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (res.status !== 201) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as { id: number };
}

/** The supplier run has handled its own write's echo: settled, and still settled after the sync window. */
async function quiet(h: ProvisioningHarness, key: string): Promise<void> {
  await new Promise((r) => setTimeout(r, 2500));
  await eventually(async () => settled(h, key), 'the supplier run settled after the echo');
}

if (require.main === module) runMain(main);
