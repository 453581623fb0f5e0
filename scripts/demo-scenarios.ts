// The demo's support, offboarding and org scenarios: a run that parks for a person, a leaver whose work moves to their manager, a termination weeks ahead, a reorg.
import type { Client } from '@temporalio/client';
import { requestEmployeeProvisioning, type QueueConfig } from '../clients/employee-provisioning';
import { requestEmployeeOffboarding } from '../clients/employee-offboarding';
import { requestOrgHierarchySync } from '../clients/org-hierarchy-sync';
import { requestCostCenterSync } from '../clients/cost-center-sync';
import { SAMPLE_RESTRUCTURE } from '../sandbox/workday/cost-center-store';
import { runPaymentPoller, startInvoiceToPayment } from '../clients/invoice-payment';
import { describeBankChange, pendingBankChange, requestSupplierSync } from '../clients/supplier-sync';
import { workflowUiLink } from '../infra/temporal-connection';
import type { TemporalConfig } from '../infra/config';
import { statusQuery, type ProcessStatus } from '../workflows/sync-state';
import { requestInvoicePosting, signalPurchaseOrderChanged } from '../clients/finance';
import { encumbranceQuery } from '../workflows/purchase-order-encumbrance';

export interface DemoSystems {
  client: Client;
  config: QueueConfig & Pick<TemporalConfig, 'TEMPORAL_UI_URL' | 'TEMPORAL_NAMESPACE'>;
  workdayUrl: string;
  coupaUrl: string;
  /** Rejects when the demo's scenario deadline passes. */
  withinDeadline<T>(what: string, promise: Promise<T>): Promise<T>;
}

async function post<T>(url: string, body: unknown): Promise<T> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${url} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

async function untilState(s: DemoSystems, workflowId: string, state: ProcessStatus['syncState']): Promise<ProcessStatus> {
  const handle = s.client.workflow.getHandle(workflowId);
  return s.withinDeadline(
    `${workflowId} reaching ${state}`,
    (async () => {
      for (;;) {
        const status = await handle.query(statusQuery).catch(() => null);
        if (status?.syncState === state) return status;
        await new Promise((r) => setTimeout(r, 300));
      }
    })(),
  );
}

/**
 * A hire in Field Operations, whose cost center CC2400 has no entry in the mapping file: the run
 * parks as `config` and waits for support. Left parked on purpose: the Web UI shows it.
 */
export async function parkedHireScenario(s: DemoSystems): Promise<{ ok: boolean; employeeId: string; workflowId: string }> {
  const hire = await post<{ employeeId: string }>(`${s.workdayUrl}/_sandbox/hire`, {
    firstName: 'Zainab',
    lastName: 'Haddad',
    supervisoryOrgCode: 'SUP-OPS',
    jobProfileCode: 'JP-ANALYST',
    costCenterCode: 'CC2400',
  });
  const handle = await requestEmployeeProvisioning(s.client, s.config, hire.employeeId, 'hire');
  const status = await untilState(s, handle.workflowId, 'needs-attention');
  console.log(`demo: support's path: ${handle.workflowId} parked (${status.parking?.category}): ${status.parking?.reason}`);
  console.log(`demo:   what to do: ${status.parking?.whatToDo}`);
  console.log(`demo:   then: npm run cli -- retry ${hire.employeeId}   (or skip ${hire.employeeId} --reason "…")`);
  console.log(`demo:   ${workflowUiLink(s.config, handle.workflowId, handle.signaledRunId)}`);
  return { ok: status.parking?.category === 'config', employeeId: hire.employeeId, workflowId: handle.workflowId };
}

/**
 * A provisioned hire leaves today with two requisitions of their own and an invoice waiting on their
 * approval: offboarding moves them to their manager, then deactivates the Coupa user.
 */
