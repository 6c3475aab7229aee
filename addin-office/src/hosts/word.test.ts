import { describe, expect, it } from 'vitest';
import { officeDouble } from '../test-doubles/office-double.js';
import { wordDouble } from '../test-doubles/word-double.js';
import { isHostError } from './host-error.js';
import { createWordAdapter } from './word.js';

const WORD_1_3 = { WordApi: '1.3' };
const picture = {
  base64: 'data:image/png;base64,iVBORw0KGgo=',
  assetId: 'ast_harbour',
  altText: 'Two children on the harbour wall',
  credit: 'Photo: Anna Berg',
};

function setUp(options: Parameters<typeof wordDouble>[0] = {}, sets = WORD_1_3) {
  const { word, state } = wordDouble(options);
  const adapter = createWordAdapter({ word, office: officeDouble({ sets }) });
  return { adapter, state };
}

describe('Word adapter', () => {
  it('inserts the picture at the selection inside a content control tagged with the asset id', async () => {
    const { adapter, state } = setUp();

    const inserted = await adapter.insertPicture(picture);

    expect(state.controls).toHaveLength(1);
    const [control] = state.controls;
    expect(control?.tag).toBe('clearframe:ast_harbour');
    expect(control?.picture?.base64).toBe('iVBORw0KGgo=');
    expect(inserted).toEqual({ ref: String(control?.id), altTextApplied: true });
    expect(state.loosePictures).toEqual([]);
  });

  it('keeps the alt text on the picture and the credit on the control', async () => {
    const { adapter, state } = setUp();

    await adapter.insertPicture(picture);

    expect(state.controls[0]?.picture?.altTextDescription).toBe('Two children on the harbour wall');
    expect(state.controls[0]?.title).toBe('Photo: Anna Berg');
  });

  it('lists only the pictures Clearframe tagged, with their asset ids and alt text', async () => {
    const { adapter } = setUp({
      controls: [
        { tag: 'clearframe:ast_1', title: 'Photo: A', altText: 'A dog' },
        { tag: 'customer-number', title: 'Customer' },
        { tag: 'clearframe:ast_2', altText: 'A boat' },
      ],
    });

    const pictures = await adapter.listPictures();

    expect(pictures.map(({ assetId, altText, credit }) => ({ assetId, altText, credit }))).toEqual([
      { assetId: 'ast_1', altText: 'A dog', credit: 'Photo: A' },
      { assetId: 'ast_2', altText: 'A boat', credit: '' },
    ]);
  });

  it('finds a picture it inserted earlier', async () => {
    const { adapter } = setUp();
    const { ref } = await adapter.insertPicture(picture);

    const pictures = await adapter.listPictures();

    expect(pictures).toEqual([
      { ref, assetId: 'ast_harbour', altText: picture.altText, credit: picture.credit },
    ]);
  });

  it('selects a listed picture', async () => {
    const { adapter, state } = setUp({ controls: [{ tag: 'clearframe:ast_1' }] });
    const [listed] = await adapter.listPictures();

    await adapter.selectPicture(listed?.ref ?? '');

    expect(state.selectedControlId).toBe(state.controls[0]?.id);
  });

  it('removes the picture together with its content control', async () => {
    const { adapter, state } = setUp({
      controls: [{ tag: 'clearframe:ast_1' }, { tag: 'clearframe:ast_2' }],
    });
    const [first] = await adapter.listPictures();

    await adapter.removePicture(first?.ref ?? '');

    expect(state.controls.map((control) => control.tag)).toEqual(['clearframe:ast_2']);
    expect(state.loosePictures).toEqual([]);
  });

  it('replaces a picture in place with another asset, its alt text and credit', async () => {
    const { adapter, state } = setUp({ controls: [{ tag: 'clearframe:ast_revoked' }] });
    const [old] = await adapter.listPictures();

    const replaced = await adapter.replacePicture(old?.ref ?? '', picture);

    expect(replaced.ref).toBe(old?.ref);
    expect(state.controls).toHaveLength(1);
    expect(state.controls[0]).toMatchObject({
      tag: 'clearframe:ast_harbour',
      title: picture.credit,
    });
    expect(state.controls[0]?.picture).toMatchObject({
      base64: 'iVBORw0KGgo=',
      altTextDescription: picture.altText,
    });
  });

  it('says the picture is gone when it was deleted in the meantime', async () => {
    const { adapter, state } = setUp({ controls: [{ tag: 'clearframe:ast_1' }] });
    const [listed] = await adapter.listPictures();
    state.controls.length = 0;

    const error = await adapter.removePicture(listed?.ref ?? '').catch((caught: unknown) => caught);

    expect(isHostError(error) && error.code).toBe('picture_not_found');
    expect((error as Error).message).toBe('The picture is no longer in the document.');
  });

  it('does not touch a content control that is not Clearframe’s', async () => {
    const { adapter, state } = setUp({ controls: [{ tag: 'customer-number' }] });
    const ref = String(state.controls[0]?.id);

    const error = await adapter.removePicture(ref).catch((caught: unknown) => caught);

    expect(isHostError(error) && error.code).toBe('picture_not_found');
    expect(state.controls).toHaveLength(1);
  });

  it('turns a read-only document into a message the user understands', async () => {
    const { adapter } = setUp({ syncError: { code: 'AccessDenied', message: 'AccessDenied' } });

    const error = await adapter.insertPicture(picture).catch((caught: unknown) => caught);

    expect(isHostError(error) && error.code).toBe('document_read_only');
    expect((error as Error).message).toMatch(/cannot be changed right now/);
    expect((error as Error).cause).toMatchObject({ code: 'AccessDenied' });
  });

  it('refuses on Word versions without WordApi 1.3, before calling Word', async () => {
    const { adapter, state } = setUp({}, { WordApi: '1.2' });

    const error = await adapter.insertPicture(picture).catch((caught: unknown) => caught);

    expect(isHostError(error) && error.code).toBe('host_unsupported');
    expect(state.controls).toEqual([]);
    expect(state.loosePictures).toEqual([]);
  });

  it('refuses a picture without bytes', async () => {
    const { adapter, state } = setUp();

    const error = await adapter
      .insertPicture({ ...picture, base64: '' })
      .catch((caught: unknown) => caught);

    expect(isHostError(error) && error.code).toBe('host_failed');
    expect(state.controls).toEqual([]);
  });
});
