// The workflow bundle: built once by `npm run build` (dist/workflow-bundle.js), so a production worker starts without bundling.
import fs from 'node:fs';
import path from 'node:path';
import { bundleWorkflowCode, type BundleOptions } from '@temporalio/worker';
import { failureConverterPath } from '../infra/data-converter';
import { otelWorkflowInterceptorsPath } from '../infra/tracing';

/** Where the build puts the bundle: beside the compiled workers/ folder, i.e. dist/workflow-bundle.js. */
export const prebuiltBundlePath = path.resolve(__dirname, '..', 'workflow-bundle.js');

/**
 * What every bundle of this application contains: the workflows, the failure converter (payload
 * encryption of failures) and the OpenTelemetry workflow interceptors. A bundle without the last two
 * would run, but with plaintext failure messages or without workflow spans.
 */
export function workflowBundleOptions(): Pick<BundleOptions, 'workflowsPath' | 'failureConverterPath' | 'workflowInterceptorModules' | 'preloadModules'> {
  return { workflowsPath: require.resolve('../workflows'), failureConverterPath, workflowInterceptorModules: [otelWorkflowInterceptorsPath], preloadModules: SHARED_WORKFLOW_MODULES };
}

/**
 * Libraries evaluated once per worker thread instead of once per workflow run. The SDK gives every run
 * its own copy of each module it requires; the OpenTelemetry libraries behind the tracing interceptors
 * are ~360 modules, and evaluating them per run more than halved provisioning throughput (bench/overhead.ts).
 * They keep no per-run state at module scope (the tracer and context manager live in the interceptors
 * module, which stays per run; the API's registry is on globalThis, which the SDK swaps per run).
 */
export const SHARED_WORKFLOW_MODULES = ['@opentelemetry/api', '@opentelemetry/core', '@opentelemetry/sdk-trace-base', '@opentelemetry/resources', '@opentelemetry/semantic-conventions'];

/** The prebuilt bundle when this code runs from the build (dist/), else null: the worker bundles from source at start. */
export function prebuiltWorkflowBundle(): { codePath: string } | null {
  return fs.existsSync(prebuiltBundlePath) ? { codePath: prebuiltBundlePath } : null;
}

async function main(): Promise<void> {
  // From source, the bundle would land in the repository root and shadow the workflows a source worker bundles.
  if (!__filename.endsWith('.js')) throw new Error('run the build (npm run build), which runs the compiled dist/workers/workflow-bundle.js');
  const started = Date.now();
  const { code } = await bundleWorkflowCode({ ...workflowBundleOptions(), logger: buildLogger });
  fs.writeFileSync(prebuiltBundlePath, code);
  console.log(`build: workflow bundle ${path.relative(process.cwd(), prebuiltBundlePath)} (${Math.round(code.length / 1024)} KiB) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

const buildLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (message: string) => console.warn(message),
  error: (message: string) => console.error(message),
};

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
