// The demo's support, offboarding and org scenarios: a run that parks for a person, a leaver whose work moves to their manager, a termination weeks ahead, a reorg.
import type { Client } from '@temporalio/client';
import { requestEmployeeProvisioning, type QueueConfig } from '../clients/employee-provisioning';
import { requestEmployeeOffboarding } from '../clients/employee-offboarding';
import { requestOrgHierarchySync } from '../clients/org-hierarchy-sync';
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
