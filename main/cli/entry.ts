/** Process entry of the `kiln` bin (bundled to dist/main/cli.cjs). */
import { runCli } from './main';

runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`kiln: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  },
);
