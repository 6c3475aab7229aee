// Running the registry's own entry points as child processes (the CLI, a server to SIGKILL), on
// the Node that runs the tests, with tsx as the loader.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface ChildSettings {
  dataDir: string;
  databaseUrl?: string | undefined;
}

function childEnv({ dataDir, databaseUrl }: ChildSettings): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
  if (databaseUrl === undefined) delete env.DATABASE_URL;
  else env.DATABASE_URL = databaseUrl;
  return env;
}

function spawnTs(script: string, args: string[], settings: ChildSettings): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', join(PACKAGE_ROOT, script), ...args], {
    cwd: PACKAGE_ROOT,
    env: childEnv(settings),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `pnpm registry <args>` on these settings. */
export function runCli(args: string[], settings: ChildSettings): Promise<CliResult> {
  const child = spawnTs('src/cli.ts', args, settings);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export interface ServerProcess {
  url: string;
  pid: number;
  /** Sends the signal and resolves once the process is gone. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

/** A registry server (src/test-support/serve.ts) on 127.0.0.1 and a free port. */
export function startServerProcess(settings: ChildSettings): Promise<ServerProcess> {
  const child = spawnTs('src/test-support/serve.ts', [], settings);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    let stdout = '';
    child.once('error', reject);
    void exited.then(() => reject(new Error(`server exited before listening:\n${stderr}`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split('\n').find((candidate) => candidate.startsWith('{"port":'));
      if (line === undefined) return;
      const { port } = JSON.parse(line) as { port: number };
      resolve({
        url: `http://127.0.0.1:${port}`,
        pid: child.pid ?? -1,
        async kill(signal) {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          await exited;
        },
      });
    });
  });
}
