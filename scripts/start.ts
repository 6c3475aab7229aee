// `pnpm start` at the root: the whole product on one machine, for a newcomer.
//
//   1. widget-picker is built when its dist/ is missing or older than its sources or core's
//      (the demo page and WordPress load dist/cf-embed.js, Office bundles the picker);
//   2. the registry, in this process, as `pnpm --filter @clearframe/registry start` runs it
//      (PORT, DATA_DIR, DATABASE_URL; an empty DATA_DIR is migrated and seeded with the demo),
//      serving the embed demo page while DATA_DIR holds demo.json;
//   3. the Office task pane on https://localhost:3000 (OFFICE_PORT) with its proxy to the
//      registry, built when missing or stale;
//   4. when PHP is installed, a local WordPress on WP_PORT (default 8888) with the plugin
//      configured against the demo registry.
//
// Then one summary. Office and WordPress are optional: if they fail, the registry keeps running
// and the summary says what failed. Ctrl-C (SIGINT) or SIGTERM stops everything started, in
// reverse order, and exits 0; a second signal exits at once.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { configFromEnv } from '../registry/src/config.ts';
import { startRegistry } from '../registry/src/start-registry.ts';
import type { StartedRegistry } from '../registry/src/start-registry.ts';

const ROOT = join(import.meta.dirname, '..');
const PICKER = join(ROOT, 'widget-picker');
const CORE_SRC = join(ROOT, 'core/src');

interface Part {
  name: string;
  stop(): Promise<void>;
}

/** What started, in order: stopped in reverse (WordPress unsubscribes through the registry). */
const parts: Part[] = [];
/** Starts under way: a signal waits for them, so that nothing they start is left running. */
const pending = new Set<Promise<unknown>>();
/** Build commands running now: killed on a signal. */
const children = new Set<ChildProcess>();
let stopping = false;
/** When the first signal came. */
let stopSince = 0;
/**
 * tsx relays a signal to this process again when it has not seen it arrive within 30 ms, so one
 * Ctrl-C can come twice: a repeat this soon is the same one.
 */
const REPEAT_MS = 1_000;

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void stop(signal));
}

async function stop(signal: NodeJS.Signals): Promise<void> {
  if (stopping) {
    if (performance.now() - stopSince < REPEAT_MS) return;
    console.error(`${signal} again: exiting without waiting`);
    process.exit(1);
  }
  stopping = true;
  stopSince = performance.now();
  console.log(`\n${signal}: stopping…`);
  for (const child of children) child.kill('SIGTERM');
  // A start under way finishes (or fails: its build was killed) and stops what it started.
  if (pending.size > 0) {
    console.log('  waiting for the starts under way (a second Ctrl-C exits at once)…');
    await Promise.allSettled(pending);
  }
  for (const part of [...parts].reverse()) {
    try {
      await part.stop();
      console.log(`  ${part.name} stopped`);
    } catch (error) {
      console.error(`  ${part.name}: ${messageOf(error)}`);
    }
  }
  process.exit(0);
}

/** Registers a started part; when a signal came while it was starting, stops it at once. */
async function started(part: Part): Promise<void> {
  if (!stopping) {
    parts.push(part);
    return;
  }
  await part.stop().catch((error: unknown) => console.error(`  ${part.name}: ${messageOf(error)}`));
  console.log(`  ${part.name} stopped`);
}

/** Tracks a start, so that a signal waits for it. */
function track<T>(start: Promise<T>): Promise<T> {
  pending.add(start);
  const done = () => pending.delete(start);
  start.then(done, done);
  return start;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The newest modification time of any file under these paths (0 when none exists). */
function newest(...paths: string[]): number {
  let latest = 0;
  for (const path of paths) {
    if (!existsSync(path)) continue;
    const stat = statSync(path);
    if (!stat.isDirectory()) {
      latest = Math.max(latest, stat.mtimeMs);
      continue;
    }
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name === 'dist') continue;
      latest = Math.max(latest, newest(join(path, entry.name)));
    }
  }
  return latest;
}

/** Whether every output exists and is newer than every source. */
function upToDate(outputs: readonly string[], sources: readonly string[]): boolean {
  if (!outputs.every((output) => existsSync(output))) return false;
  const built = Math.min(...outputs.map((output) => statSync(output).mtimeMs));
  return built >= newest(...sources);
}