export async function offboardingScenario(s: DemoSystems, leaver: { employeeId: string; coupaUserId: number }): Promise<boolean> {
  for (let i = 0; i < 2; i += 1) await post(`${s.coupaUrl}/_sandbox/requisitions`, { requester: { id: leaver.coupaUserId } });
  await post(`${s.coupaUrl}/_sandbox/invoices`, { approvers: [{ id: leaver.coupaUserId }] });
  const today = new Date().toISOString().slice(0, 10);
  await post(`${s.workdayUrl}/_sandbox/workers/${leaver.employeeId}/terminate`, { terminationDate: today, reason: 'Resignation' });
  const handle = await requestEmployeeOffboarding(s.client, s.config, leaver.employeeId, 'termination');
  const result = await s.withinDeadline(`offboarding ${leaver.employeeId}`, handle.result());
  console.log(`demo: offboarding of employee ${leaver.employeeId} (terminated today): ${result.outcome}`);
  console.table(result.audit.map((e) => ({ when: e.at, what: e.action, document: e.document, from: `user ${e.fromCoupaUserId}`, to: e.toEmployeeId ? `user ${e.toCoupaUserId} (employee ${e.toEmployeeId})` : '—' })));
  console.log(`demo:   ${workflowUiLink(s.config, handle.workflowId, handle.signaledRunId)}`);
  return result.outcome === 'offboarded' && result.audit.some((e) => e.action === 'user deactivated');
}

/** A termination entered 14 days ahead: the run sleeps durably until then (SyncState=waiting). */
export async function futureTerminationScenario(s: DemoSystems, employeeId: string): Promise<boolean> {
  const date = new Date(Date.now() + 14 * 24 * 3600 * 1000).toISOString().slice(0, 10);
  await post(`${s.workdayUrl}/_sandbox/workers/${employeeId}/terminate`, { terminationDate: date, reason: 'Relocation' });
  const handle = await requestEmployeeOffboarding(s.client, s.config, employeeId, 'termination');
  const status = await untilState(s, handle.workflowId, 'waiting');
  console.log(`demo: offboarding of employee ${employeeId}: ${status.step} (a durable timer; cancel-termination or a corrected date wakes it)`);
  return /waiting until the termination date/.test(status.step);
}

interface WorkdayStoreView {
  workers: Array<{ employeeId: string; supervisoryOrgCode: string; workEmail: string | null; terminated: boolean }>;
  supervisoryOrganizations: Array<{ code: string; managerEmployeeId: string | null }>;
}

/**
 * A reorganization in Workday (Engineering split into a Platform team, two orgs get new managers)
 * mirrored into Coupa's approval groups and managers by orgHierarchySync; a second sync writes nothing.
 */
export async function reorgScenario(s: DemoSystems, hired: string[]): Promise<boolean> {
  const sync = async (label: string) => {
    const handle = await requestOrgHierarchySync(s.client, s.config, { trigger: 'manual' });
    const result = await s.withinDeadline(`org sync (${label})`, handle.result());
    const writes = Object.entries(result.applied).filter(([, n]) => n > 0).map(([kind, n]) => `${kind} ${n}`).join(', ') || 'no writes';
    console.log(`demo: org sync ${label}: ${result.outcome} (${writes})`);
    return result;
  };
  await sync('before the reorg');
  const store = await (await fetch(`${s.workdayUrl}/_sandbox/store`)).json() as WorkdayStoreView;
  const managerOf = (code: string) => store.supervisoryOrganizations.find((o) => o.code === code)?.managerEmployeeId ?? null;
  const others = (code: string) => store.workers.filter((w) => w.supervisoryOrgCode === code && !w.terminated && w.workEmail && w.employeeId !== managerOf(code)).map((w) => w.employeeId);
  // People the demo hired (they have Coupa users) take the new roles, so the changes show in Coupa.
  const hiredIn = (code: string) => others(code).filter((id) => hired.includes(id));
  const engineers = [...hiredIn('SUP-ENG'), ...others('SUP-ENG').filter((id) => !hired.includes(id))].slice(0, 4);
  await post(`${s.workdayUrl}/_sandbox/supervisoryOrganizations/SUP-ENG/split`, { newCode: 'SUP-PLATFORM', newName: 'Platform Engineering', employeeIds: engineers, managerEmployeeId: engineers[0] });
  const promoted: string[] = [];
  for (const org of ['SUP-HR', 'SUP-IT']) {
    const next = hiredIn(org)[0] ?? others(org)[0];
    if (!next) continue;
    await post(`${s.workdayUrl}/_sandbox/supervisoryOrganizations/${org}/manager`, { employeeId: next });
    promoted.push(`${org}: ${next}`);
  }
  console.log(`demo: reorg in Workday: Engineering split into Platform Engineering (manager ${engineers[0]}), new managers ${promoted.join(', ')}`);
  const after = await sync('after the reorg');
  const again = await sync('again');
  return after.outcome === 'synced' && again.outcome === 'unchanged';
}

