import pino from 'pino';
import { startWorkdaySandbox } from '../sandbox/workday';
import { startCoupaSandbox } from '../sandbox/coupa';
import { CoupaClient, getCoupaInvoice, markCoupaInvoiceExported } from '../connectors/coupa';
import { WorkdayClient, WorkdaySoapClient, submitAccountingJournal, findJournalByExternalReference } from '../connectors/workday';
import { planInvoicePosting } from '../mapping/finance';
import { loadMappingFile } from '../infra/mapping-file';
(async () => {
  const workday = await startWorkdaySandbox(); const coupa = await startCoupaSandbox();
  const logger = pino({ level: 'silent' });
  const c = new CoupaClient({ baseUrl: coupa.url, clientId: coupa.credentials.clientId, clientSecret: coupa.credentials.clientSecret, scopes: coupa.credentials.scopes, logger });
  const w = new WorkdayClient({ baseUrl: workday.url, tenant: workday.tenant, ...workday.credentials, logger });
  const soap = new WorkdaySoapClient({ baseUrl: workday.url, tenant: workday.tenant, auth: { type: 'bearer', tokenProvider: w.tokens }, requestSlots: w.http.slots, logger });
  const res = await fetch(`${coupa.url}/_sandbox/finance/invoices`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ approved: true, lines: [{ account: ['US01','CC1100','6100'], total: '10.00' }] }) });
  const inv = await res.json() as any; console.log(res.status, JSON.stringify(inv).slice(0, 600));
  try { const got = await getCoupaInvoice(c, inv.id); console.log('got', JSON.stringify(got).slice(0,300));
    const plan = planInvoicePosting({ id: got.id, invoiceNumber: got['invoice-number']!, documentType: 'Invoice', status: 'approved', invoiceDate: '2026-03-01', currency: 'USD', exported: false, lines: (got['invoice-lines']??[]).map((l,i)=>({lineNum: l['line-num']??i+1, total: l.total??'0', account: l.account??null, commodity: l.commodity?.name??null})) }, loadMappingFile('config/mapping.yaml').finance);
    console.log(JSON.stringify(plan));
    if (plan.ok && plan.value.mode === 'journal') {
      const j = plan.value.journal;
      console.log(await findJournalByExternalReference(soap, { company: j.company, source: j.source, ledgerType: j.ledgerType, accountingDate: j.accountingDate, externalReferenceId: j.externalReferenceId }));
      console.log(await submitAccountingJournal(soap, j));
      console.log(await findJournalByExternalReference(soap, { company: j.company, source: j.source, ledgerType: j.ledgerType, accountingDate: j.accountingDate, externalReferenceId: j.externalReferenceId }));
    }
    await markCoupaInvoiceExported(c, inv.id); console.log('exported', coupa.store.invoices.get(inv.id)?.exported);
  } catch (e) { console.log('ERR', e); }
  await workday.close(); await coupa.close();
})();
