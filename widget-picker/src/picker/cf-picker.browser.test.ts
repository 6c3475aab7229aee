import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { CfCancelEvent } from '../events/cf-cancel-event.js';
import { CfPickEvent } from '../events/cf-pick-event.js';
import { SourceDouble, demoItems, manyItems } from '../test-doubles/source-double.js';
import './cf-picker.js';
import type { CfPicker } from './cf-picker.js';
import type { PickerItem } from './types.js';
import { settle } from '../test-doubles/settle.js';

const fixtures: Element[] = [];
afterEach(() => {
  for (const fixture of fixtures.splice(0)) fixture.remove();
});

async function mount(items: PickerItem[], attributes: Record<string, string> = {}) {
  const picker = document.createElement('cf-picker');
  for (const [name, value] of Object.entries(attributes)) picker.setAttribute(name, value);
  picker.style.width = '700px';
  const source = new SourceDouble(items);
  picker.source = source;
  const picks: CfPickEvent[] = [];
  const cancels: CfCancelEvent[] = [];
  picker.addEventListener(CfPickEvent.eventName, (event) => picks.push(event));
  picker.addEventListener(CfCancelEvent.eventName, (event) => cancels.push(event));
  document.body.append(picker);
  fixtures.push(picker);
  await settle(picker);
  return { picker, source, picks, cancels };
}

const tiles = (picker: CfPicker) => [
  ...(picker.shadowRoot?.querySelectorAll<HTMLElement>('[role=gridcell]') ?? []),
];
const tile = (picker: CfPicker, id: string) =>
  picker.shadowRoot?.querySelector<HTMLElement>(`[data-asset-id="${id}"]`);
const badge = (picker: CfPicker, id: string) =>
  tile(picker, id)?.querySelector('[part~=badge]')?.textContent?.trim();
const ids = (picker: CfPicker) => tiles(picker).map((cell) => cell.dataset['assetId']);

