// Tests of the conformance runner on folders of cases written for the occasion.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runConformance } from './run.js';

const input = {
  policy: { timeZone: 'Europe/Stockholm', channels: ['web', 'print'] },
  asset: { id: 'a1', legalBasis: 'consent', persons: [{ personId: 'p1' }] },
  persons: [{ id: 'p1' }],
  consents: [{ id: 'c1', personId: 'p1', channels: ['web'], validFrom: '2025-01-01' }],
  channel: 'web',
  now: '2026-05-10T10:00:00Z',
};
const passing = { name: 'open-ended consent', input, expect: { status: 'approved' } };
const failing = {
  name: 'wrongly expects print',
  input,
  expect: { status: 'approved', channels: ['web', 'print'] },
};

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'conformance-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function write(file: string, content: unknown): void {
  writeFileSync(join(dir, file), typeof content === 'string' ? content : JSON.stringify(content));
}

describe('runConformance', () => {
  it('prints one line per failing case and the summary, and fails the run', () => {
    write('a-pass.json', passing);
    write('b-fail.json', failing);
    expect(runConformance(dir)).toEqual({
      lines: [
        'FAIL wrongly expects print (b-fail.json): channels: expected ["web","print"], got ["web"]',
        'conformance: 1 passed, 1 failed',
      ],
      passed: 1,
      failed: 1,
      exitCode: 1,
    });
  });

  it('exits 0 when every case passes', () => {
    write('a.json', passing);
    write('b.json', {
      name: 'bad channel',
      input: { ...input, channel: 'x' },
      expect: { error: 'invalid_input' },
    });
    expect(runConformance(dir)).toMatchObject({
      lines: ['conformance: 2 passed, 0 failed'],
      exitCode: 0,
    });
  });

  it('counts a file of bad JSON as a failing case instead of crashing', () => {
    write('a.json', passing);
    write('broken.json', '{ "name": "broken", ');
    const report = runConformance(dir);
    expect(report.lines[0]).toMatch(/^FAIL \(broken\.json\): not a readable JSON case: /);
    expect(report.lines[1]).toBe('conformance: 1 passed, 1 failed');
    expect(report.exitCode).toBe(1);
  });

  it('fails a case without input or expect', () => {
    write('a.json', { name: 'no expect', input });
    expect(runConformance(dir).lines[0]).toBe(
      'FAIL no expect (a.json): malformed case: "expect" is not an object',
    );
  });

  it('ignores files that are not JSON and folders below', () => {
    write('a.json', passing);
    write('notes.md', '# not a case');
    mkdirSync(join(dir, 'nested.json'));
    expect(runConformance(dir).lines).toEqual(['conformance: 1 passed, 0 failed']);
  });

  it('fails and says so when the folder holds no case', () => {
    expect(runConformance(dir)).toMatchObject({
      lines: [`no *.json case found in ${dir}`, 'conformance: 0 passed, 0 failed'],
      exitCode: 1,
    });
  });

  it('fails and says so when the folder cannot be read', () => {
    const report = runConformance(join(dir, 'missing'));
    expect(report.lines[0]).toMatch(/^cannot read folder .*missing: ENOENT/);
    expect(report.exitCode).toBe(1);
  });
});

describe('the conformance command', () => {
  it('resolves the folder against INIT_CWD and exits non-zero on a failing case', () => {
    write('a-pass.json', passing);
    write('b-fail.json', failing);
    const core = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'scripts/conformance.ts', basename(dir)],
      { cwd: core, env: { ...process.env, INIT_CWD: dirname(dir) }, encoding: 'utf8' },
    );
    expect(run.stdout.trimEnd().split('\n')).toEqual([
      'FAIL wrongly expects print (b-fail.json): channels: expected ["web","print"], got ["web"]',
      'conformance: 1 passed, 1 failed',
    ]);
    expect(run.status).toBe(1);
  });
});
