// Every CLI command, nested ones too, answers --help with its usage and exit code 0 (walked from the command tree, so a new command is covered by itself).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CommanderError, type Command } from 'commander';
import { buildCliProgram } from '../../clients/cli/program';

function commandPaths(command: Command, prefix: string[] = []): string[][] {
  return command.commands.flatMap((sub) => [[...prefix, sub.name()], ...commandPaths(sub, [...prefix, sub.name()])]);
}

function quiet(command: Command, sink: string[]): void {
  command.configureOutput({ writeOut: (s) => sink.push(s), writeErr: (s) => sink.push(s), outputError: (s) => sink.push(s) });
  command.exitOverride();
  for (const sub of command.commands) quiet(sub, sink);
}

test('every command answers --help', async () => {
  const paths = commandPaths(buildCliProgram());
  for (const name of ['schedules', 'pollers', 'start', 'attention', 'send', 'approve', 'approve-run', 'backfill', 'provision', 'status']) {
    assert.ok(paths.some((p) => p[0] === name), `command ${name} exists`);
  }
  for (const path of [[], ...paths]) {
    const program = buildCliProgram();
    const out: string[] = [];
    quiet(program, out);
    const failure = await program.parseAsync(['node', 'cli', ...path, '--help']).then(
      () => null,
      (err: unknown) => err,
    );
    assert.ok(failure instanceof CommanderError, `${path.join(' ')} --help ends through commander`);
    assert.equal(failure.exitCode, 0, `${path.join(' ')} --help exits 0`);
    const text = out.join('');
    assert.match(text, /Usage:/, `${path.join(' ') || 'cli'} --help prints its usage`);
    const described = path.length === 0 || text.split('\n').some((line, i) => i > 0 && line.trim().length > 0 && !line.startsWith('Usage'));
    assert.ok(described, `${path.join(' ')} has a description`);
  }
});