/**
 * Cost centers: the first sync builds Coupa's tree (companies, business units, cost center
 * hierarchy) and accounts; a Workday restructure (3 new, 2 renamed, one moved with its 4 children,
 * 2 inactivated) is previewed by a dry run, then mirrored; a repeat writes nothing.
 */
export async function costCenterScenario(s: DemoSystems): Promise<boolean> {
  const sync = async (label: string, dryRun = false) => {
    const handle = await requestCostCenterSync(s.client, s.config, { trigger: 'manual', dryRun });
    const result = await s.withinDeadline(`cost center sync (${label})`, handle.result());
    const writes = Object.entries(result.applied).filter(([, n]) => n > 0).map(([kind, n]) => `${kind} ${n}`).join(', ') || 'no writes';
    console.log(`demo: cost center sync ${label}: ${result.outcome} (${dryRun ? `${result.changes.length} planned` : writes}) ${workflowUiLink(s.config, handle.workflowId, handle.firstExecutionRunId)}`);
    return result;
  };
  await sync('first run');
  await post(`${s.workdayUrl}/_sandbox/cost-centers/restructure`, { steps: SAMPLE_RESTRUCTURE });
  console.log('demo: Workday restructure: CC2500 Chief Technology Office, CC2510, CC2610 new; CC1700, CC1520 renamed; CC1500 (4 below it) moved under CC2500; CC1120, CC1810 inactivated');
  const preview = await sync('dry run', true);
  for (const line of preview.changes) console.log(`demo:   plan: ${line}`);
  const after = await sync('after the restructure');
  const again = await sync('again');
  return preview.outcome === 'planned' && after.outcome === 'synced' && again.outcome === 'unchanged';
}

/**
 * Invoice to payment: three approved Coupa invoices become Workday supplier invoices; a Workday
 * settlement pays one in full and one in part; the payment poller tells their runs; Coupa shows one
 * paid, one partly paid, and the third still waits (ProcessState=owed).
 */
