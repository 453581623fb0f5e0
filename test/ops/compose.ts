// Reads docker-compose.yml and the Dockerfile as Docker would, for tests that cannot run Docker: interpolation, commands, the keys volume.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';

export const repoRoot = path.resolve(__dirname, '../..');

export interface ComposeService {
  image?: string;
  build?: string;
  user?: string;
  command?: string[];
  entrypoint?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  profiles?: string[];
  restart?: string;
  healthcheck?: { test: string[] | string };
}

export interface Compose {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

export function loadCompose(): Compose {
  return YAML.parse(fs.readFileSync(path.join(repoRoot, 'docker-compose.yml'), 'utf8')) as Compose;
}

export function dependencies(service: ComposeService): Record<string, string> {
  const deps = service.depends_on ?? [];
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((name) => [name, 'service_started']));
  return Object.fromEntries(Object.entries(deps).map(([name, dep]) => [name, dep.condition ?? 'service_started']));
}

/** Compose's interpolation: `$$` is a literal `$`. The file uses no variable of the host, so any other `$` is refused. */
export function interpolate(value: string): string {
  const single = /(?<!\$)\$(?!\$)/.exec(value.replace(/\$\$/g, ''));
  if (single) throw new Error(`docker-compose.yml interpolates a host variable in: ${value}`);
  return value.replace(/\$\$/g, '$');
}

/**
 * What the container runs: entrypoint + command, interpolated. A service built from this repository
 * without an entrypoint of its own runs the image's ENTRYPOINT (and its CMD when it has no command).
 */
export function containerArgs(service: ComposeService, image?: Pick<Dockerfile, 'entrypoint' | 'cmd'>): string[] {
  const fromImage = service.build !== undefined && image !== undefined;
  const entrypoint = service.entrypoint ?? (fromImage ? image.entrypoint : []);
  const command = service.command ?? (fromImage && !service.entrypoint ? image.cmd : []);
  return [...entrypoint, ...command].map(interpolate);
}

/** The variables a `sh -c` command reads from files under /keys: `NAME="$(cat /keys/file)"`. */
export function variablesFromKeyFiles(script: string): Record<string, string> {
  return Object.fromEntries([...script.matchAll(/(\w+)="\$\(cat (\/keys\/[\w.-]+)\)"/g)].map((m) => [m[1]!, m[2]!]));
}

/** Runs the `keys` service's own script with the volume at `dir` (twice is a no-op: it never overwrites). */
export function runKeysService(compose: Compose, dir: string): void {
  const keys = compose.services.keys;
  if (!keys) throw new Error('docker-compose.yml has no keys service');
  const [command, ...args] = containerArgs(keys).map((arg) => (arg === '/keys' ? dir : arg));
  if (command !== 'node') throw new Error(`the keys service runs ${command}, not node`);
  const result = spawnSync(process.execPath, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`keys service failed: ${result.stderr}`);
}

/** Reads the secrets a service's command would read from the keys volume at `dir`. */
export function secretsFor(service: ComposeService, dir: string): Record<string, string> {
  const script = containerArgs(service).at(-1) ?? '';
  return Object.fromEntries(
    Object.entries(variablesFromKeyFiles(script)).map(([name, file]) => [name, fs.readFileSync(path.join(dir, path.basename(file)), 'utf8').trim()]),
  );
}

export interface DockerStage {
  /** `AS name`, or null for an unnamed stage. */
  name: string | null;
  workdir: string;
  env: Record<string, string>;
  /** COPY lines in order; `from` is the stage of a `COPY --from=<stage>`. */
  copies: Array<{ sources: string[]; destination: string; from?: string }>;
  runs: string[];
  entrypoint: string[];
  cmd: string[];
}

/** The last stage (what the image runs) at the top level, every stage in `stages`. */
export interface Dockerfile extends DockerStage {
  stages: DockerStage[];
}

export function loadDockerfile(): Dockerfile {
  const text = fs.readFileSync(path.join(repoRoot, 'Dockerfile'), 'utf8');
  const lines = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const stages: DockerStage[] = [];
  let stage: DockerStage | null = null;
  for (const line of lines) {
    const [instruction, ...rest] = line.split(/\s+/);
    const args = line.slice(instruction!.length).trim();
    if (instruction!.toUpperCase() === 'FROM') {
      const as = /\s+AS\s+(\S+)$/i.exec(args);
      stage = { name: as ? as[1]! : null, workdir: '/', env: {}, copies: [], runs: [], entrypoint: [], cmd: [] };
      stages.push(stage);
      continue;
    }
    if (!stage) throw new Error(`Dockerfile: ${instruction} before FROM`);
    switch (instruction!.toUpperCase()) {
      case 'WORKDIR':
        stage.workdir = args;
        break;
      case 'ENV':
        for (const pair of rest) {
          const [name, ...value] = pair.split('=');
          stage.env[name!] = value.join('=');
        }
        break;
      case 'COPY': {
        const flags = rest.filter((arg) => arg.startsWith('--'));
        const paths = rest.filter((arg) => !arg.startsWith('--'));
        const from = flags.map((flag) => /^--from=(\S+)$/.exec(flag)?.[1]).find(Boolean);
        if (flags.length > (from ? 1 : 0)) throw new Error(`COPY flags other than --from are not understood here: ${line}`);
        stage.copies.push({ sources: paths.slice(0, -1), destination: paths.at(-1)!, ...(from ? { from } : {}) });
        break;
      }
      case 'RUN':
        stage.runs.push(args);
        break;
      case 'ENTRYPOINT':
        stage.entrypoint = JSON.parse(args) as string[];
        break;
      case 'CMD':
        stage.cmd = JSON.parse(args) as string[];
        break;
    }
  }
  const last = stages.at(-1);
  if (!last) throw new Error('Dockerfile has no FROM');
  return { ...last, stages };
}

/** Top-level names .dockerignore keeps out of the build context. */
export function dockerIgnored(): string[] {
  const file = path.join(repoRoot, '.dockerignore');
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => line.trim().replace(/^\.?\//, '').replace(/\/$/, ''))
    .filter((line) => line && !line.startsWith('#'));
}
