// The `import` command's output: a summary, or every row error as `file:line: column: message`.
import { readFile } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { importCsv } from './import-csv.js';

export async function importCommand(
  db: Kysely<Database>,
  file: string,
  orgId: string,
  actor: string,
): Promise<number> {
  const result = await importCsv(db, { orgId, actor }, await readFile(file, 'utf8'));
  if (!result.ok) {
    for (const error of result.errors) {
      const column = error.column === null ? '' : `${error.column}: `;
      console.error(`${file}:${error.line}: ${column}${error.message}`);
    }
    console.error(`import: ${result.errors.length} error(s); nothing was written`);
    return 1;
  }
  console.log(
    `import: ${result.persons} person(s), ${result.consents} consent(s) and ` +
      `${result.formAuthors} new form author(s) in ${orgId}`,
  );
  return 0;
}
