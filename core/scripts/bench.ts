// `pnpm bench`: evaluate over 100 000 generated inputs, timed against JSON.parse of the same data.
import { performance } from 'node:perf_hooks';
import { evaluate } from '../src/index.js';
import type { EvaluateInput, Verdict } from '../src/index.js';
import { generateInputs } from './bench/generate.js';

const ASSETS = 100_000;
const WARMUP = 10_000;
const ROUNDS = 3;

/** The best of `ROUNDS` timings of `run`, in milliseconds, with the last result. */
function best<T>(run: () => T): { ms: number; result: T } {
  let ms = Infinity;
  let result: T | undefined;
  for (let round = 0; round < ROUNDS; round += 1) {
    const start = performance.now();
    result = run();
    ms = Math.min(ms, performance.now() - start);
  }
  return { ms, result: result as T };
}

function evaluateAll(inputs: readonly EvaluateInput[]): Verdict[] {
  return inputs.map((input) => evaluate(input));
}

const generated = generateInputs(ASSETS);
const text = JSON.stringify(generated);

// Warm both paths on a slice first, so neither timing pays for compilation.
const warm = JSON.parse(JSON.stringify(generated.slice(0, WARMUP))) as EvaluateInput[];
evaluateAll(warm);

const parse = best(() => JSON.parse(text) as EvaluateInput[]);
const run = best(() => evaluateAll(parse.result));

// The mix goes to stderr: it shows what was measured and keeps the verdicts alive.
const statuses: Record<string, number> = {};
for (const verdict of run.result) statuses[verdict.status] = (statuses[verdict.status] ?? 0) + 1;
process.stderr.write(
  `bench: ${(text.length / 1e6).toFixed(1)} MB of JSON, verdicts ${JSON.stringify(statuses)}\n`,
);

const round = (n: number, digits: number): number => Number(n.toFixed(digits));
process.stdout.write(
  `${JSON.stringify({
    bench: 'evaluate',
    assets: ASSETS,
    ms: round(run.ms, 1),
    parse_ms: round(parse.ms, 1),
    ratio: round(run.ms / parse.ms, 3),
  })}\n`,
);
