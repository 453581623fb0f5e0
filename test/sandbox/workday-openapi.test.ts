// Every common v1 answer of the Workday sandbox validates against Workday's own OpenAPI description (common-v1.yml).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parse as parseYaml } from 'yaml';
import { startWorkdaySandbox, type WorkdaySandbox } from '../../sandbox/workday';

const SPEC_ID = 'https://sandbox.local/workday/common-v1.json';
const WID = /^[0-9a-f]{32}$/;

/** shared/ sits beside the repo on a developer's machine and beside the clone in CI. */
function findSpec(): string {
  const candidates = [
    path.resolve(__dirname, '../../../shared/reference/workday-openapi/common-v1.yml'),
    path.resolve(process.cwd(), '../shared/reference/workday-openapi/common-v1.yml'),
    path.resolve(process.cwd(), 'shared/reference/workday-openapi/common-v1.yml'),
  ];
  const found = candidates.find((p) => fs.existsSync(p));
  if (!found) throw new Error(`common-v1.yml not found; looked at:\n${candidates.join('\n')}`);
  return found;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Points the spec's local refs (#/components/schemas/X) at the components document registered under SPEC_ID. */
function rewriteRefs(node: Json): Json {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (node && typeof node === 'object') {
    return Object.fromEntries(
      Object.entries(node).map(([key, value]) => [key, key === '$ref' && typeof value === 'string' && value.startsWith('#/') ? `${SPEC_ID}${value}` : rewriteRefs(value)]),
    );
  }
  return node;
}

interface OpenApiSpec {
  paths: Record<string, { get?: { responses: Record<string, { content?: Record<string, { schema: Json }> }> } }>;
  components: { schemas: Record<string, Json> };
}

class ResponseValidators {
  private readonly ajv: Ajv;
  private readonly cache = new Map<string, ValidateFunction>();

  constructor(private readonly spec: OpenApiSpec) {
    // strict: false lets OpenAPI-only keywords (nullable, example, x-workday-type…) pass as annotations.
    this.ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(this.ajv);
    // OpenAPI's `format: url` is no JSON Schema format; ajv-formats' legacy `url` regex refuses private
    // and loopback hosts, which a sandbox on 127.0.0.1 always is. Any absolute http(s) URL passes instead.
    this.ajv.addFormat('url', (value: string) => /^https?:\/\//.test(value) && URL.canParse(value));
    this.ajv.addSchema({ $id: SPEC_ID, components: rewriteRefs(spec.components as unknown as Json) });
  }

  /** The schema of GET {pathTemplate} answering {status}, falling back to the `default` response as OpenAPI does. */
  forResponse(pathTemplate: string, status: number): ValidateFunction {
    const key = `${pathTemplate} ${status}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const responses = this.spec.paths[pathTemplate]?.get?.responses;
    assert.ok(responses, `common-v1.yml has no GET ${pathTemplate}`);
    const response = responses[String(status)] ?? responses.default;
    const schema = response?.content?.['application/json']?.schema;
    assert.ok(schema, `common-v1.yml has no JSON schema for GET ${pathTemplate} → ${status}`);
    const validate = this.ajv.compile(rewriteRefs(schema) as object);
    this.cache.set(key, validate);
    return validate;
  }
}

/** Every `id` anywhere in a body is a WID: the spec only pattern-checks nested refs, Workday hands out WIDs throughout. */
function assertAllIdsAreWids(body: unknown, where: string): void {
  if (Array.isArray(body)) return body.forEach((item) => assertAllIdsAreWids(item, where));
  if (body && typeof body === 'object') {
    for (const [key, value] of Object.entries(body)) {
      if (key === 'id') assert.match(String(value), WID, `${where}: id ${String(value)} is not a WID`);
      else assertAllIdsAreWids(value, where);
    }
  }
}

describe('Workday sandbox against common-v1.yml', () => {
  let sandbox: WorkdaySandbox;
  let validators: ResponseValidators;
  let accessToken: string;
  const validated = new Set<string>();

  /** GETs a common v1 URL and checks the answer against the spec's schema for that path and status. */
  async function getAndValidate(pathTemplate: string, url: string, expectedStatus = 200, token: string | null = accessToken): Promise<any> {
    const res = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    const body: unknown = await res.json();
    assert.equal(res.status, expectedStatus, `GET ${url} → ${res.status} ${JSON.stringify(body)}`);
    assert.match(res.headers.get('content-type') ?? '', /application\/json/);
    const validate = validators.forResponse(pathTemplate, expectedStatus);
    assert.ok(validate(body), `GET ${pathTemplate} (${expectedStatus}) breaks the spec: ${JSON.stringify(validate.errors, null, 2)}\nbody: ${JSON.stringify(body).slice(0, 2000)}`);
    if (expectedStatus === 200) assertAllIdsAreWids(body, `GET ${pathTemplate}`);
    validated.add(`${pathTemplate} ${expectedStatus}`);
    return body;
  }

  before(async () => {
    const spec = parseYaml(fs.readFileSync(findSpec(), 'utf8')) as OpenApiSpec;
    validators = new ResponseValidators(spec);
    sandbox = await startWorkdaySandbox();
    const res = await fetch(sandbox.paths.token, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${sandbox.credentials.clientId}:${sandbox.credentials.clientSecret}`).toString('base64')}`,
      },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: sandbox.credentials.refreshToken }).toString(),
    });
    assert.equal(res.status, 200);
    const token = (await res.json()) as { access_token: string };
    accessToken = token.access_token;
  });

  after(async () => {
    await sandbox?.close();
  });

  it('can fail: a body with a non-WID ref and a string total is rejected', () => {
    const validate = validators.forResponse('/workers', 200);
    const wrong = { total: 'many', data: [{ id: 'x', primarySupervisoryOrganization: { id: 'not a wid', descriptor: 7 } }] };
    assert.equal(validate(wrong), false);
    assert.ok((validate.errors ?? []).length >= 2, JSON.stringify(validate.errors));
    const errorValidate = validators.forResponse('/workers', 400);
    assert.equal(errorValidate({ errors: [{ error: 'no top-level error' }] }), false);
  });

  it('workers: list, instance (by WID and Employee_ID), direct reports, organizations, orgs managed', async () => {
    const base = sandbox.paths.common;
    const list = await getAndValidate('/workers', `${base}/workers?limit=100`);
    assert.equal(list.data.length, 100);
    const searched = await getAndValidate('/workers', `${base}/workers?search=${encodeURIComponent('Ångström 21001')}`);
    assert.ok(searched.total >= 2);

    const ceo = await getAndValidate('/workers/{id}', `${base}/workers/Employee_ID=21001`);
    assert.equal(ceo.isManager, true);
    await getAndValidate('/workers/{id}', ceo.href);

    const reports = await getAndValidate('/workers/{id}/directReports', `${ceo.href}/directReports?limit=100`);
    assert.ok(reports.total > 0);
    await getAndValidate('/workers/{id}/directReports/{subresourceID}', `${ceo.href}/directReports/${reports.data[0].id}`);

    const orgs = await getAndValidate('/workers/{id}/organizations', `${ceo.href}/organizations`);
    assert.deepEqual(orgs.data.map((o: any) => o.organizationType.descriptor).sort(), ['Company', 'Cost Center', 'Supervisory']);
    await getAndValidate('/workers/{id}/organizations/{subresourceID}', `${ceo.href}/organizations/${orgs.data[0].id}`);

    const managed = await getAndValidate('/workers/{id}/supervisoryOrganizationsManaged', ceo.supervisoryOrganizationsManaged);
    assert.equal(managed.data[0].code, 'SUP-EXEC');

    const noEmail = await getAndValidate('/workers/{id}', `${base}/workers/Employee_ID=21020`);
    assert.equal('primaryWorkEmail' in noEmail, false);
  });

  it('supervisory organizations: list, instance, workers, one worker', async () => {
    const base = sandbox.paths.common;
    const list = await getAndValidate('/supervisoryOrganizations', `${base}/supervisoryOrganizations?limit=100`);
    assert.equal(list.total, 13);
    const finance = list.data.find((o: any) => o.code === 'SUP-FIN');
    assert.ok(finance?.manager);
    const one = await getAndValidate('/supervisoryOrganizations/{id}', finance.href);
    const members = await getAndValidate('/supervisoryOrganizations/{id}/workers', one.workers);
    assert.ok(members.total > 0);
    await getAndValidate('/supervisoryOrganizations/{id}/workers/{subresourceID}', `${one.workers}/${members.data[0].id}`);
  });

  it('organizations and organization types', async () => {
    const base = sandbox.paths.common;
    const orgs = await getAndValidate('/organizations', `${base}/organizations?limit=100`);
    assert.ok(orgs.data.some((o: any) => o.descriptor === 'CC1100 Corporate Finance'));
    await getAndValidate('/organizations/{id}', orgs.data[0].href);
    const types = await getAndValidate('/organizationTypes', `${base}/organizationTypes`);
    assert.deepEqual(types.data.map((t: any) => t.descriptor).sort(), ['Company', 'Cost Center', 'Supervisory']);
    await getAndValidate('/organizationTypes/{id}', types.data[0].href);
  });

  it('the /ccx/api/common/v1 alias answers the same shapes', async () => {
    const list = await getAndValidate('/workers', `${sandbox.paths.commonAlias}/workers?limit=5`);
    assert.ok(list.data[0].href.startsWith(sandbox.paths.commonAlias));
  });

  it('errors: 400 over-limit, 401 without a token, 404 unknown id', async () => {
    const base = sandbox.paths.common;
    const overLimit = await getAndValidate('/workers', `${base}/workers?limit=101`, 400);
    assert.ok(overLimit.errors.length >= 1);
    await getAndValidate('/workers', `${base}/workers?offset=-1`, 400);
    await getAndValidate('/workers', `${base}/workers`, 401, null);
    await getAndValidate('/workers', `${base}/workers`, 401, 'not-a-token');
    await getAndValidate('/workers/{id}', `${base}/workers/${'0'.repeat(32)}`, 404);
    await getAndValidate('/supervisoryOrganizations/{id}', `${base}/supervisoryOrganizations/${'f'.repeat(32)}`, 404);
    await getAndValidate('/organizations/{id}', `${base}/organizations/nope`, 404);
  });

  it('covered every common v1 path the sandbox serves', () => {
    const served = [
      '/workers', '/workers/{id}', '/workers/{id}/directReports', '/workers/{id}/directReports/{subresourceID}',
      '/workers/{id}/organizations', '/workers/{id}/organizations/{subresourceID}', '/workers/{id}/supervisoryOrganizationsManaged',
      '/supervisoryOrganizations', '/supervisoryOrganizations/{id}', '/supervisoryOrganizations/{id}/workers',
      '/supervisoryOrganizations/{id}/workers/{subresourceID}', '/organizations', '/organizations/{id}',
      '/organizationTypes', '/organizationTypes/{id}',
    ];
    const missing = served.filter((p) => !validated.has(`${p} 200`));
    assert.deepEqual(missing, []);
  });
});
