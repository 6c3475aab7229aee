// `pnpm bench`: the embed bundle's size against Lit's own runtime, both built now with the same
// settings, minified whole and gzipped at level 9. Prints one JSON line; the goal (ratio ≤ 1.5) is
// reported, not asserted.
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { fileURLToPath } from 'node:url';
import type { InlineConfig, Rolldown } from 'vite';
import { BUNDLE_SETTINGS, WHOLE_MINIFY, embedConfig } from '../vite.config.js';

/** Lit's runtime as an app would bundle it: everything `lit` exports. */
const LIT_RUNTIME = fileURLToPath(new URL('lit-runtime.ts', import.meta.url));

async function bundle(config: InlineConfig): Promise<string> {
  const result = await build({
    ...config,
    configFile: false,
    logLevel: 'silent',
    build: { ...config.build, write: false },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  const chunks = outputs.flatMap((output) => output.output).filter((file) => file.type === 'chunk');
  if (chunks.length !== 1) throw new Error(`expected one chunk, got ${chunks.length}`);
  return (chunks[0] as Rolldown.OutputChunk).code;
}

const gzipBytes = (code: string) => gzipSync(code, { level: 9 }).length;

const embed = await bundle(embedConfig());
const lit = await bundle({
  publicDir: false,
  build: {
    ...BUNDLE_SETTINGS,
    lib: { entry: LIT_RUNTIME, formats: ['es'], fileName: () => 'lit.js' },
    rolldownOptions: WHOLE_MINIFY,
  },
});

const gzip_bytes = gzipBytes(embed);
const lit_gzip_bytes = gzipBytes(lit);
console.log(
  JSON.stringify({
    bench: 'embed-size',
    gzip_bytes,
    lit_gzip_bytes,
    ratio: Math.round((gzip_bytes / lit_gzip_bytes) * 100) / 100,
  }),
);
