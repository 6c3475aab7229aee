import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ICONS } from './make-icons.js';
import {
  convertXmlManifest,
  readUnifiedManifest,
  readXmlManifest,
  summarizeUnified,
  unifiedRibbonHosts,
  validateUnifiedManifest,
} from './manifests.js';
import { pngSize } from './png.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const unifiedPath = join(root, 'manifest.json');
const xmlPath = join(root, 'manifest.xml');

describe('the add-in manifests', () => {
  let scratch: string;
  let convertedPath: string;

  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'clearframe-manifest-'));
    convertedPath = await convertXmlManifest(xmlPath, scratch);
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('manifest.json passes the offline schema validation', async () => {
    expect(await validateUnifiedManifest(unifiedPath)).toEqual([]);
  });

  it('manifest.xml, converted by Microsoft’s converter, passes the same validation', async () => {
    expect(await validateUnifiedManifest(convertedPath)).toEqual([]);
  });

  it('the validation does reject a broken manifest', async () => {
    const broken = JSON.parse(readFileSync(unifiedPath, 'utf8')) as {
      description: { short: string };
    };
    broken.description.short = 'x'.repeat(81);
    const brokenPath = join(scratch, 'broken.json');
    writeFileSync(brokenPath, JSON.stringify(broken));

    expect(await validateUnifiedManifest(brokenPath)).toEqual([
      expect.stringContaining('/description/short must NOT have more than 80 characters'),
    ]);
  });

  it('both manifests describe the same add-in: id, version, hosts, page, icons, permissions', () => {
    const unified = summarizeUnified(readUnifiedManifest(unifiedPath));

    expect(readXmlManifest(xmlPath).summary).toEqual(unified);
    expect(summarizeUnified(readUnifiedManifest(convertedPath))).toEqual(unified);
  });

  it('both manifests say the same to the user, in English and in Swedish', () => {
    const unified = summarizeUnified(readUnifiedManifest(unifiedPath));
    const converted = summarizeUnified(readUnifiedManifest(convertedPath));
    const xml = readXmlManifest(xmlPath).summary;

    expect(unified.texts).toEqual({
      name: 'Clearframe',
      description: 'Insert consented pictures and re-check the pictures in a document.',
      group: 'Clearframe',
      button: 'Consented pictures',
      tooltip:
        'Insert pictures whose consent allows it, and check the pictures already in this document.',
    });
    expect(unified.swedish).toEqual({
      name: 'Clearframe',
      description: 'Infoga godkända bilder och kontrollera bilderna i ett dokument.',
      button: 'Godkända bilder',
      tooltip:
        'Infoga bilder vars samtycke tillåter det, och kontrollera bilderna som redan finns i dokumentet.',
    });
    for (const other of [xml, converted]) {
      expect(other.texts).toEqual(unified.texts);
      expect(other.swedish).toEqual(unified.swedish);
    }
  });

  it('opens the task pane from https://localhost:3000/taskpane.html in Word and PowerPoint', () => {
    const unified = summarizeUnified(readUnifiedManifest(unifiedPath));
    const xml = readXmlManifest(xmlPath);

    expect(unified.hosts).toEqual(['document', 'presentation']);
    expect(unified.sourceLocation).toBe('https://localhost:3000/taskpane.html');
    expect(xml.ribbonPages).toEqual([unified.sourceLocation, unified.sourceLocation]);
  });

  it('puts the ribbon button on the Home tab of both Word and PowerPoint', () => {
    expect(unifiedRibbonHosts(readUnifiedManifest(unifiedPath))).toEqual([
      'document',
      'presentation',
    ]);
    expect(readXmlManifest(xmlPath).ribbonHosts).toEqual(['document', 'presentation']);
  });

  it('asks for no more than read and write access to the open document', () => {
    const manifest = readUnifiedManifest(unifiedPath);

    expect(manifest.authorization?.permissions?.resourceSpecific).toEqual([
      { name: 'Document.ReadWrite.User', type: 'Delegated' },
    ]);
    expect(readFileSync(xmlPath, 'utf8')).not.toMatch(/Mailbox|ReadWriteMailbox|ReadAllDocument/);
  });

  it('names only icons that exist as PNGs of the size they are declared with', () => {
    const manifest = readUnifiedManifest(unifiedPath) as unknown as {
      icons: Record<string, string>;
    };
    const declared: [string, number][] = [
      [manifest.icons.color ?? '', 192],
      [manifest.icons.outline ?? '', 32],
      [manifest.icons.color32x32 ?? '', 32],
    ];
    const summary = summarizeUnified(readUnifiedManifest(unifiedPath));
    for (const [size, url] of Object.entries(summary.ribbonIcons))
      declared.push([url, Number(size)]);
    declared.push([summary.icon, 32], [summary.highResolutionIcon, 64]);

    for (const [location, size] of declared) {
      const file = location.replace('https://localhost:3000/', '');
      expect(Object.keys(ICONS)).toContain(file.replace('assets/', ''));
      expect(pngSize(readFileSync(join(root, file)))).toEqual({ width: size, height: size });
    }
  });
});
