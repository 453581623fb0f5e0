// Workday financials against the sandbox: Submit_Accounting_Journal posts or answers Workday's Validation_Faults, Get_Journals finds a journal by its external reference, runBudgetCheck weighs amounts against budget less obligations.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { startWorkdaySandbox, type WorkdaySandbox } from '../../sandbox/workday/index';
import { ConnectorErrorTypes } from '../../connectors/http';
import { findJournalByExternalReference, runBudgetCheck, submitAccountingJournal, WorkdayClient, WorkdaySoapClient, type AccountingJournal } from '../../connectors/workday';
import { admin, expectFailure } from './helpers';

describe('Workday financials (SOAP journals, REST budget check)', () => {
  let sandbox: WorkdaySandbox;
  let soap: WorkdaySoapClient;
  let rest: WorkdayClient;

  before(async () => {
    sandbox = await startWorkdaySandbox();
    soap = new WorkdaySoapClient({ baseUrl: sandbox.url, tenant: sandbox.tenant, auth: { type: 'usernameToken', username: sandbox.credentials.isuUsername, password: sandbox.credentials.isuPassword } });
    rest = new WorkdayClient({ baseUrl: sandbox.url, tenant: sandbox.tenant, ...sandbox.credentials });
  });
  after(async () => {
    await sandbox?.close();
  });
  beforeEach(async () => {
    await admin(sandbox.url, 'POST', '/_sandbox/reset');
  });

  const journal = (overrides: Partial<AccountingJournal> = {}): AccountingJournal => ({
    externalReferenceId: 'coupa-invoice/1',
    company: 'US01',
    currency: 'USD',
    ledgerType: 'Actuals',
    source: 'Coupa',
    accountingDate: '2026-02-10',
    memo: 'Coupa invoice INV-1',
    controlTotal: '120.00',
    lines: [
      { lineOrder: 1, ledgerAccount: '6100', debit: '120.00', credit: '0.00', memo: 'line 1', costCenter: 'CC1100' },
      { lineOrder: 2, ledgerAccount: '2105', debit: '0.00', credit: '120.00', memo: 'accrual', costCenter: null },
    ],
    ...overrides,
  });

  it('posts a balanced journal and finds it again by its External_Reference_ID', async () => {
    const posted = await submitAccountingJournal(soap, journal());
    assert.match(posted.journalNumber ?? '', /^JE-/);
    const found = await findJournalByExternalReference(soap, { company: 'US01', source: 'Coupa', ledgerType: 'Actuals', accountingDate: '2026-02-10', externalReferenceId: 'coupa-invoice/1' });
    assert.equal(found?.id, posted.id);
    assert.deepEqual(found?.lines.map((l) => [l.ledgerAccount, l.debit, l.credit, l.costCenter]), [
      ['6100', '120.00', '0.00', 'CC1100'],
      ['2105', '0.00', '120.00', null],
    ]);
    assert.equal(await findJournalByExternalReference(soap, { company: 'US01', source: 'Coupa', ledgerType: 'Actuals', accountingDate: '2026-02-10', externalReferenceId: 'coupa-invoice/2' }), null);
  });

  it('refuses an unbalanced journal with a Validation_Fault', async () => {
    const failure = await expectFailure(submitAccountingJournal(soap, journal({ lines: [journal().lines[0]!, { ...journal().lines[1]!, credit: '100.00' }] })));
    assert.equal(failure.type, ConnectorErrorTypes.ValidationFailed);
    assert.match(failure.message, /out of balance: total debits 120\.00 do not equal total credits 100\.00/);
  });

  it('refuses an unknown ledger account and an unknown cost center with Workday\'s invalid ID message', async () => {
    const failure = await expectFailure(
      submitAccountingJournal(soap, journal({ lines: [{ ...journal().lines[0]!, ledgerAccount: '9999', costCenter: 'CC9999' }, journal().lines[1]!] })),
    );
    assert.equal(failure.type, ConnectorErrorTypes.ValidationFailed);
    assert.match(failure.message, /'9999' is not a valid ID value for type = 'Ledger_Account_ID'/);
    assert.match(failure.message, /'CC9999' is not a valid ID value for type = 'Cost_Center_Reference_ID'/);
  });

  it('refuses a posting into a closed period', async () => {
    const failure = await expectFailure(submitAccountingJournal(soap, journal({ accountingDate: '2023-06-30' })));
    assert.equal(failure.type, ConnectorErrorTypes.ValidationFailed);
    assert.match(failure.message, /2023-06-30 is not in an open period for company US01/);
  });

  it('runBudgetCheck passes within the budget and fails beyond what obligations leave', async () => {
    const ok = await runBudgetCheck(rest, { company: 'US01', accountingDate: '2026-03-01', lines: [{ ledgerAccount: '6300', costCenter: 'CC1300', amount: '4000.00' }] });
    assert.equal(ok.passed, true);
    await submitAccountingJournal(
      soap,
      journal({
        externalReferenceId: 'coupa-po/1/v1',
        ledgerType: 'Obligation',
        accountingDate: '2026-03-01',
        controlTotal: '3000.00',
        lines: [
          { lineOrder: 1, ledgerAccount: '6300', debit: '3000.00', credit: '0.00', memo: 'PO line', costCenter: 'CC1300' },
          { lineOrder: 2, ledgerAccount: '3950', debit: '0.00', credit: '3000.00', memo: 'reserve', costCenter: null },
        ],
      }),
    );
    const refused = await runBudgetCheck(rest, { company: 'US01', accountingDate: '2026-03-01', lines: [{ ledgerAccount: '6300', costCenter: 'CC1300', amount: '4000.00' }] });
    assert.equal(refused.passed, false);
    assert.equal(refused.lines[0]?.available, '2000.00', 'budget 5000.00 less the 3000.00 obligation');
  });
});
