// `pnpm registry <command>`: administration from the shell, on DATA_DIR / DATABASE_URL.
import { parseArgs } from 'node:util';
import type { Kysely } from 'kysely';
import { configFromEnv, fromInvocationDir } from './config.js';
import { migrate } from './db/migrate.js';
import { openDatabase } from './db/open.js';
import type { Database, KeyKind, PresetName, Role } from './db/schema.js';
import { runWrite } from './db/write.js';
import { createApiKey } from './auth/keys.js';
import { MIN_PASSWORD_LENGTH, hashPassword } from './auth/passwords.js';
import { ROLES, createUser } from './auth/users.js';
import { verifyAuditChain } from './audit/verify.js';
import { createOrganisation } from './orgs/create-organisation.js';
import { importCommand } from './import/import-command.js';
import { BackupError, backup } from './maintenance/backup.js';
import { cleanupExpired } from './maintenance/cleanup.js';
import { randomToken } from './util/crypto.js';
import { seedDemoCommand } from './demo/seed-command.js';

const USAGE = `usage: pnpm registry <command> [options]

  migrate                                   bring the database to the latest schema
  create-org --name <name> [--preset SE|DE|NO]
  create-user --email <e-mail> --role admin|consent_manager|editor --org <id or name>
              [--name <name>] [--password <password>]   (a password is generated when omitted;
                                                          an unknown --org name is created)
  create-key --kind editor|publishable --org <id or name> [--name <name>]
             [--origins <origin>,<origin>]            (publishable keys: http://localhost:* …)
  audit-verify [--org <id>]                 recompute the audit hash chain; exit 1 at the first bad entry
  import <file.csv> --org <id or name>      persons and consents from CSV (columns: README);
                                            every row error with its line; all or nothing
  backup --out <dir>                        consistent online copy of the database and the file store
                                            (SQLite: VACUUM INTO; PostgreSQL: pg_dump custom format)
  cleanup                                   delete expired sessions and idempotency keys past 24 h
  seed-demo                                 the demo organisation (Swedish preset, ~200 pictures);
                                            credentials printed and written to DATA_DIR/demo.json

Settings: DATA_DIR (default ./data) or DATABASE_URL=postgres://…`;

const ACTOR = 'system:cli';

