// Tests that the benchmark's inputs are reproducible and acceptable to evaluate.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/index.js';
import { generateInputs, seededRandom } from './generate.js';

describe('generateInputs', () => {
  it('produces the same inputs for the same seed and others for another seed', () => {
    expect(JSON.stringify(generateInputs(200, 7))).toBe(JSON.stringify(generateInputs(200, 7)));
    expect(JSON.stringify(generateInputs(200, 8))).not.toBe(JSON.stringify(generateInputs(200, 7)));
  });

  it('produces inputs that evaluate accepts, with a mix of bases and outcomes', () => {
    const inputs = generateInputs(2_000);
    const verdicts = inputs.map((input) => evaluate(input));
    const bases = new Set(inputs.map((input) => input.asset.legalBasis));
    const statuses = new Set(verdicts.map((verdict) => verdict.status));
    expect([...bases].sort()).toEqual([
      'consent',
      'deceased_only',
      'external_agreement',
      'legitimate_interest',
      'no_identifiable_persons',
    ]);
    expect([...statuses].sort()).toEqual(['approved', 'blocked', 'expiring']);
  });

  it('tags two to four persons with one to three consents each', () => {
    for (const input of generateInputs(500)) {
      const tagged = input.asset.persons ?? [];
      if (tagged.length === 0) continue;
      expect(tagged.length).toBeGreaterThanOrEqual(2);
      expect(tagged.length).toBeLessThanOrEqual(4);
      for (const { personId } of tagged) {
        const count = (input.consents ?? []).filter((c) => c.personId === personId).length;
        expect(count).toBeGreaterThanOrEqual(1);
        expect(count).toBeLessThanOrEqual(3);
      }
    }
  });
});

describe('seededRandom', () => {
  it('yields numbers in [0, 1) repeatably', () => {
    const a = seededRandom(1);
    const b = seededRandom(1);
    for (let i = 0; i < 1_000; i += 1) {
      const x = a();
      expect(x).toBe(b());
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
  });
});
