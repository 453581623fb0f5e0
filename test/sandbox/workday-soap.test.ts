// Workday sandbox SOAP endpoint over raw HTTP: well-formed envelopes in urn:com.workday/bsvc, auth, faults, fault injection, paging, and the termination admin routes.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { XMLBuilder, XMLValidator } from 'fast-xml-parser';
import { startWorkdaySandbox, type WorkdaySandbox } from '../../sandbox/workday';
import { child, children, parseXmlDocument, SOAP_ENV_NS, WSSE_NS, WSSE_PASSWORD_TEXT, type XmlElement } from '../../sandbox/kit/soap';

const WD = 'urn:com.workday/bsvc';

function daysFromToday(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', suppressBooleanAttributes: false });

interface Envelope {
  user?: string;
  password?: string;
  /** Qualified content of the Body, e.g. { 'bsvc:Get_Workers_Request': … }. */
  body: Record<string, unknown>;
  /** Namespace bound to the bsvc prefix (to send a request in the wrong one). */
  bsvcNamespace?: string;
}

describe('Workday sandbox SOAP', () => {
  let wd: WorkdaySandbox;

  before(async () => {
    wd = await startWorkdaySandbox();
  });
  after(async () => {
    await wd?.close();
  });
  beforeEach(() => {
    wd.reset();
  });

  const envelope = ({ user = wd.credentials.isuUsername, password = wd.credentials.isuPassword, body, bsvcNamespace = WD }: Envelope): string =>
    builder.build({
      'soapenv:Envelope': {
        '@_xmlns:soapenv': SOAP_ENV_NS,
        '@_xmlns:bsvc': bsvcNamespace,
        'soapenv:Header': {
          'wsse:Security': {
            '@_xmlns:wsse': WSSE_NS,
            'wsse:UsernameToken': { 'wsse:Username': user, 'wsse:Password': { '@_Type': WSSE_PASSWORD_TEXT, '#text': password } },
          },
        },
        'soapenv:Body': body,
      },
    }) as string;

  const getWorkers = (content: Record<string, unknown>) => ({ 'bsvc:Get_Workers_Request': { '@_bsvc:version': 'v45.0', ...content } });
  const byEmployeeId = (...ids: string[]) => ({
    'bsvc:Request_References': { 'bsvc:Worker_Reference': ids.map((id) => ({ 'bsvc:ID': { '@_bsvc:type': 'Employee_ID', '#text': id } })) },
  });
  const employment = { 'bsvc:Response_Group': { 'bsvc:Include_Reference': true, 'bsvc:Include_Employment_Information': true, 'bsvc:Include_Transaction_Log_Data': true } };

  async function post(xml: string, options: { path?: string; headers?: Record<string, string> } = {}): Promise<{ status: number; text: string; doc: XmlElement }> {
    const res = await fetch(`${wd.url}${options.path ?? `/ccx/service/${wd.tenant}/Human_Resources/v45.0`}`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/xml; charset=utf-8', ...options.headers },
      body: xml,
    });
    const text = await res.text();
    assert.equal(XMLValidator.validate(text), true, `well-formed XML: ${text.slice(0, 300)}`);
    return { status: res.status, text, doc: parseXmlDocument(text) };
  }

  /** The one element in the Body, after checking Envelope and Body are SOAP 1.1's. */
  function bodyElement(doc: XmlElement): XmlElement {
    assert.equal(doc.name, 'Envelope');
    assert.equal(doc.ns, SOAP_ENV_NS);
    const body = child(doc, 'Body', SOAP_ENV_NS);
    assert.ok(body);
    assert.equal(body.children.length, 1);
    return body.children[0] as XmlElement;
  }

  function fault(doc: XmlElement): { code: string; string: string; errors: Array<{ message: string; xpath: string }> } {
    const f = bodyElement(doc);
    assert.equal(f.name, 'Fault');
    assert.equal(f.ns, SOAP_ENV_NS);
    const validation = f.children.find((c) => c.name === 'detail')?.children.find((c) => c.name === 'Validation_Fault' && c.ns === WD);
    return {
      code: child(f, 'faultcode')?.text ?? '',
      string: child(f, 'faultstring')?.text ?? '',
      errors: (validation ? children(validation, 'Validation_Error', WD) : []).map((e) => ({ message: child(e, 'Message', WD)?.text ?? '', xpath: child(e, 'Xpath', WD)?.text ?? '' })),
    };
  }

  const path = (root: XmlElement, ...names: string[]): XmlElement | undefined =>
    names.reduce<XmlElement | undefined>((node, name) => (node ? child(node, name, WD) : undefined), root);
  const textAt = (root: XmlElement, ...names: string[]) => path(root, ...names)?.text;
  const workersOf = (response: XmlElement) => children(path(response, 'Response_Data') ?? response, 'Worker', WD);

  describe('envelopes', () => {
    it('answers Get_Workers with a well-formed envelope whose every element below the Body is in urn:com.workday/bsvc', async () => {
      const { status, doc } = await post(envelope({ body: getWorkers({ ...byEmployeeId('21001'), ...employment }) }));
      assert.equal(status, 200);
      const response = bodyElement(doc);
      assert.equal(response.name, 'Get_Workers_Response');
      assert.equal(response.attrs['version'], 'v45.0');
      const outside: string[] = [];
      const visit = (e: XmlElement) => {
        if (e.ns !== WD) outside.push(e.name);
        e.children.forEach(visit);
      };
      visit(response);
      assert.deepEqual(outside, []);
      const [worker] = workersOf(response);
      assert.ok(worker);
      assert.deepEqual(
        children(path(worker, 'Worker_Reference')!, 'ID', WD).map((id) => [id.attrs['type'], id.text]),
        [
          ['WID', wd.store.workerByEmployeeId('21001')?.wid],
          ['Employee_ID', '21001'],
        ],
      );
      assert.equal(textAt(worker, 'Worker_Data', 'Employment_Data', 'Worker_Status_Data', 'Active'), '1');
    });

    it('answers faults as well-formed SOAP 1.1 faults with Validation_Fault details in the Workday namespace', async () => {
      const { status, doc } = await post(envelope({ body: getWorkers(byEmployeeId('99999')) }));
      assert.equal(status, 500);
      const f = fault(doc);
      assert.equal(f.code, 'SOAP-ENV:Client.validationError');
      assert.equal(f.string, "Validation error occurred. Invalid ID value. '99999' is not a valid ID value for type = 'Employee_ID'");
      assert.deepEqual(f.errors, [
        { message: "Invalid ID value. '99999' is not a valid ID value for type = 'Employee_ID'", xpath: '/bsvc:Get_Workers_Request[1]/bsvc:Request_References[1]/bsvc:Worker_Reference[1]/bsvc:ID[1]' },
      ]);
    });

    it('skips unknown references when Skip_Non_Existing_Instances is set', async () => {
      const refs = byEmployeeId('99999', '21001');
      const { status, doc } = await post(envelope({ body: getWorkers({ 'bsvc:Request_References': { '@_bsvc:Skip_Non_Existing_Instances': 'true', ...refs['bsvc:Request_References'] } }) }));
      assert.equal(status, 200);
      assert.deepEqual(workersOf(bodyElement(doc)).map((w) => textAt(w, 'Worker_Data', 'Worker_ID')), ['21001']);
    });

    it('refuses a request element outside urn:com.workday/bsvc, an unknown operation and an unreadable body', async () => {
      assert.equal(fault((await post(envelope({ body: getWorkers({}), bsvcNamespace: 'urn:example' }))).doc).string, 'The web service or version is invalid for the requested operation');
      assert.equal(fault((await post(envelope({ body: { 'bsvc:Get_Nothing_Request': {} } }))).doc).string, 'The web service or version is invalid for the requested operation');
      const stray = fault((await post(envelope({ body: { 'bsvc:Get_Workers_Request': { 'x:Foreign': { '@_xmlns:x': 'urn:example', '#text': '1' } } } }))).doc);
      assert.equal(stray.code, 'SOAP-ENV:Client.validationError');
      const unreadable = await post('not xml at all');
      assert.equal(unreadable.status, 500);
      assert.match(fault(unreadable.doc).string, /^Unparseable request/);
    });
  });

  describe('authentication', () => {
    it('refuses a wrong password or a user name without the tenant with Workday\'s authenticationError', async () => {
      for (const creds of [{ password: 'nope' }, { user: wd.credentials.isuUsername.split('@')[0] ?? '' }]) {
        const { status, doc } = await post(envelope({ ...creds, body: getWorkers(byEmployeeId('21001')) }));
        assert.equal(status, 500);
        assert.deepEqual(fault(doc), { code: 'SOAP-ENV:Client.authenticationError', string: 'invalid username or password', errors: [] });
      }
    });

    it('accepts a valid bearer token instead of WS-Security; an invalid one is a 401 (or a 500 fault, by setting)', async () => {
      const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: wd.credentials.refreshToken, client_id: wd.credentials.clientId, client_secret: wd.credentials.clientSecret });
      const token = ((await (await fetch(wd.paths.token, { method: 'POST', body: form })).json()) as { access_token: string }).access_token;
      const noSecurity = builder.build({ 'env:Envelope': { '@_xmlns:env': SOAP_ENV_NS, '@_xmlns:bsvc': WD, 'env:Body': getWorkers(byEmployeeId('21001')) } }) as string;
      assert.equal((await post(noSecurity, { headers: { Authorization: `Bearer ${token}` } })).status, 200);
      assert.equal((await post(noSecurity, { headers: { Authorization: 'Bearer not-a-token' } })).status, 401);
      wd.configureSoap({ invalidBearerStatus: 500 });
      assert.equal(fault((await post(noSecurity, { headers: { Authorization: 'Bearer not-a-token' } })).doc).code, 'SOAP-ENV:Client.authenticationError');
      assert.equal(fault((await post(noSecurity)).doc).code, 'SOAP-ENV:Client.authenticationError');
    });
  });

  describe('fault injection', () => {
    it('rate limits, scripted failures and latency apply to SOAP calls as to REST', async () => {
      const res = await fetch(`${wd.url}/_sandbox/faults`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ failNext: [{ status: 429, retryAfterSeconds: 2, pathContains: '/ccx/service/' }] }),
      });
      assert.equal(res.status, 200);
      const limited = await fetch(`${wd.paths.soap}/Human_Resources/v45.0`, { method: 'POST', headers: { 'Content-Type': 'text/xml' }, body: envelope({ body: getWorkers(byEmployeeId('21001')) }) });
      assert.equal(limited.status, 429);
      assert.equal(limited.headers.get('retry-after'), '2');
      wd.controls.setFaults({ latencyMs: 150 });
      const startedAt = Date.now();
      assert.equal((await post(envelope({ body: getWorkers(byEmployeeId('21001')) }))).status, 200);
      assert.ok(Date.now() - startedAt >= 140);
    });
  });

  describe('Response_Filter', () => {
    it('pages by Page and Count and reports Response_Results', async () => {
      const { doc } = await post(envelope({ body: getWorkers({ 'bsvc:Response_Filter': { 'bsvc:Page': 2, 'bsvc:Count': 2 } }) }));
      const response = bodyElement(doc);
      const total = wd.store.allWorkers({ includeTerminated: true }).length;
      assert.equal(textAt(response, 'Response_Results', 'Total_Results'), String(total));
      assert.equal(textAt(response, 'Response_Results', 'Total_Pages'), String(Math.ceil(total / 2)));
      assert.equal(textAt(response, 'Response_Results', 'Page'), '2');
      assert.deepEqual(workersOf(response).map((w) => textAt(w, 'Worker_Data', 'Worker_ID')), ['21003', '21004']);
    });

    it('refuses a Count above the maximum, or clamps it by setting', async () => {
      const tooMany = getWorkers({ 'bsvc:Response_Filter': { 'bsvc:Count': 5000 } });
      assert.equal(fault((await post(envelope({ body: tooMany }))).doc).code, 'SOAP-ENV:Client.validationError');
      wd.configureSoap({ overMaxCount: 'clamp' });
      assert.equal(textAt(bodyElement((await post(envelope({ body: tooMany }))).doc), 'Response_Filter', 'Count'), '999');
    });

    it('reads status as of As_Of_Effective_Date: a future hire is inactive until the hire date', async () => {
      const hired = (await (
        await fetch(`${wd.url}/_sandbox/hire`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ firstName: 'Fu', lastName: 'Ture', supervisoryOrgCode: 'SUP-FIN', jobProfileCode: 'JP-ACCT', hireDate: daysFromToday(10) }),
        })
      ).json()) as { employeeId: string };
      const active = async (asOf: string) => {
        const { doc } = await post(envelope({ body: getWorkers({ ...byEmployeeId(hired.employeeId), 'bsvc:Response_Filter': { 'bsvc:As_Of_Effective_Date': asOf }, ...employment }) }));
        return textAt(workersOf(bodyElement(doc))[0]!, 'Worker_Data', 'Employment_Data', 'Worker_Status_Data', 'Active');
      };
      assert.equal(await active(daysFromToday(0)), '0');
      assert.equal(await active(daysFromToday(10)), '1');
    });
  });

  describe('termination admin routes', () => {
    async function adminPost(path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
      const res = await fetch(`${wd.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body ?? {}) });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    }
    const status = async (employeeId: string, asOf: string) => {
      const { doc } = await post(envelope({ body: getWorkers({ ...byEmployeeId(employeeId), 'bsvc:Response_Filter': { 'bsvc:As_Of_Effective_Date': asOf }, ...employment }) }));
      const worker = workersOf(bodyElement(doc))[0]!;
      const s = path(worker, 'Worker_Data', 'Employment_Data', 'Worker_Status_Data')!;
      return {
        active: child(s, 'Active', WD)?.text,
        terminated: child(s, 'Terminated', WD)?.text,
        terminationDate: child(s, 'Termination_Date', WD)?.text ?? null,
        reason: child(s, 'Primary_Termination_Reason_Reference', WD)?.children.find((id) => id.attrs['type'] === 'Event_Classification_Subcategory_ID')?.text ?? null,
      };
    };
    const restSearch = async (employeeId: string) =>
      ((await (await fetch(`${wd.paths.staffing}/workers?search=${employeeId}`, { headers: { Authorization: `Bearer ${wd.tokens.issue().access_token}` } })).json()) as { total: number }).total;

    it('a future-dated termination stays pending: REST lists the worker, SOAP shows it from its date, the log has it from now', async () => {
      const date = daysFromToday(14);
      assert.equal((await adminPost('/_sandbox/workers/21040/terminate', { terminationDate: date, reason: 'Relocation' })).status, 200);
      assert.equal(await restSearch('21040'), 1);
      assert.deepEqual(await status('21040', daysFromToday(0)), { active: '1', terminated: '0', terminationDate: null, reason: null });
      assert.deepEqual(await status('21040', date), { active: '0', terminated: '1', terminationDate: `${date}-08:00`, reason: 'Terminate_Employee_Relocation' });
      wd.configureSoap({ pendingTerminationInStatus: true, datesWithOffset: false });
      assert.deepEqual(await status('21040', daysFromToday(0)), { active: '1', terminated: '0', terminationDate: date, reason: 'Terminate_Employee_Relocation' });

      const log = (await (await fetch(`${wd.url}/_sandbox/workers/21040/transactions`)).json()) as Array<{ type: string; effectiveDate: string }>;
      assert.deepEqual(log.map((e) => [e.type, e.effectiveDate]).at(-1), ['Terminate Employee', date]);
    });

    it('terminating today hides the worker from REST at once; the same termination again changes nothing, another date is refused', async () => {
      assert.equal((await adminPost('/_sandbox/workers/21041/terminate')).status, 200);
      assert.equal(await restSearch('21041'), 0);
      assert.equal((await adminPost('/_sandbox/workers/21041/terminate', { terminationDate: daysFromToday(0) })).status, 200);
      const again = await adminPost('/_sandbox/workers/21041/terminate', { terminationDate: daysFromToday(3) });
      assert.equal(again.status, 400);
      assert.match(String(again.body['error']), /correct or rescind/);
    });

    it('rescinding makes the worker employed again and flags the log entries; correcting moves the date both ways', async () => {
      await adminPost('/_sandbox/workers/21042/terminate');
      assert.equal((await adminPost('/_sandbox/workers/21042/rescind-termination')).status, 200);
      assert.equal(await restSearch('21042'), 1);
      assert.deepEqual(await status('21042', daysFromToday(0)), { active: '1', terminated: '0', terminationDate: null, reason: null });
      const terminations = wd.store.transactionsOf('21042').filter((e) => e.type === 'Terminate Employee');
      assert.deepEqual(terminations.map((e) => [e.description, e.rescinded]), [
        ['Terminate', true],
        ['Rescind Terminate', true],
      ]);
      assert.equal((await adminPost('/_sandbox/workers/21042/rescind-termination')).status, 400);
      assert.equal((await adminPost('/_sandbox/workers/21042/correct-termination', { terminationDate: daysFromToday(1) })).status, 400);

      await adminPost('/_sandbox/workers/21043/terminate', { terminationDate: daysFromToday(14) });
      assert.equal((await adminPost('/_sandbox/workers/21043/correct-termination', { terminationDate: daysFromToday(-1) })).status, 200);
      assert.equal(await restSearch('21043'), 0, 'corrected into the past: terminated now');
      assert.equal((await adminPost('/_sandbox/workers/21043/correct-termination', { terminationDate: daysFromToday(7) })).status, 200);
      assert.equal(await restSearch('21043'), 1, 'corrected into the future: employed until then');
      assert.deepEqual(
        wd.store.transactionsOf('21043').filter((e) => e.type === 'Terminate Employee').map((e) => [e.effectiveDate, e.corrected]),
        [
          [daysFromToday(14), true],
          [daysFromToday(-1), true],
          [daysFromToday(7), true],
        ],
      );
      assert.equal((await adminPost('/_sandbox/workers/21043/correct-termination', { terminationDate: 'soon' })).status, 400);
      assert.equal((await adminPost('/_sandbox/workers/99999/rescind-termination')).status, 404);
    });
  });
});