type Command = (
  db: Kysely<Database>,
  options: Record<string, string | undefined>,
) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  'seed-demo': (db) => seedDemoCommand(db, configFromEnv().dataDir),

  async migrate(db) {
    const applied = await migrate(db);
    console.log(
      applied.length === 0 ? 'migrate: up to date' : `migrate: applied ${applied.join(', ')}`,
    );
    return 0;
  },

  async 'create-org'(db, options) {
    await migrate(db);
    const organisation = await createOrganisation(db, {
      name: required(options, 'name'),
      preset: oneOf(options, 'preset', ['SE', 'DE', 'NO'] as const, 'SE') satisfies PresetName,
      actor: ACTOR,
    });
    console.log(`organisation ${organisation.id} (${organisation.name})`);
    return 0;
  },

  async 'create-user'(db, options) {
    await migrate(db);
    const role = oneOf(options, 'role', ROLES, undefined) satisfies Role;
    const email = required(options, 'email');
    const password = options.password ?? randomToken(15);
    if (password.length < MIN_PASSWORD_LENGTH)
      throw new UsageError(`--password: at least ${MIN_PASSWORD_LENGTH} characters`);
    const orgId = await findOrganisation(db, required(options, 'org'), { create: true });
    const passwordHash = await hashPassword(password);
    const user = await runWrite(db, { orgId, actor: ACTOR, now: new Date() }, (w) =>
      createUser(w, { email, name: options.name ?? email, role, passwordHash }),
    );
    console.log(`user ${user.id} ${user.email} (${user.role}) in ${orgId}`);
    if (options.password === undefined) console.log(`password: ${password}`);
    return 0;
  },

  async 'create-key'(db, options) {
    await migrate(db);
    const kind = oneOf(
      options,
      'kind',
      ['editor', 'publishable'] as const,
      undefined,
    ) satisfies KeyKind;
    const orgId = await findOrganisation(db, required(options, 'org'), { create: false });
    const allowedOrigins = options.origins
      ?.split(',')
      .map((origin) => origin.trim())
      .filter(Boolean);
    const { row, secret } = await runWrite(db, { orgId, actor: ACTOR, now: new Date() }, (w) =>
      createApiKey(w, {
        kind,
        name: options.name ?? `${kind} key`,
        allowedOrigins,
        createdBy: ACTOR,
      }),
    );
    console.log(`key ${row.id} (${row.kind}) in ${orgId}; shown once:`);
    console.log(secret);
    return 0;
  },

  async 'audit-verify'(db, options) {
    const verdict = await verifyAuditChain(
      db,
      options.org === undefined ? {} : { orgId: options.org },
    );
    if (verdict.ok) {
      console.log(`audit-verify: ok, ${verdict.entries} entries`);
      return 0;
    }
    console.error(
      `audit-verify: organisation ${verdict.orgId}, seq ${verdict.seq}: ${verdict.problem}`,
    );
    return 1;
  },

  async import(db, options) {
    await migrate(db);
    if (options.file === undefined) throw new UsageError('<file.csv> is required');
    const orgId = await findOrganisation(db, required(options, 'org'), { create: false });
    // Read from the folder pnpm was run in, as `backup --out` and DATA_DIR are.
    return importCommand(db, fromInvocationDir(options.file), orgId, ACTOR);
  },

  async backup(_db, options) {
    const { dataDir, databaseUrl } = configFromEnv();
    try {
      // Relative to where `pnpm registry` was run, like DATA_DIR (pnpm runs scripts in registry/).
      const out = fromInvocationDir(required(options, 'out'));
      const manifest = await backup({ dataDir, databaseUrl, out });
      console.log(
        `backup: ${manifest.engine} database and ${manifest.files.count} file(s) ` +
          `(${manifest.files.bytes} bytes, SHA-256 checked) in ${out}`,
      );
      return 0;
    } catch (error) {
      if (!(error instanceof BackupError)) throw error;
      console.error(error.message);
      return 1;
    }
  },

  async cleanup(db) {
    await migrate(db);
    const removed = await cleanupExpired(db, new Date());
    console.log(
      `cleanup: ${removed.sessions} expired session(s), ${removed.idempotencyKeys} idempotency key(s)`,
    );
    return 0;
  },
};

class UsageError extends Error {}

function required(options: Record<string, string | undefined>, name: string): string {
  const value = options[name];
  if (value === undefined || value === '') throw new UsageError(`--${name} is required`);
  return value;
}

function oneOf<const T extends string>(
  options: Record<string, string | undefined>,
  name: string,
  values: readonly T[],
  fallback: T | undefined,
): T {
  const value = options[name] ?? fallback;
  if (value === undefined || !(values as readonly string[]).includes(value)) {
    throw new UsageError(`--${name} must be one of ${values.join(', ')}`);
  }
  return value as T;
}

async function findOrganisation(
  db: Kysely<Database>,
  idOrName: string,
  { create }: { create: boolean },
) {
  const found = await db
    .selectFrom('organisations')
    .select('id')
    .where((eb) => eb.or([eb('id', '=', idOrName), eb('name', '=', idOrName)]))
    .execute();
  if (found.length === 1 && found[0] !== undefined) return found[0].id;
  if (found.length > 1)
    throw new UsageError(`--org: several organisations are named ${idOrName}; give the id`);
  if (!create) throw new UsageError(`--org: no organisation ${idOrName}`);
  const organisation = await createOrganisation(db, { name: idOrName, actor: ACTOR });
  console.log(`organisation ${organisation.id} (${organisation.name}) created`);
  return organisation.id;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const run = command === undefined ? undefined : COMMANDS[command];
  if (run === undefined) {
    console.error(USAGE);
    return 2;
  }
  const { values, positionals } = parseArgs({
    args: rest,
    options: Object.fromEntries(
      ['name', 'preset', 'email', 'role', 'org', 'password', 'kind', 'origins', 'out'].map(
        (name) => [name, { type: 'string' }],
      ),
    ) as Record<string, { type: 'string' }>,
    strict: true,
    allowPositionals: command === 'import',
  });
  const { dataDir, databaseUrl } = configFromEnv();
  const database = openDatabase({ dataDir, databaseUrl });
  try {
    return await run(database.db, {
      ...(values as Record<string, string | undefined>),
      file: positionals[0],
    });
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${command}: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  } finally {
    await database.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
