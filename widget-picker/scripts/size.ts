// Where the embed's gzipped bytes go (`pnpm --filter @clearframe/picker size`): builds
// dist/cf-embed.js as `pnpm bench` does, with a source map, and prints for each source module its
// minified bytes and its marginal gzip cost (the whole bundle gzipped, less the bundle gzipped
// without that module's characters), then Lit's characters gzipped alone and what the rest adds.
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import type { Rolldown } from 'vite';
import { embedConfig } from '../vite.config.js';

const config = embedConfig();
const result = await build({
  ...config,
  configFile: false,
  logLevel: 'silent',
  build: { ...config.build, write: false, sourcemap: 'hidden' },
});
const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
const chunk = outputs
  .flatMap((output) => output.output)
  .find((file): file is Rolldown.OutputChunk => file.type === 'chunk');
if (!chunk?.map) throw new Error('no chunk with a source map');
const { code, map } = chunk;

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
function decode(segment: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = B64.indexOf(char);
    value += (digit & 31) << shift;
    if (digit & 32) shift += 5;
    else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = shift = 0;
    }
  }
  return values;
}

// The source of every character of the output (-1: none).
const owner = new Int32Array(code.length).fill(-1);
const lineStarts = [0];
for (let i = 0; i < code.length; i++) if (code[i] === '\n') lineStarts.push(i + 1);
let source = 0;
map.mappings.split(';').forEach((line, lineIndex) => {
  const start = lineStarts[lineIndex] ?? code.length;
  const end = (lineStarts[lineIndex + 1] ?? code.length + 1) - 1;
  let column = 0;
  const segments = line ? line.split(',').map(decode) : [];
  segments.forEach((fields, index) => {
    column += fields[0] ?? 0;
    if (fields.length > 1) source += fields[1] ?? 0;
    const next = segments[index + 1];
    const to = next ? start + column + (next[0] ?? 0) : end;
    if (fields.length > 1) owner.fill(source, start + column, to);
  });
});

const gz = (text: string) => gzipSync(text, { level: 9 }).length;
const total = gz(code);
const name = (index: number) =>
  index < 0
    ? '(unmapped)'
    : (map.sources[index] ?? '?').replace(/^.*node_modules\/\.pnpm\/[^/]+\/node_modules\//, '');
const rows = [...new Set(owner)].map((index) => {
  let kept = '';
  let bytes = 0;
  for (let i = 0; i < code.length; i++)
    if (owner[i] === index) bytes++;
    else kept += code[i];
  return { module: name(index), bytes, marginalGzip: total - gz(kept) };
});
rows.sort((a, b) => b.marginalGzip - a.marginalGzip);
console.table(rows);
const isLit = (index: number) => /^(lit|lit-html|lit-element|@lit)\//.test(name(index));
let lit = '';
for (let i = 0; i < code.length; i++) if (isLit(owner[i] ?? -1)) lit += code[i];
console.log({ gzipBytes: total, litGzipBytes: gz(lit), restGzipBytes: total - gz(lit) });
