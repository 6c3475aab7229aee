import { beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../test-support/engines.js';
import { useTestRegistry } from '../test-support/test-registry.js';
import { testRecords } from '../test-support/records.js';
import { importCsv } from './import-csv.js';
import { parseCsv } from './csv.js';

describe('the CSV reader', () => {
  it('reads quoted fields with commas, quotes and line breaks, and counts lines', () => {
    const records = parseCsv('\uFEFFa,b\r\n"x, y","say ""hi"""\n\n"two\nlines",z\n');
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x, y', 'say "hi"'] },
      { line: 4, fields: ['two\nlines', 'z'] },
    ]);
  });

  it('names the line of an unclosed quote', () => {
    expect(() => parseCsv('a,b\n1,2\n"open,3\n')).toThrow(/line 3/);
  });
});

describe.each(ENGINES)('import of persons and consents on %s', (engine) => {
  const registry = useTestRegistry(engine);
  let assetId = '';
  let recorded = '';

  beforeAll(async () => {
    const records = testRecords(registry);
    assetId = (await records.asset()).id;
    recorded = (await records.person({ name: 'Already Here' })).id;
  });

  const run = (csv: string) =>
    importCsv(registry.db, { orgId: registry.orgId, actor: 'system:cli' }, csv);
  const counts = async () => {
    const count = async (table: 'persons' | 'consents' | 'form_authors') =>
      (
        await registry.db
          .selectFrom(table)
          .select('id')
          .where('org_id', '=', registry.orgId)
          .execute()
      ).length;
    return {
      persons: await count('persons'),
      consents: await count('consents'),
      authors: await count('form_authors'),
    };
  };

  it('writes persons, their consents and new form authors', async () => {
    const csv = [
      'person,name,email,birth_date,guardians,channels,valid_from,valid_until,asset_ids,signed_by_subject,signed_by_guardians,form_author,comment',
      `anna,Anna Ek,anna@example.org,2014-03-02,1,web|print,2026-01-01,2026-12-31,${assetId},no,1,Spring form,"Signed by mum, at school"`,
      'anna,,,,,social,2026-02-01,,,,,,',
      'bo,Bo Lind,,,,,,,,,,,',
      `${recorded},,,,,web,2026-01-01,,,,,spring FORM,`,
    ].join('\n');
    const before = await counts();
    const result = await run(csv);
    expect(result).toEqual({ ok: true, persons: 2, consents: 3, formAuthors: 1 });
    const after = await counts();
    expect(after).toEqual({
      persons: before.persons + 2,
      consents: before.consents + 3,
      authors: before.authors + 1,
    });
    const anna = await registry.db
      .selectFrom('persons')
      .selectAll()
      .where('org_id', '=', registry.orgId)
      .where('name', '=', 'Anna Ek')
      .executeTakeFirstOrThrow();
    expect(anna).toMatchObject({
      email: 'anna@example.org',
      birth_date: '2014-03-02',
      guardians: 1,
    });
    const consents = await registry.db
      .selectFrom('consents')
      .selectAll()
      .where('person_id', '=', anna.id)
      .orderBy('valid_from')
      .execute();
    expect(consents.map((c) => [c.channels, c.asset_ids, c.signed_by_subject, c.comment])).toEqual([
      ['["web","print"]', JSON.stringify([assetId]), 0, 'Signed by mum, at school'],
      ['["social"]', null, 1, null],
    ]);
  });

  it('reports every row error with its line and column, and writes nothing', async () => {
    const csv = [
      'person,name,birth_date,channels,valid_from,valid_until,asset_ids',
      'a,Ada,2014-02-30,web,2026-01-01,,', // line 2: bad birth date
      'b,Bea,,web|radio,2026-01-01,,', // line 3: channel not in the policy
      'c,,,web,2026-05-01,2026-04-01,', // line 4: no name, until before from
      `d,Dan,,web,2026-01-01,,${assetId}|ast_missing`, // line 5: unknown asset
      'per_nobody,,,web,2026-01-01,,', // line 6: unknown person
      'e,Eve,,web,2026-01-01,,', // line 7: fine, yet not written
    ].join('\n');
    const before = await counts();
    const result = await run(csv);
    expect(result.ok).toBe(false);
    const errors = result.ok ? [] : result.errors;
    expect(errors.map((e) => `${e.line}:${e.column}`)).toEqual([
      '2:birth_date',
      '4:name',
      '4:valid_until',
    ]);
    expect(await counts()).toEqual(before);

    // With the schema errors fixed, the database checks name theirs.
    const second = await run(
      csv
        .replace('2014-02-30', '2014-02-28')
        .replace('c,,', 'c,Cid,')
        .replace('2026-04-01', '2026-06-01'),
    );
    expect(second.ok).toBe(false);
    expect(second.ok ? [] : second.errors.map((e) => `${e.line}:${e.column}`)).toEqual([
      '3:channels[1]',
      '5:asset_ids[1]',
      '6:person',
    ]);
    expect(await counts()).toEqual(before);
  });

  it('refuses unknown columns and rows of the wrong width on their lines', async () => {
    const unknown = await run('name,colour\nAda,blue\n');
    expect(unknown).toEqual({
      ok: false,
      errors: [expect.objectContaining({ line: 1, column: 'colour' })],
    });
    const ragged = await run('name,channels,valid_from\nAda,web,2026-01-01\n"Bo\nLind",web\n');
    expect(ragged).toEqual({
      ok: false,
      errors: [expect.objectContaining({ line: 3, column: null })],
    });
  });
});