/** Runs a command quietly; on failure, rejects with the last lines it printed. */
function run(
  command: string,
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  return new Promise((resolve, reject) => {
    if (stopping) {
      reject(new Error('stopping'));
      return;
    }
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env });
    children.add(child);
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-4000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.once('error', (error) => {
      children.delete(child);
      reject(error);
    });
    child.once('close', (code, signal) => {
      children.delete(child);
      if (code === 0) resolve();
      else {
        const tail = output.trim().split('\n').slice(-15).join('\n');
        reject(
          new Error(`\`${command} ${args.join(' ')}\` ${signal ?? `exited ${code}`}\n${tail}`),
        );
      }
    });
  });
}

async function timed<T>(what: string, fn: () => Promise<T>): Promise<T> {
  const begin = performance.now();
  console.log(`${what}…`);
  const result = await fn();
  console.log(`${what}: done in ${((performance.now() - begin) / 1000).toFixed(1)} s`);
  return result;
}

// ---- 1. the picker

/** Undefined when the embed bundle is there and current; else what is wrong with it. */
async function ensurePicker(): Promise<string | undefined> {
  const outputs = ['dist/index.js', 'dist/cf-embed.js'].map((file) => join(PICKER, file));
  const sources = [
    join(PICKER, 'src'),
    join(PICKER, 'package.json'),
    join(PICKER, 'vite.config.ts'),
    CORE_SRC,
  ];
  if (upToDate(outputs, sources)) return undefined;
  try {
    await timed('Building widget-picker (its dist/ is missing or older than its sources)', () =>
      run('pnpm', ['--filter', '@clearframe/picker', 'build'], ROOT),
    );
    return undefined;
  } catch (error) {
    const bundle = join(PICKER, 'dist/cf-embed.js');
    console.error(`widget-picker build failed: ${messageOf(error)}`);
    return existsSync(bundle)
      ? 'its build failed, so the demo page loads an older cf-embed.js'
      : 'its build failed, so the demo page has no cf-embed.js (503)';
  }
}

// ---- 3. Office

interface OfficeResult {
  taskpaneUrl: string;
  manifest: string;
  certificate: { path: string; created: boolean };
}

async function startOffice(registryUrl: string): Promise<OfficeResult> {
  const office = await import('../addin-office/server/start.ts');
  const addin = join(ROOT, 'addin-office');
  const fresh = upToDate(
    [join(addin, 'dist/taskpane.html')],
    [
      join(addin, 'src'),
      join(addin, 'taskpane.html'),
      join(addin, 'vite.config.ts'),
      join(PICKER, 'src'),
      CORE_SRC,
    ],
  );
  const pane = await office.startOfficeAddin({
    port: Number(process.env.OFFICE_PORT || office.MANIFEST_PORT),
    registries: [registryUrl],
    build: fresh ? 'if-missing' : 'always',
    log: (line) => console.log(`Office: ${line}`),
  });
  await started({ name: 'Office task pane', stop: () => pane.close() });
  return {
    taskpaneUrl: pane.taskpaneUrl,
    manifest: pane.manifests.xml,
    certificate: pane.certificate,
  };
}

// ---- 4. WordPress

interface WordPressResult {
  url: string;
  admin: { user: string; password: string };
}

/** The site, or the reason it was skipped (a string). */
async function startWordPress(
  registry: StartedRegistry,
): Promise<WordPressResult | { skipped: string }> {
  const wordpress = await import('../plugin-wordpress/scripts/wordpress-demo.ts');
  if (!wordpress.phpAvailable()) {
    return {
      skipped:
        'PHP with pdo_sqlite and zip is not installed (./scripts/system-deps.sh installs it)',
    };
  }
  if (registry.demo === undefined) {
    return { skipped: `${registry.dataDir} holds no demo.json (the demo was seeded elsewhere)` };
  }
  await timed('WordPress: building the plugin zip', () =>
    // As wordpress-demo.ts builds it (a production bundle), without blocking the registry.
    run('pnpm', ['--silent', 'run', 'zip'], join(ROOT, 'plugin-wordpress'), {
      ...process.env,
      NODE_ENV: 'production',
    }),
  );
  const site = await timed('WordPress: installing a local site', () =>
    wordpress.startDemoWordPress({
      registryUrl: registry.server.url,
      demo: registry.demo as NonNullable<StartedRegistry['demo']>,
      port: Number(process.env.WP_PORT || 8888),
      build: false,
    }),
  );
  await started({ name: 'WordPress', stop: () => site.stop() });
  return { url: site.url, admin: site.admin };
}

