// `pnpm conformance <folder>`: runs the spec's conformance cases of a folder against evaluate.
import { resolve } from 'node:path';
import { runConformance } from './conformance/run.js';

// pnpm runs package scripts inside core/; a relative folder means the caller's folder.
const callerCwd = process.env['INIT_CWD'] ?? process.cwd();
// pnpm forwards the `--` of `pnpm conformance -- <folder>`; it is not a folder.
const args = process.argv.slice(2).filter((arg) => arg !== '--');

if (args.length !== 1 || args[0] === undefined) {
  process.stderr.write('usage: pnpm conformance <folder of *.json cases>\n');
  process.exit(2);
}

const report = runConformance(resolve(callerCwd, args[0]));
process.stdout.write(report.lines.map((line) => `${line}\n`).join(''));
process.exitCode = report.exitCode;
