// Command line for support and ops (`npm run cli -- --help`): the command tree lives in clients/cli/.
import { CommanderError } from 'commander';
import { ConfigError } from '../infra/config';
import { buildCliProgram } from './cli/program';

buildCliProgram()
  .parseAsync(process.argv)
  .then(
    () => process.exit(process.exitCode ?? 0),
    (err: unknown) => {
      if (err instanceof CommanderError) {
        // --help and --version end here too, with exit code 0.
        process.exit(err.exitCode === 0 ? 0 : 2);
      }
      console.error(err instanceof ConfigError || err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
