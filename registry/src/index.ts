// @clearframe/registry: the system of record. Its public surface, grouped; internals stay private.

// The app and the server
export { createApp, API_VERSION } from './http/app.js';
export type { AppDeps, AppEnv } from './http/env.js';
export { startServer } from './server.js';
export type { RunningServer, ServerOptions } from './server.js';
export { configFromEnv } from './config.js';
export type { RegistryConfig } from './config.js';

// The database
export { openDatabase, engineOf } from './db/open.js';
export type { DatabaseOptions, Engine, OpenedDatabase } from './db/open.js';
export { migrate, appliedSchemaVersion, SCHEMA_VERSION } from './db/migrate.js';
export type { Database, Row, NewRow, RowPatch, TableName } from './db/schema.js';
export { runWrite } from './db/write.js';
export type { AuditRecord, WriteScope } from './db/write.js';
export { createOrganisation } from './orgs/create-organisation.js';

// Files
export type { FileStore } from './files/file-store.js';
export { FsFileStore } from './files/fs-file-store.js';

// Policy and audit
export { toCorePolicy } from './policy/core-policy.js';
export { verifyAuditChain } from './audit/verify.js';
export type { AuditVerdict } from './audit/verify.js';

// Errors
export * from './errors/index.js';