describe('<cf-picker>', () => {
  it('lists the items with their badges, the expiry date and the blocking reason in words', async () => {
    const { picker } = await mount(demoItems(), { lang: 'en', 'time-zone': 'UTC' });
    expect(ids(picker)).toEqual(['ast_lucia', 'ast_sports', 'ast_grad', 'ast_library']);
    expect(badge(picker, 'ast_lucia')).toBe('Approved');
    expect(badge(picker, 'ast_sports')).toBe('Expiring, last day Jun 30, 2027');
    expect(badge(picker, 'ast_grad')).toBe('Blocked');
    expect(tile(picker, 'ast_grad')?.textContent).toContain('Consent revoked');
    expect(tile(picker, 'ast_grad')?.getAttribute('aria-disabled')).toBe('true');
    expect(tile(picker, 'ast_lucia')?.getAttribute('aria-disabled')).toBe('false');
  });

  it('speaks Swedish with lang="sv"', async () => {
    const { picker } = await mount(demoItems(), { lang: 'sv', 'time-zone': 'UTC' });
    await settle(picker);
    expect(badge(picker, 'ast_lucia')).toBe('Godkänd');
    expect(badge(picker, 'ast_sports')).toBe('Upphör, sista dag 30 juni 2027');
    expect(tile(picker, 'ast_grad')?.textContent).toContain('Samtycket har återkallats');
    picker.lang = 'en';
    await settle(picker);
    expect(badge(picker, 'ast_lucia')).toBe('Approved');
  });

  it('searches titles, tags and person names as the user types', async () => {
    const { picker } = await mount(demoItems());
    const search = picker.shadowRoot?.querySelector('input[type=search]') as HTMLInputElement;
    await userEvent.type(search, 'lucia');
    await settle(picker);
    expect(ids(picker)).toEqual(['ast_lucia']);
    await userEvent.clear(search);
    await userEvent.type(search, 'ines');
    await settle(picker);
    expect(ids(picker)).toEqual(['ast_grad']);
  });

  it('filters by status', async () => {
    const { picker } = await mount(demoItems());
    const select = picker.shadowRoot?.querySelector('select') as HTMLSelectElement;
    await userEvent.selectOptions(select, 'expiring');
    await settle(picker);
    expect(ids(picker)).toEqual(['ast_sports']);
    await userEvent.selectOptions(select, 'approved');
    await settle(picker);
    expect(ids(picker)).toEqual(['ast_lucia', 'ast_library']);
  });

  it('hides blocked pictures in mode hide', async () => {
    const { picker } = await mount(demoItems(), { mode: 'hide' });
    expect(ids(picker)).toEqual(['ast_lucia', 'ast_sports', 'ast_library']);
  });

  it('follows verdict changes from the source', async () => {
    const { picker, source } = await mount(demoItems(), { mode: 'hide' });
    source.change('ast_lucia', {
      status: 'blocked',
      approvedUntil: null,
      reasons: [{ code: 'consent_revoked' }],
    });
    await settle(picker);
    expect(ids(picker)).toEqual(['ast_sports', 'ast_library']);
  });

  it('picks with the keyboard only: Tab into the grid, arrows, Enter', async () => {
    const { picker, picks } = await mount(demoItems(), { lang: 'en' });
    (document.activeElement as HTMLElement | null)?.blur();
    await userEvent.tab(); // search
    await userEvent.tab(); // status filter
    await userEvent.tab(); // grid
    const grid = picker.shadowRoot?.querySelector('[role=grid]');
    expect(picker.shadowRoot?.activeElement).toBe(grid);
    expect(grid?.getAttribute('aria-activedescendant')).toBe('cf-tile-0');
    // Four columns at 700px: right to the blocked one (not pickable), right again, Enter.
    await userEvent.keyboard('{ArrowRight}{ArrowRight}{Enter}');
    expect(picks).toEqual([]);
    await userEvent.keyboard('{ArrowRight}{Enter}');
    await settle(picker);
    expect(picks.map((event) => event.item.id)).toEqual(['ast_library']);
    expect(picks[0]?.verdict.status).toBe('approved');
    expect(grid?.getAttribute('aria-activedescendant')).toBe('cf-tile-3');
    expect(tile(picker, 'ast_library')?.getAttribute('aria-selected')).toBe('true');
    await userEvent.keyboard('{Home}{Enter}');
    expect(picks.map((event) => event.item.id)).toEqual(['ast_library', 'ast_lucia']);
  });

  it('asks before picking a blocked picture in mode warn', async () => {
    const { picker, picks } = await mount(demoItems(), { mode: 'warn', lang: 'en' });
    const grid = picker.shadowRoot?.querySelector('[role=grid]') as HTMLElement;
    grid.focus();
    await userEvent.keyboard('{ArrowRight}{ArrowRight}{Enter}');
    await settle(picker);
    const warning = picker.shadowRoot?.querySelector('[part=warning]');
    expect(warning?.textContent).toContain('Consent revoked');
    expect(picks).toEqual([]);
    await userEvent.keyboard('{Shift>}{Tab}{/Shift}{Enter}'); // "Use anyway"
    await settle(picker);
    expect(picks.map((event) => [event.item.id, event.warned])).toEqual([['ast_grad', true]]);
  });

  it('clears the search with Escape, then cancels', async () => {
    const { picker, cancels } = await mount(demoItems());
    picker.query = 'lucia';
    await settle(picker);
    (picker.shadowRoot?.querySelector('[role=grid]') as HTMLElement).focus();
    await userEvent.keyboard('{Escape}');
    await settle(picker);
    expect(picker.query).toBe('');
    expect(cancels).toHaveLength(0);
    await userEvent.keyboard('{Escape}');
    expect(cancels).toHaveLength(1);
  });

  it('passes an axe-core scan', async () => {
    const { picker } = await mount(demoItems(), { lang: 'en', mode: 'disable' });
    (picker.shadowRoot?.querySelector('[role=grid]') as HTMLElement).focus();
    await settle(picker);
    const results = await axe.run(picker);
    const violations = results.violations.map(
      (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(' ')}`,
    );
    expect(violations).toEqual([]);
  });

  it('renders only a window of 20 000 pictures and reaches the last one', async () => {
    const { picker } = await mount(manyItems(20_000));
    expect(picker.visibleItems).toHaveLength(20_000);
    const rendered = tiles(picker).length;
    expect(rendered).toBeGreaterThan(0);
    expect(rendered).toBeLessThan(200);
    const grid = picker.shadowRoot?.querySelector('[role=grid]') as HTMLElement;
    grid.focus();
    const started = performance.now();
    await userEvent.keyboard('{Control>}{End}{/Control}');
    await settle(picker);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(tile(picker, 'ast_19999')).toBeTruthy();
    expect(grid.getAttribute('aria-activedescendant')).toBe('cf-tile-19999');
    expect(tiles(picker).length).toBeLessThan(200);
  });
});