export async function invoicePaymentScenario(s: DemoSystems): Promise<boolean> {
  const ids: number[] = [];
  for (const [i, supplier] of [
    { name: 'Northwind Office Supply', number: 'NW-001', 'workday-supplier-id': 'SUP-000101' },
    { name: 'Contoso Hardware', number: 'CH-002', 'workday-supplier-id': 'SUP-000102' },
    { name: 'Fabrikam Consulting', number: 'FC-003', 'workday-supplier-id': 'SUP-000103' },
  ].entries()) {
    const invoice = await post<{ id: number }>(`${s.coupaUrl}/_sandbox/payable-invoices`, {
      'invoice-number': `DEMO-AP-${i + 1}`,
      supplier,
      lines: [{ description: 'Demo goods', amount: '500.00', commodity: 'Office Supplies', 'account-segments': ['US01', 'CC1100'] }],
    });
    ids.push(invoice.id);
    await startInvoiceToPayment(s.client, s.config, { coupaInvoiceId: String(invoice.id), companyCode: 'US01' });
  }
  for (const id of ids) await untilState(s, `invoice-payment/${id}`, 'waiting');
  await post(`${s.workdayUrl}/_sandbox/settlement-runs`, { invoices: [{ supplierInvoiceId: `COUPA-INV-${ids[0]}` }, { supplierInvoiceId: `COUPA-INV-${ids[1]}`, amount: '200.00' }] });
  const poll = await runPaymentPoller(s.client, s.config, {});
  const polled = await s.withinDeadline('payment poll', poll.result());
  const paid = await s.withinDeadline(`invoice-payment/${ids[0]} paid`, s.client.workflow.getHandle(`invoice-payment/${ids[0]}`).result());
  const partly = await untilState(s, `invoice-payment/${ids[1]}`, 'waiting');
  console.log(`demo: invoice to payment: poller signalled ${polled.signalled} payment(s); invoice ${ids[0]} ${(paid as { outcome: string }).outcome}, invoice ${ids[1]} ${partly.step}, invoice ${ids[2]} still waiting`);
  console.log(`demo:   ${workflowUiLink(s.config, `invoice-payment/${ids[1]}`)}`);
  return polled.signalled === 2 && (paid as { outcome: string }).outcome === 'paid';
}

