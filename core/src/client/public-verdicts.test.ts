import { describe, expect, it } from 'vitest';
import { parsePublicVerdicts } from './public-verdicts.js';

const URL = 'https://registry.test/v1/public/verdicts?ids=ast_1&channel=web';
const MEDIA = { src: 'https://registry.test/v1/media/ast_1/medium', alt: 'Choir', width: 1600 };
const APPROVED = {
  status: 'approved',
  approvedUntil: '2027-06-30T22:00:00.000Z',
  nextCheckAt: '2027-05-31T22:00:00.000Z',
  media: MEDIA,
};
const body = (verdict: unknown) => ({
  checkedAt: '2026-11-23T12:00:00.000Z',
  verdicts: { ast_1: verdict },
});

function issueOf(value: unknown) {
  try {
    parsePublicVerdicts(value, URL);
  } catch (error) {
    expect(error).toMatchObject({ code: 'registry_invalid_response', url: URL });
    return (error as { issues: { path: string }[] }).issues[0]?.path;
  }
  throw new Error('expected the body to be refused');
}

describe('the hand-written check of public verdicts', () => {
  it('keeps a body of the contract, and only the contract’s fields', () => {
    const parsed = parsePublicVerdicts(
      { ...body({ ...APPROVED, reasons: ['x'], media: { ...MEDIA, extra: 1 } }), extra: true },
      URL,
    );
    expect(parsed).toEqual(body(APPROVED));
    const blocked = { status: 'blocked', approvedUntil: null, nextCheckAt: null };
    expect(parsePublicVerdicts(body(blocked), URL).verdicts['ast_1']).toEqual(blocked);
  });

  it.each([
    ['not an object', 'approved', ''],
    ['an array', [], ''],
    ['null', null, ''],
    ['no checkedAt', { verdicts: {} }, 'checkedAt'],
    ['verdicts as an array', { checkedAt: '2026-11-23T12:00:00Z', verdicts: [] }, 'verdicts'],
    ['a verdict that is not an object', body('approved'), 'verdicts.ast_1'],
    ['an unknown status', body({ ...APPROVED, status: 'maybe' }), 'verdicts.ast_1.status'],
    ['no status', body({ ...APPROVED, status: undefined }), 'verdicts.ast_1.status'],
    [
      'an approvedUntil that does not parse',
      body({ ...APPROVED, approvedUntil: 'soon' }),
      'verdicts.ast_1.approvedUntil',
    ],
    [
      'an approvedUntil that is missing',
      body({ ...APPROVED, approvedUntil: undefined }),
      'verdicts.ast_1.approvedUntil',
    ],
    [
      'a numeric nextCheckAt',
      body({ ...APPROVED, nextCheckAt: 1_800_000_000 }),
      'verdicts.ast_1.nextCheckAt',
    ],
    ['media without src', body({ ...APPROVED, media: { alt: 'x' } }), 'verdicts.ast_1.media.src'],
    ['media as a string', body({ ...APPROVED, media: 'x.jpg' }), 'verdicts.ast_1.media'],
    [
      'a null srcset',
      body({ ...APPROVED, media: { ...MEDIA, srcset: null } }),
      'verdicts.ast_1.media.srcset',
    ],
    [
      'a string width',
      body({ ...APPROVED, media: { ...MEDIA, width: '1600' } }),
      'verdicts.ast_1.media.width',
    ],
  ])('refuses %s, naming the field', (_, value, path) => {
    expect(issueOf(value)).toBe(path);
  });

  it('keeps an asset id such as __proto__ as an id', () => {
    const json = JSON.parse(
      `{"checkedAt":"2026-11-23T12:00:00Z","verdicts":{"__proto__":{"status":"blocked","approvedUntil":null,"nextCheckAt":null}}}`,
    ) as unknown;
    const parsed = parsePublicVerdicts(json, URL);
    expect(Object.hasOwn(parsed.verdicts, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(parsed.verdicts)).toBe(Object.prototype);
  });
});
