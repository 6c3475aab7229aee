// <cf-picker> with a source that loads thumbnail bytes itself (an editor credential no <img> can
// send): only the tiles in view ask, each shows an object URL, and every URL is revoked again.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SourceDouble, demoItems, manyItems } from '../test-doubles/source-double.js';
import './cf-picker.js';
import type { CfPicker } from './cf-picker.js';
import type { PickerItem } from './types.js';
import { frame, settle } from '../test-doubles/settle.js';

class ThumbnailSource extends SourceDouble {
  readonly asked: string[] = [];
  readonly signals = new Map<string, AbortSignal>();
  bytes: (item: PickerItem) => Promise<Blob | null> = () => picture();

  thumbnail(item: PickerItem, { signal }: { signal: AbortSignal }): Promise<Blob | null> {
    this.asked.push(item.id);
    this.signals.set(item.id, signal);
    return this.bytes(item);
  }
}

/** A small PNG, as a registry's thumbnail would arrive. */
async function picture(): Promise<Blob> {
  const canvas = new OffscreenCanvas(12, 8);
  const context = canvas.getContext('2d');
  if (context === null) throw new Error('no 2d context');
  context.fillStyle = '#285aa0';
  context.fillRect(0, 0, 12, 8);
  return canvas.convertToBlob({ type: 'image/png' });
}

const fixtures: Element[] = [];
let created: string[];
let revoked: string[];
/** The size of each URL's blob. */
let sizes: Map<string, number>;

beforeEach(() => {
  created = [];
  revoked = [];
  sizes = new Map();
  const create = URL.createObjectURL.bind(URL);
  const revoke = URL.revokeObjectURL.bind(URL);
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    const url = create(blob);
    created.push(url);
    if (blob instanceof Blob) sizes.set(url, blob.size);
    return url;
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation((url) => {
    revoked.push(url);
    revoke(url);
  });
});

afterEach(() => {
  for (const fixture of fixtures.splice(0)) fixture.remove();
  vi.restoreAllMocks();
});

async function mount(source: ThumbnailSource, attributes: Record<string, string> = {}) {
  const picker = document.createElement('cf-picker');
  for (const [name, value] of Object.entries(attributes)) picker.setAttribute(name, value);
  picker.style.width = '700px';
  picker.source = source;
  document.body.append(picker);
  fixtures.push(picker);
  await settle(picker);
  return picker;
}

const image = (picker: CfPicker, id: string) =>
  picker.shadowRoot?.querySelector<HTMLImageElement>(`[data-asset-id="${id}"] img[part=thumb]`);

/** The tile's thumbnail once it has loaded and decoded, else null. */
async function shown(picker: CfPicker, id: string): Promise<HTMLImageElement | null> {
  await vi.waitFor(() => {
    const img = image(picker, id);
    if (!img?.complete || img.naturalWidth === 0) throw new Error(`no thumbnail on ${id} yet`);
  });
  return image(picker, id) ?? null;
}

