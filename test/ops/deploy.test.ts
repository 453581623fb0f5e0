// The deployment files hold: every alert rule fires in a promtool unit test, and the Kubernetes manifests validate against the API schemas.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { codecServerConfigSchema, loadConfig, workerConfigSchema, ingressConfigSchema } from '../../infra/config';

const repoRoot = path.resolve(__dirname, '../..');

function lintDeploy(...args: string[]): { status: number | null; output: string } {
  const result = spawnSync('bash', [path.join(repoRoot, 'scripts', 'lint-deploy.sh'), ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 120_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

interface RuleTests {
  tests: Array<{ alert_rule_test?: Array<{ alertname: string; exp_alerts: unknown[] }> }>;
}

test('make lint-deploy passes: promtool checks the rules and runs their unit tests, kubeconform validates the manifests', () => {
  const { status, output } = lintDeploy();
  assert.equal(status, 0, output);
  assert.match(output, /SUCCESS: \d+ rules found/);
  assert.match(output, /Unit Testing:\s+alerts\.test\.yml\s+SUCCESS/);
  const summary = /Summary: (\d+) resources? found in \d+ files? - Valid: (\d+), Invalid: 0, Errors: 0, Skipped: 0/.exec(output);
  assert.ok(summary, output);
  assert.equal(summary[1], summary[2], 'every resource valid, none skipped');
});

test('every alert of alerts.yml fires in at least one unit test, and stays quiet in another', () => {
  const rules = YAML.parse(fs.readFileSync(path.join(repoRoot, 'deploy/prometheus/alerts.yml'), 'utf8')) as { groups: Array<{ rules: Array<{ alert?: string }> }> };
  const alerts = rules.groups.flatMap((g) => g.rules.map((r) => r.alert).filter((a): a is string => Boolean(a)));
  const { tests } = YAML.parse(fs.readFileSync(path.join(repoRoot, 'deploy/prometheus/alerts.test.yml'), 'utf8')) as RuleTests;
  const cases = tests.flatMap((t) => t.alert_rule_test ?? []);
  for (const alert of ['SyncRunParkedOverAnHour', 'SyncAuthParking', 'SyncTokenRefreshRefused', 'SyncApiRateLimited', 'SyncTaskQueueWithoutPoller']) {
    assert.ok(alerts.includes(alert), `alerts.yml has ${alert}`);
  }
  for (const alert of alerts) {
    assert.ok(cases.some((c) => c.alertname === alert && c.exp_alerts.length > 0), `a test expects ${alert} to fire`);
    assert.ok(cases.some((c) => c.alertname === alert && c.exp_alerts.length === 0), `a test expects ${alert} to stay quiet`);
  }
});

test('kubeconform rejects a manifest the API server would reject (the schemas are really there and strict)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeconform-'));
  try {
    const worker = fs.readFileSync(path.join(repoRoot, 'deploy/kubernetes/worker.yaml'), 'utf8');
    fs.writeFileSync(path.join(dir, 'typo.yaml'), worker.replace('terminationGracePeriodSeconds:', 'terminationGracePeriodSecond:'));
    const { status, output } = lintDeploy(dir);
    assert.notEqual(status, 0, output);
    assert.match(output, /terminationGracePeriodSecond/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("the worker's Kubernetes termination grace outlasts its shutdown grace, and every container runs unprivileged with resources and probes", () => {
  const docs = fs
    .readdirSync(path.join(repoRoot, 'deploy/kubernetes'))
    .flatMap((file) => YAML.parseAllDocuments(fs.readFileSync(path.join(repoRoot, 'deploy/kubernetes', file), 'utf8')).map((d) => d.toJSON() as Record<string, any>));
  const config = docs.find((d) => d.kind === 'ConfigMap')!.data as Record<string, string>;
  const deployments = docs.filter((d) => d.kind === 'Deployment');
  assert.deepEqual(deployments.map((d) => d.spec.template.spec.containers[0].args[0]).sort(), ['codec-server', 'ingress', 'worker']);
  const worker = deployments.find((d) => d.spec.template.spec.containers[0].args[0] === 'worker')!;
  assert.ok(worker.spec.template.spec.terminationGracePeriodSeconds > Number(config.WORKER_SHUTDOWN_GRACE_SECONDS) + 10, 'running activities get their grace before the kill');
  for (const deployment of deployments) {
    const pod = deployment.spec.template.spec;
    assert.equal(pod.securityContext.runAsNonRoot, true, `${deployment.metadata.name} runs as non-root`);
    for (const container of pod.containers) {
      assert.ok(container.resources?.requests && container.resources?.limits?.memory, `${container.name} has requests and a memory limit`);
      assert.ok(container.readinessProbe && container.livenessProbe, `${container.name} has probes`);
      assert.equal(container.securityContext.allowPrivilegeEscalation, false);
    }
  }
  assert.equal(config.WORKER_METRICS_HOST, '0.0.0.0', 'Prometheus can scrape the pod');
});

test("the Kubernetes ConfigMap and Secret name only real settings, and with real secrets they pass the worker's and the codec server's config checks", () => {
  const docs = YAML.parseAllDocuments(fs.readFileSync(path.join(repoRoot, 'deploy/kubernetes/config.yaml'), 'utf8')).map((d) => d.toJSON() as Record<string, any>);
  const config = docs.find((d) => d.kind === 'ConfigMap')!.data as Record<string, string>;
  const secret = docs.find((d) => d.kind === 'Secret')!.stringData as Record<string, string>;
  const known = new Set([...Object.keys(workerConfigSchema.shape), ...Object.keys(codecServerConfigSchema.shape), ...Object.keys(ingressConfigSchema.shape)]);
  for (const key of [...Object.keys(config), ...Object.keys(secret)]) assert.ok(known.has(key), `${key} is a setting of infra/config.ts`);
  // What the operator puts in the Secret instead of the placeholders.
  const real = {
    ...secret,
    PAYLOAD_ENCRYPTION_KEYS: `key-1:${Buffer.alloc(32, 1).toString('base64')}`,
    CODEC_SERVER_TOKENS: `support:${'s'.repeat(40)},web-ui:${'w'.repeat(40)}`,
  };
  const env = { ...config, ...real };
  const worker = loadConfig(workerConfigSchema, env);
  assert.equal(worker.WORKER_METRICS_HOST, '0.0.0.0');
  assert.ok(worker.OTEL_EXPORTER_OTLP_ENDPOINT, 'tracing is on in the example');
  const codec = loadConfig(codecServerConfigSchema, env);
  assert.equal(codec.CODEC_SERVER_HOST, '0.0.0.0');
});
