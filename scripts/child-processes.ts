// Starts the demo's long-running pieces as child processes with logs in files, and stops every one of them on exit.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import readline from 'node:readline';

export interface Child {
  name: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

const children: Child[] = [];

export function startChild(name: string, command: string, args: string[], env: NodeJS.ProcessEnv, logFile: string): Child {
  const log = fs.openSync(logFile, 'a');
  const proc = spawn(command, args, { env, stdio: ['ignore', 'pipe', log] });
  proc.stdout?.on('data', (chunk: Buffer) => fs.writeSync(log, chunk));
  let exited = false;
  proc.once('exit', () => {
    exited = true;
  });
  const child: Child = {
    name,
    process: proc,
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        const force = setTimeout(() => proc.kill('SIGKILL'), 15_000);
        proc.once('exit', () => {
          clearTimeout(force);
          resolve();
        });
        proc.kill('SIGTERM');
      }),
  };
  children.push(child);
  return child;
}

/** Resolves with the first stdout line that parses as JSON with `ready: true`. */
export function waitForReadyLine<T>(child: Child, timeoutMs = 60_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${child.name} did not report ready within ${timeoutMs / 1000} s`)), timeoutMs);
    child.process.once('exit', (code) => reject(new Error(`${child.name} exited with code ${code} before it was ready`)));
    const lines = readline.createInterface({ input: child.process.stdout! });
    lines.on('line', (line) => {
      try {
        const parsed = JSON.parse(line) as { ready?: boolean };
        if (parsed.ready) {
          clearTimeout(timer);
          resolve(parsed as T);
        }
      } catch {
        // not the ready line
      }
    });
  });
}

/** Stops children newest first (the worker before the servers it talks to). */
export async function stopAllChildren(): Promise<void> {
  for (const child of children.reverse()) await child.stop();
  children.length = 0;
}