describe('<cf-picker> with a source that loads its thumbnails', () => {
  it('shows every tile’s thumbnail as an object URL, blocked pictures’ too', async () => {
    const source = new ThumbnailSource(demoItems());
    const picker = await mount(source, { mode: 'disable' });

    for (const id of ['ast_lucia', 'ast_sports', 'ast_grad', 'ast_library']) {
      const img = await shown(picker, id);
      expect(img?.src).toMatch(/^blob:/);
      expect(img?.naturalWidth).toBe(12);
      expect(img?.alt).toBe('');
    }
    expect([...new Set(source.asked)].sort()).toEqual([
      'ast_grad',
      'ast_library',
      'ast_lucia',
      'ast_sports',
    ]);
    // The blocked tile is disabled, with its thumbnail.
    const blocked = picker.shadowRoot?.querySelector('[data-asset-id="ast_grad"]');
    expect(blocked?.getAttribute('aria-disabled')).toBe('true');
  });

  it('asks only for the tiles in view, and revokes each URL when its tile leaves the view', async () => {
    const source = new ThumbnailSource(manyItems(2_000));
    const picker = await mount(source);
    await shown(picker, 'ast_0');

    // Only pictures near the top were asked for (a tile laid out again may ask again).
    const index = (id: string) => Number(id.slice('ast_'.length));
    expect(source.asked.length).toBeGreaterThan(0);
    expect(Math.max(...source.asked.map(index))).toBeLessThan(200);
    const before = source.asked.length;

    const grid = picker.shadowRoot?.querySelector('[role=grid]') as HTMLElement;
    grid.scrollTop = grid.scrollHeight;
    await settle(picker);
    await shown(picker, 'ast_1999');
    expect(image(picker, 'ast_0')).toBeNull();
    // Then only pictures near the bottom: nothing in between was loaded.
    const later = source.asked.slice(before).map(index);
    expect(Math.min(...later)).toBeGreaterThan(1_800);
    expect(source.asked.length).toBeLessThan(400);
    // The tiles that left the view let go of their URLs; the ones in view keep theirs.
    const inView = [
      ...(picker.shadowRoot?.querySelectorAll<HTMLImageElement>('img[part=thumb]') ?? []),
    ].map((img) => img.src);
    expect(inView.length).toBeGreaterThan(0);
    for (const url of inView) expect(revoked).not.toContain(url);
    expect(revoked.length).toBeGreaterThan(0);
    for (const url of revoked) expect(created).toContain(url);
  });

  it('revokes every URL and aborts every load still under way when the picker is removed', async () => {
    const source = new ThumbnailSource(demoItems());
    let pending: ((blob: Blob | null) => void) | undefined;
    source.bytes = (item) =>
      item.id === 'ast_library'
        ? new Promise((resolve) => {
            pending = resolve;
          })
        : picture();
    const picker = await mount(source);
    await shown(picker, 'ast_lucia');
    await shown(picker, 'ast_grad');

    picker.remove();
    fixtures.splice(fixtures.indexOf(picker), 1);
    await frame();

    expect(source.signals.get('ast_library')?.aborted).toBe(true);
    expect(created.length).toBeGreaterThanOrEqual(3);
    expect([...revoked].sort()).toEqual([...created].sort());
    // Bytes that come after the tile has gone make no URL.
    const count = created.length;
    pending?.(await picture());
    await frame();
    expect(created).toHaveLength(count);
  });

  it('keeps a thumbnail through verdict changes, and asks again only for another picture', async () => {
    const source = new ThumbnailSource(demoItems());
    const picker = await mount(source, { mode: 'warn' });
    await shown(picker, 'ast_lucia');
    const before = image(picker, 'ast_lucia')?.src;

    source.change('ast_lucia', {
      status: 'blocked',
      approvedUntil: null,
      reasons: [{ code: 'consent_revoked' }],
    });
    await settle(picker);

    expect(image(picker, 'ast_lucia')?.src).toBe(before);
    expect(source.asked.filter((id) => id === 'ast_lucia')).toHaveLength(1);
    expect(revoked).toEqual([]);
  });

  it('leaves the placeholder when there is no thumbnail, the load fails or the bytes are no picture', async () => {
    const source = new ThumbnailSource(demoItems());
    source.bytes = async (item) => {
      if (item.id === 'ast_lucia') return null;
      if (item.id === 'ast_sports') throw new Error('the registry cannot be reached');
      if (item.id === 'ast_grad') return new Blob(['not a picture'], { type: 'image/jpeg' });
      return picture();
    };
    const picker = await mount(source);
    await shown(picker, 'ast_library');
    // The undecodable bytes' URL is let go.
    const undecodable = () => created.filter((url) => sizes.get(url) === 13);
    await vi.waitFor(() => {
      expect(undecodable().length).toBeGreaterThan(0);
      for (const url of undecodable()) expect(revoked).toContain(url);
    });

    for (const id of ['ast_lucia', 'ast_sports', 'ast_grad']) {
      const thumb = picker.shadowRoot?.querySelector(`[data-asset-id="${id}"] [part=thumb]`);
      expect(thumb?.tagName).toBe('DIV');
    }
    expect(revoked).not.toContain(image(picker, 'ast_library')?.src);
  });
});
