// Bundles a browser entry (TypeScript, workspace packages as source) into ES modules with the
// same tool the picker's own build uses, so a test page can load it with one <script>.
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';

/**
 * Builds `entry` and returns every file made, by name: `entry.js` and the chunks it imports
 * (the picker loads its locales on demand), to be served side by side.
 */
export async function bundle(entry: string): Promise<Map<string, string>> {
  const outDir = await mkdtemp(join(tmpdir(), 'clearframe-e2e-bundle-'));
  try {
    await build({
      configFile: false,
      logLevel: 'warn',
      publicDir: false,
      build: {
        outDir,
        emptyOutDir: false,
        target: 'es2022',
        minify: false,
        lib: { entry, formats: ['es'], fileName: () => 'entry.js' },
      },
    });
    const files = new Map<string, string>();
    for (const name of await readdir(outDir))
      if (name.endsWith('.js')) files.set(name, await readFile(join(outDir, name), 'utf8'));
    return files;
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}
