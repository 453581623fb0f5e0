// Logs never carry credentials, bank numbers or tax IDs, whether logged directly or by the connectors' debug logging.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createLogger, REDACTED } from '../../infra/logger';
import { z } from 'zod';
import { startWorkdaySandbox, type WorkdaySandbox } from '../../sandbox/workday/index';
import { startCoupaSandbox, type CoupaSandbox } from '../../sandbox/coupa/index';
import { WorkdayClient } from '../../connectors/workday';
import { CoupaClient } from '../../connectors/coupa';
import { admin } from './helpers';

function captured(level = 'debug') {
  const lines: string[] = [];
  const logger = createLogger('test', level, { destination: { write: (line: string) => void lines.push(line) } });
  return { logger, text: () => lines.join(''), records: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('logger redaction', () => {
  it('censors credentials, bank and tax data at any depth, and keeps the rest', () => {
    const { logger, text, records } = captured();
    logger.info(
      {
        req: { headers: { authorization: 'Bearer eyJ.secret-jwt', Authorization: 'Basic c2VjcmV0' } },
        oauth: { access_token: 'at-123', refresh_token: 'rt-456', client_secret: 'cs-789' },
        config: { clientSecret: 'cs-camel', password: 'hunter2' },
        supplier: {
          name: 'Widgets Ltd',
          'tax-id': '12-3456789',
          bank: { 'bank-account-number': '000123456789', 'iban-number': 'DE89370400440532013000', 'bank-routing-number': '021000021' },
          Settlement_Account_Data: [{ Bank_Account_Number: '998877665544', IBAN: 'GB82WEST12345698765432', Routing_Transit_Number: '026009593' }],
        },
        worker: { nationalId: '123-45-6789', name: 'Ada' },
      },
      'a payload',
    );
    const out = text();
    for (const secret of ['secret-jwt', 'c2VjcmV0', 'at-123', 'rt-456', 'cs-789', 'cs-camel', 'hunter2', '12-3456789', '000123456789', 'DE89370400440532013000', '021000021', '998877665544', 'GB82WEST12345698765432', '026009593', '123-45-6789']) {
      assert.ok(!out.includes(secret), `${secret} appeared in the log`);
    }
    const [record] = records();
    assert.ok(record);
    assert.equal((record['supplier'] as { name: string }).name, 'Widgets Ltd');
    assert.equal((record['worker'] as { name: string }).name, 'Ada');
    assert.equal((record['oauth'] as { access_token: string }).access_token, REDACTED);
    assert.equal(record['name'], 'test');
  });

  describe('connector debug logs', () => {
    let sandbox: WorkdaySandbox;
    before(async () => {
      sandbox = await startWorkdaySandbox();
    });
    after(async () => {
      await sandbox?.close();
    });

    it('show requests and responses but never the bearer token, the refresh token or the client secret', async () => {
      const { logger, text, records } = captured();
      const workday = new WorkdayClient({
        baseUrl: sandbox.url,
        tenant: sandbox.tenant,
        clientId: sandbox.credentials.clientId,
        clientSecret: sandbox.credentials.clientSecret,
        refreshToken: sandbox.credentials.refreshToken,
        logger,
      });
      const worker = sandbox.store.allWorkers()[3];
      assert.ok(worker);
      await workday.getWorker(worker.wid);
      const firstToken = await workday.tokens.getToken();
      await admin(sandbox.url, 'POST', '/_sandbox/tokens/expire');
      await workday.getWorkerProfile(worker.employeeId);
      const secondToken = await workday.tokens.getToken();
      assert.notEqual(firstToken, secondToken);
      const out = text();
      assert.ok(out.includes('api request'), 'requests are logged at debug');
      assert.ok(out.includes(REDACTED), 'the authorization header shows as redacted');
      for (const secret of [firstToken, secondToken, sandbox.credentials.refreshToken, sandbox.credentials.clientSecret]) {
        assert.ok(!out.includes(secret), 'a credential appeared in the log');
      }
      assert.ok(records().some((r) => (r['res'] as { status?: number } | undefined)?.status === 401), 'the 401 is logged');
    });

    describe('with Coupa too', () => {
      let coupaSandbox: CoupaSandbox;
      before(async () => {
        coupaSandbox = await startCoupaSandbox();
      });
      after(async () => {
        await coupaSandbox?.close();
      });

      it('name the query keys but never a login, an email, an employee number or a search term, nor a natural key in a path', async () => {
        const { logger, text, records } = captured();
        const coupa = new CoupaClient({
          baseUrl: coupaSandbox.url,
          clientId: coupaSandbox.credentials.clientId,
          clientSecret: coupaSandbox.credentials.clientSecret,
          scopes: coupaSandbox.credentials.scopes,
          logger,
        });
        const workday = new WorkdayClient({ baseUrl: sandbox.url, tenant: sandbox.tenant, ...sandbox.credentials, logger });
        const existing = coupaSandbox.store.users.all().find((u) => u.employeeNumber && u.active)!;
        const newcomer = { login: 'grace.hopper.private@acme.example', email: 'grace.hopper.private@acme.example', employeeNumber: '29977' };

        assert.equal((await coupa.findUserByEmployeeNumber(existing.employeeNumber!))?.id, existing.id);
        assert.equal((await coupa.findUserByLogin(existing.login))?.id, existing.id);
        const created = await coupa.createUser({ login: newcomer.login, email: newcomer.email, firstname: 'Grace', lastname: 'Hopper', 'employee-number': newcomer.employeeNumber });
        await coupa.updateUser(created.id, { email: newcomer.email, firstname: 'Grace B.' });
        const staff = sandbox.store.workerByEmployeeId('21034')!;
        assert.equal((await workday.findWorkerByEmployeeId('21034'))?.id, staff.wid);
        for await (const _w of workday.listWorkers({ search: staff.lastName })) break;
        // Workday's Type=Value reference syntax puts a natural key in the path.
        await workday.http.get(z.unknown(), `/v1/${sandbox.tenant}/workers/Employee_ID=21035`);

        const out = text();
        for (const secret of [existing.employeeNumber!, existing.login, existing.email, newcomer.login, newcomer.employeeNumber, '21034', '21035', staff.lastName]) {
          assert.ok(!out.includes(secret), `${secret} appeared in the log`);
        }
        const queries = records()
          .map((r) => (r['req'] as { query?: Record<string, unknown> | null } | undefined)?.query)
          .filter((q): q is Record<string, unknown> => !!q);
        assert.ok(queries.some((q) => q['employee-number'] !== undefined && q['limit'] === 50), 'the query keys show, paging values in clear');
        assert.ok(queries.some((q) => typeof q['search'] === 'string' && /^#[0-9a-f]{8}$/.test(q['search'] as string)), 'a search value shows as a marker');
        assert.match(out, /workers\/Employee_ID=#[0-9a-f]{8}/);
      });
    });
  });
});
