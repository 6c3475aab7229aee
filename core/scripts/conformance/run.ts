// Runs every conformance case of a folder through `evaluate` and reports as spec §7 asks.
import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { evaluate } from '../../src/index.js';
import type { EvaluateInput } from '../../src/index.js';
import { compareOutcome } from './compare.js';
import type { Mismatch, Outcome } from './compare.js';

/** What the runner prints, one entry a line, and the exit code it ends with. */
export interface ConformanceReport {
  lines: string[];
  passed: number;
  failed: number;
  exitCode: number;
}

type CaseResult = { pass: true } | { pass: false; line: string };

/** Evaluates every `*.json` case directly in `dir` (not below it), in file-name order. */
export function runConformance(dir: string): ConformanceReport {
  const lines: string[] = [];
  let files: string[];
  try {
    files = readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.name.endsWith('.json'))
      .map((entry) => entry.name)
      .sort();
  } catch (error) {
    lines.push(`cannot read folder ${dir}: ${messageOf(error)}`);
    files = [];
  }
  if (files.length === 0 && lines.length === 0) lines.push(`no *.json case found in ${dir}`);

  let passed = 0;
  let failed = 0;
  for (const file of files) {
    const result = runCase(join(dir, file));
    if (result.pass) {
      passed += 1;
    } else {
      failed += 1;
      lines.push(result.line);
    }
  }
  lines.push(`conformance: ${passed} passed, ${failed} failed`);
  // No case at all is a failure too: a wrong path must not look like a green run.
  return { lines, passed, failed, exitCode: failed > 0 || files.length === 0 ? 1 : 0 };
}

function runCase(path: string): CaseResult {
  const file = basename(path);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    return { pass: false, line: `FAIL (${file}): not a readable JSON case: ${messageOf(error)}` };
  }
  if (!isRecord(parsed)) return malformed(file, file, 'not a JSON object');
  // A case without a name is still run, under its file name.
  const name = typeof parsed['name'] === 'string' ? parsed['name'] : file;
  if (!isRecord(parsed['input'])) return malformed(name, file, '"input" is not an object');
  if (!isRecord(parsed['expect'])) return malformed(name, file, '"expect" is not an object');

  const mismatches = compareOutcome(parsed['expect'], outcomeOf(parsed['input']));
  if (mismatches.length === 0) return { pass: true };
  return { pass: false, line: `FAIL ${name} (${file}): ${mismatches.map(describe).join('; ')}` };
}

function outcomeOf(input: Record<string, unknown>): Outcome {
  try {
    // The shape is evaluate's to check: rejecting bad input is part of what cases test.
    return { verdict: evaluate(input as unknown as EvaluateInput) };
  } catch (thrown) {
    return { thrown };
  }
}

function malformed(name: string, file: string, problem: string): CaseResult {
  return { pass: false, line: `FAIL ${name} (${file}): malformed case: ${problem}` };
}

function describe({ field, expected, got }: Mismatch): string {
  return `${field}: expected ${expected}, got ${got}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