async function patchJson(url: string, body: unknown): Promise<void> {
  const res = await fetch(url, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${url} answered ${res.status}: ${await res.text()}`);
}

/**
 * Supplier sync of the seeded pair Initech (Coupa supplier 501, number S-1002 = Workday S-1002): an
 * address edited in Coupa reaches Workday, Workday's echo writes nothing, and a bank change made in
 * Coupa waits for approval, shown masked. Left waiting on purpose: approve or reject it with the CLI.
 * The demo hands each change to the run itself, as the ingress will.
 */
export async function supplierSyncScenario(s: DemoSystems): Promise<boolean> {
  const key = 'S-1002';
  const coupaChange = { system: 'coupa' as const, coupaSupplierId: 501, coupaSupplierNumber: key, workdaySupplierId: key, changedBy: 'demo' };
  const handle = await requestSupplierSync(s.client, s.config, coupaChange);
  await patchJson(`${s.coupaUrl}/_sandbox/suppliers/501`, { changes: { addresses: { street1: '500 Demo Boulevard' } }, by: 'demo', notify: false });
  await requestSupplierSync(s.client, s.config, { ...coupaChange, changedAt: new Date().toISOString() });
  const moved = await s.withinDeadline(
    'the supplier address reaching Workday',
    (async () => {
      for (;;) {
        const w = await fetch(`${s.workdayUrl}/_sandbox/suppliers/${key}`).then((r) => r.json() as Promise<{ address?: { line1?: string } }>);
        if (w.address?.line1 === '500 Demo Boulevard') return true;
        await new Promise((r) => setTimeout(r, 300));
      }
    })(),
  );
  // Workday reports the write it just got: the run recognises its own echo and writes nothing back.
  await requestSupplierSync(s.client, s.config, { system: 'workday', workdaySupplierId: key, coupaSupplierNumber: key, changedBy: 'integration' });
  await patchJson(`${s.coupaUrl}/_sandbox/suppliers/501`, { changes: { bankAccounts: { accountNumber: '987654321000' } }, by: 'supplier portal user', notify: false });
  await requestSupplierSync(s.client, s.config, { ...coupaChange, changedBy: 'supplier portal user' });
  const status = await untilState(s, handle.workflowId, 'needs-attention');
  const held = await pendingBankChange(s.client, key);
  console.log(`demo: supplier sync: ${handle.workflowId}: address copied Coupa → Workday; ${status.changes.length} change(s) in the audit; bank change held:`);
  if (held) console.log(describeBankChange(held).replace(/^/gm, 'demo:   '));
  console.log(`demo:   decide: npm run cli -- supplier-bank-change approve ${key} --by <you>   (or reject ${key} --by <you> --reason "…")`);
  console.log(`demo:   ${workflowUiLink(s.config, handle.workflowId, handle.signaledRunId)}`);
  return moved && held !== null && !JSON.stringify(held).includes('987654321000');
}

/**
 * Finance: three approved Coupa invoices (one a credit note) become accrual journals in Workday and are
 * marked exported; a PO issued, revised upwards and closed shows as an obligation in the budget view in
 * between and nets to zero at the end.
 */
export async function financeScenario(s: DemoSystems): Promise<boolean> {
  const invoices = [
    { lines: [{ account: ['US01', 'CC1100', '6100'], total: '240.00' }, { account: ['US01', 'CC1400', '5010'], total: '1899.00' }] },
    { lines: [{ account: ['GB01', 'CC1610', '6400'], total: '612.40' }], currency: 'GBP' },
    { lines: [{ account: ['US01', 'CC1100', '6100'], total: '-40.00' }], 'document-type': 'Credit Note' },
  ];
  let ok = true;
  for (const body of invoices) {
    const invoice = await post<{ id: number; 'invoice-number': string }>(`${s.coupaUrl}/_sandbox/finance/invoices`, { approved: true, ...body });
    const { handle } = await requestInvoicePosting(s.client, s.config, String(invoice.id), 'approval-event');
    const result = await s.withinDeadline(`posting invoice ${invoice.id}`, handle.result());
    console.log(`demo: invoice ${invoice['invoice-number']} (${body['document-type'] ?? 'Invoice'}): ${result.outcome}, Workday journal ${result.journal?.number ?? '—'}  ${workflowUiLink(s.config, handle.workflowId)}`);
    ok &&= result.outcome === 'posted';
  }

  const obligated = async (): Promise<string> => {
    const rows = (await (await fetch(`${s.workdayUrl}/_sandbox/finance/budgets?fiscalYear=${new Date().getUTCFullYear()}`)).json()) as Array<{ costCenter: string; ledgerAccount: string; obligated: string; available: string }>;
    const row = rows.find((r) => r.costCenter === 'CC1500' && r.ledgerAccount === '6150');
    return `obligated ${row?.obligated ?? '?'}, available ${row?.available ?? '?'}`;
  };
  const po = await post<{ id: number; 'po-number': string }>(`${s.coupaUrl}/_sandbox/finance/purchase_orders`, { lines: [{ account: ['US01', 'CC1500', '6150'], total: '12000.00' }] });
  const event = (version: number, status: string) => signalPurchaseOrderChanged(s.client, s.config, { coupaPoId: String(po.id), version, status, observedAt: new Date().toISOString() });
  const handle = await event(1, 'issued');
  const until = (version: number) =>
    s.withinDeadline(
      `PO ${po.id} v${version}`,
      (async () => {
        for (;;) {
          const view = await handle.query(encumbranceQuery).catch(() => null);
          if (view?.postedVersion === version) return view;
          await new Promise((r) => setTimeout(r, 300));
        }
      })(),
    );
  await until(1);
  console.log(`demo: PO ${po['po-number']} issued: CC1500 Software Subscriptions ${await obligated()}`);
  await post(`${s.coupaUrl}/_sandbox/purchase_orders/${po.id}/revise`, { lines: [{ account: ['US01', 'CC1500', '6150'], total: '15500.00' }] });
  await event(2, 'issued');
  await until(2);
  console.log(`demo: PO ${po['po-number']} revised to v2: ${await obligated()}`);
  await post(`${s.coupaUrl}/_sandbox/purchase_orders/${po.id}/close`, {});
  await event(2, 'closed');
  const result = await s.withinDeadline(`PO ${po.id} release`, s.client.workflow.getHandle(handle.workflowId).result());
  console.log(`demo: PO ${po['po-number']} closed: ${(result as { outcome: string }).outcome}, ${await obligated()}  ${workflowUiLink(s.config, handle.workflowId)}`);
  return ok && (result as { outcome: string }).outcome === 'released';
}
