import { runCli } from './cli.js';

runCli(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`错误 / error: ${(err as Error).message}\n`);
    process.exit(2);
  },
);