// ---- the start

async function main(): Promise<void> {
  const pickerProblem = await track(ensurePicker());

  let registry: StartedRegistry;
  try {
    registry = await track(
      startRegistry(configFromEnv(), { log: (text) => console.log(text) }).then(async (running) => {
        await started({ name: 'registry', stop: () => running.server.close() });
        return running;
      }),
    );
  } catch (error) {
    console.error(`The registry did not start: ${messageOf(error)}`);
    process.exit(1);
  }
  if (stopping) return; // stop() exits
  const { server } = registry;
  console.log(
    `Registry on ${server.url}/v1${server.demoPage === undefined ? '' : `, demo page ${server.demoPage}`}` +
      '; starting the Office task pane and WordPress (the summary follows)…',
  );

  const [office, wordpress] = await Promise.allSettled([
    track(startOffice(registry.server.url)),
    track(startWordPress(registry)),
  ]);
  if (stopping) return;
  for (const [name, result] of [
    ['Office', office],
    ['WordPress', wordpress],
  ] as const) {
    if (result.status === 'rejected') console.error(`${name} failed: ${messageOf(result.reason)}`);
  }
  console.log(summaryOf(registry, pickerProblem, office, wordpress));
}

function summaryOf(
  registry: StartedRegistry,
  pickerProblem: string | undefined,
  office: PromiseSettledResult<OfficeResult>,
  wordpress: PromiseSettledResult<WordPressResult | { skipped: string }>,
): string {
  const { server, demo } = registry;
  const line = (label: string, text: string) => `  ${label.padEnd(16)} ${text}`;
  const lines = ['', 'Clearframe is running. Ctrl-C stops everything.', ''];
  lines.push(line('Registry', `${server.url}/v1 (${server.engine}, data in ${registry.dataDir})`));
  if (server.demoPage !== undefined) {
    lines.push(line('Demo page', server.demoPage));
    if (pickerProblem !== undefined) lines.push(line('', `(widget-picker: ${pickerProblem})`));
  }
  if (demo !== undefined) {
    lines.push(
      line(
        'Admin login',
        `${demo.adminEmail} / ${demo.adminPassword} (registry API, Office sign-in)`,
      ),
      line('Editor key', `${demo.editorKey} (Office, WordPress)`),
      line('Publishable key', `${demo.publishableKey} (pages on ${demo.origins.join(', ')})`),
    );
  } else {
    lines.push(line('Demo', `none: ${registry.dataDir} holds no demo.json`));
  }
  if (office.status === 'fulfilled') {
    const pane = office.value;
    lines.push(
      line('Office pane', pane.taskpaneUrl),
      line('', `manifest ${relative(ROOT, pane.manifest)} (sideloading: addin-office/README.md)`),
      line(
        '',
        `certificate ${relative(ROOT, pane.certificate.path)}` +
          (pane.certificate.created ? ' (new: trust it once)' : ''),
      ),
    );
  } else {
    lines.push(line('Office pane', `not started: ${firstLine(office.reason)}`));
  }
  if (wordpress.status === 'rejected') {
    lines.push(line('WordPress', `not started: ${firstLine(wordpress.reason)}`));
  } else if ('skipped' in wordpress.value) {
    lines.push(line('WordPress', `skipped: ${wordpress.value.skipped}`));
  } else {
    const site = wordpress.value;
    lines.push(
      line('WordPress', `${site.url}/`),
      line('', `admin ${site.url}/wp-admin/, login ${site.admin.user} / ${site.admin.password}`),
    );
  }
  return lines.join('\n');
}

function firstLine(error: unknown): string {
  const first = messageOf(error).split('\n')[0] ?? '';
  return first.includes('EADDRINUSE') ? `${first} (another program has that port)` : first;
}

await main();
