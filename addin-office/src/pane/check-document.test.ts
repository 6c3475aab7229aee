import { describe, expect, it } from 'vitest';
import type { DocumentPicture, HostAdapter } from '../hosts/host-adapter.js';
import { approved, blocked, expiring } from '../test-doubles/verdicts.js';
import { checkDocument } from './check-document.js';
import type { VerdictLookup } from './verdict-lookup.js';

/** A host double holding a fixed list of pictures; only listPictures is used by the check. */
function hostDouble(pictures: DocumentPicture[]): HostAdapter {
  const unused = () => Promise.reject(new Error('not used by the check'));
  return {
    kind: 'powerpoint',
    listPictures: async () => pictures,
    insertPicture: unused,
    selectPicture: unused,
    removePicture: unused,
    replacePicture: unused,
  };
}

const picture = (ref: string, assetId: string): DocumentPicture => ({
  ref,
  assetId,
  altText: `alt of ${assetId}`,
  credit: '',
});

const deck = hostDouble([
  picture('s1|a', 'ast_approved'),
  picture('s2|b', 'ast_expiring'),
  picture('s3|c', 'ast_revoked'),
]);

const registry: Record<string, VerdictLookup> = {
  ast_approved: { verdict: approved(), stale: false },
  ast_expiring: { verdict: expiring('2026-12-23T23:00:00.000Z'), stale: false },
  ast_revoked: {
    verdict: blocked({ code: 'consent_revoked', personId: 'per_anna' }),
    stale: false,
  },
};

describe('checking the pictures in a document', () => {
  it('reports one approved, one expiring and one revoked picture correctly', async () => {
    const report = await checkDocument(deck, async (id) => registry[id] ?? null, {
      timeZone: 'Europe/Stockholm',
    });

    expect(report.pictures).toEqual([
      {
        ref: 's1|a',
        assetId: 'ast_approved',
        altText: 'alt of ast_approved',
        status: 'approved',
        stale: false,
        lastValidDay: null,
        reasons: [],
        actions: ['select'],
      },
      {
        ref: 's2|b',
        assetId: 'ast_expiring',
        altText: 'alt of ast_expiring',
        status: 'expiring',
        stale: false,
        lastValidDay: '2026-12-23',
        reasons: [],
        actions: ['select'],
      },
      {
        ref: 's3|c',
        assetId: 'ast_revoked',
        altText: 'alt of ast_revoked',
        status: 'blocked',
        stale: false,
        lastValidDay: null,
        reasons: [{ code: 'consent_revoked', personId: 'per_anna' }],
        actions: ['select', 'remove', 'replace'],
      },
    ]);
    expect(report.counts).toEqual({ approved: 1, expiring: 1, blocked: 1, unknown: 0 });
    expect(report.stale).toBe(false);
  });

  it('marks cached verdicts as stale when the registry cannot be reached', async () => {
    const offline = async (id: string) => {
      const cached = registry[id];
      return cached ? { ...cached, stale: true } : null;
    };

    const report = await checkDocument(deck, offline, { timeZone: 'Europe/Stockholm' });

    expect(report.stale).toBe(true);
    expect(report.pictures.map((entry) => [entry.status, entry.stale])).toEqual([
      ['approved', true],
      ['expiring', true],
      ['blocked', true],
    ]);
  });

  it('lists a picture nothing is known about as not checked, never as approved', async () => {
    const report = await checkDocument(
      hostDouble([picture('s1|x', 'ast_unknown')]),
      async () => null,
      {
        timeZone: 'UTC',
      },
    );

    expect(report.pictures[0]).toMatchObject({
      status: 'unknown',
      stale: true,
      actions: ['select'],
    });
    expect(report.counts.unknown).toBe(1);
  });

  it('asks the registry once for a picture used twice', async () => {
    const asked: string[] = [];
    const twice = hostDouble([picture('s1|a', 'ast_approved'), picture('s4|d', 'ast_approved')]);

    const report = await checkDocument(
      twice,
      async (id) => {
        asked.push(id);
        return registry[id] ?? null;
      },
      { timeZone: 'UTC' },
    );

    expect(asked).toEqual(['ast_approved']);
    expect(report.counts.approved).toBe(2);
  });

  it('reports an empty document as empty', async () => {
    const report = await checkDocument(hostDouble([]), async () => null, { timeZone: 'UTC' });

    expect(report).toEqual({
      pictures: [],
      counts: { approved: 0, expiring: 0, blocked: 0, unknown: 0 },
      stale: false,
    });
  });
});
