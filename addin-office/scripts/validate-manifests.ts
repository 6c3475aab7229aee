// `pnpm validate`: both manifests, offline. manifest.json against the bundled schema; manifest.xml
// converted to JSON and validated the same way; then the two compared field by field.

import { isDeepStrictEqual } from 'node:util';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  convertXmlManifest,
  readUnifiedManifest,
  readXmlManifest,
  summarizeUnified,
  validateUnifiedManifest,
} from './manifests.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const scratch = mkdtempSync(join(tmpdir(), 'clearframe-manifest-'));
let failed = false;

function report(label: string, errors: string[]): void {
  console.log(
    errors.length === 0 ? `ok    ${label}` : `FAIL  ${label}\n      ${errors.join('\n      ')}`,
  );
  failed ||= errors.length > 0;
}

try {
  const unifiedPath = join(root, 'manifest.json');
  report('manifest.json (unified, schema v1.30)', await validateUnifiedManifest(unifiedPath));
  const converted = await convertXmlManifest(join(root, 'manifest.xml'), scratch);
  report('manifest.xml (converted to JSON)', await validateUnifiedManifest(converted));
  const unified = summarizeUnified(readUnifiedManifest(unifiedPath));
  const xml = readXmlManifest(join(root, 'manifest.xml')).summary;
  report(
    'manifest.xml and manifest.json agree',
    isDeepStrictEqual(unified, xml) ? [] : [JSON.stringify({ unified, xml }, null, 2)],
  );
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
