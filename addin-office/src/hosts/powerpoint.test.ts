import { describe, expect, it } from 'vitest';
import {
  powerPointDouble,
  type PowerPointDoubleOptions,
} from '../test-doubles/powerpoint-double.js';
import { isHostError } from './host-error.js';
import { createPowerPointAdapter, pictureRef } from './powerpoint.js';

const picture = {
  base64: 'iVBORw0KGgo=',
  assetId: 'ast_harbour',
  altText: 'Two children on the harbour wall',
  credit: 'Photo: Anna Berg',
};

function setUp(options: PowerPointDoubleOptions = {}) {
  const double = powerPointDouble({
    slides: [{ id: 's1' }, { id: 's2', shapes: [{ id: 'title', type: 'TextBox' }] }],
    selectedSlideIds: ['s2'],
    ...options,
  });
  return { ...double, adapter: createPowerPointAdapter(double) };
}

describe('PowerPoint adapter', () => {
  it('puts the picture on the current slide with the asset id in its tags', async () => {
    const { adapter, state, office } = setUp();

    const inserted = await adapter.insertPicture(picture);

    const slide = state.slides[1];
    expect(state.slides[0]?.shapes).toEqual([]);
    expect(slide?.shapes).toHaveLength(2);
    const shape = slide?.shapes[1];
    expect(shape?.base64).toBe('iVBORw0KGgo=');
    expect(shape?.tags.get('CLEARFRAME_ASSET')).toBe('ast_harbour');
    expect(inserted).toEqual({ ref: pictureRef('s2', shape?.id ?? ''), altTextApplied: true });
    expect(office.dataCalls.map((call) => call.options.coercionType)).toEqual(['image']);
  });

  it('keeps the alt text and the credit on the inserted picture', async () => {
    const { adapter, state } = setUp();

    await adapter.insertPicture(picture);

    const shape = state.slides[1]?.shapes[1];
    expect(shape?.altTextDescription).toBe('Two children on the harbour wall');
    expect(shape?.tags.get('CLEARFRAME_CREDIT')).toBe('Photo: Anna Berg');
    expect(shape?.name).toBe('Clearframe ast_harbour');
  });

  it('keeps the alt text in a tag and says so where PowerPoint cannot set alt text', async () => {
    const { adapter, state } = setUp({ sets: { PowerPointApi: '1.5', ImageCoercion: '1.1' } });

    const inserted = await adapter.insertPicture(picture);

    const shape = state.slides[1]?.shapes[1];
    expect(inserted.altTextApplied).toBe(false);
    expect(shape?.altTextDescription).toBe('');
    expect(shape?.tags.get('CLEARFRAME_ALT')).toBe(picture.altText);
  });

  it('lists the tagged pictures on every slide and nothing else', async () => {
    const { adapter } = setUp({
      slides: [
        {
          id: 's1',
          shapes: [
            {
              id: 'p1',
              altTextDescription: 'A dog',
              tags: { CLEARFRAME_ASSET: 'ast_1', CLEARFRAME_CREDIT: 'Photo: A' },
            },
          ],
        },
        {
          id: 's2',
          shapes: [
            { id: 'logo' },
            { id: 'p2', altTextDescription: 'A boat', tags: { clearframe_asset: 'ast_2' } },
          ],
        },
      ],
    });

    const pictures = await adapter.listPictures();

    expect(pictures).toEqual([
      { ref: 's1|p1', assetId: 'ast_1', altText: 'A dog', credit: 'Photo: A' },
      { ref: 's2|p2', assetId: 'ast_2', altText: 'A boat', credit: '' },
    ]);
  });

  it('finds a picture it inserted earlier', async () => {
    const { adapter } = setUp();
    const { ref } = await adapter.insertPicture(picture);

    expect(await adapter.listPictures()).toEqual([
      { ref, assetId: 'ast_harbour', altText: picture.altText, credit: picture.credit },
    ]);
  });

  it('selects a picture by going to its slide and selecting the shape', async () => {
    const { adapter, state } = setUp({
      slides: [
        { id: 's1' },
        { id: 's2', shapes: [{ id: 'p2', tags: { CLEARFRAME_ASSET: 'ast_2' } }] },
      ],
      selectedSlideIds: ['s1'],
    });

    await adapter.selectPicture('s2|p2');

    expect(state.selectedSlideIds).toEqual(['s2']);
    expect(state.selectedShapeIds).toEqual(['p2']);
  });

  it('removes the picture from its slide', async () => {
    const { adapter, state } = setUp({
      slides: [
        { id: 's1', shapes: [{ id: 'keep' }, { id: 'p1', tags: { CLEARFRAME_ASSET: 'ast_1' } }] },
      ],
    });

    await adapter.removePicture('s1|p1');

    expect(state.slides[0]?.shapes.map((shape) => shape.id)).toEqual(['keep']);
  });

  it('replaces a picture on its slide, in its place and width, with the new asset', async () => {
    const { adapter, state } = setUp({
      slides: [
        { id: 's1' },
        {
          id: 's2',
          shapes: [
            {
              id: 'old',
              left: 50,
              top: 60,
              width: 200,
              height: 100,
              tags: { CLEARFRAME_ASSET: 'ast_revoked' },
            },
          ],
        },
      ],
      selectedSlideIds: ['s1'],
      insertedSize: { width: 400, height: 300 },
    });

    const replaced = await adapter.replacePicture('s2|old', picture);

    const shapes = state.slides[1]?.shapes ?? [];
    expect(shapes).toHaveLength(1);
    expect(shapes[0]).toMatchObject({ left: 50, top: 60, width: 200, height: 150 });
    expect(shapes[0]?.tags.get('CLEARFRAME_ASSET')).toBe('ast_harbour');
    expect(replaced.ref).toBe(pictureRef('s2', shapes[0]?.id ?? ''));
    expect(state.slides[0]?.shapes).toEqual([]);
  });

  it('does not remove a shape Clearframe did not insert', async () => {
    const { adapter, state } = setUp();

    const error = await adapter.removePicture('s2|title').catch((caught: unknown) => caught);

    expect(isHostError(error) && error.code).toBe('picture_not_found');
    expect(state.slides[1]?.shapes).toHaveLength(1);
  });

  it('says the picture is gone when its slide was deleted', async () => {
    const { adapter } = setUp();

    const error = await adapter.selectPicture('gone|p1').catch((caught: unknown) => caught);

    expect(isHostError(error) && error.code).toBe('picture_not_found');
  });

  it('asks for a slide when none is selected', async () => {
    const { adapter, office } = setUp({ selectedSlideIds: [] });

    const error = await adapter.insertPicture(picture).catch((caught: unknown) => caught);

    expect(isHostError(error) && error.code).toBe('selection_unusable');
    expect(office.dataCalls).toEqual([]);
  });

  it('turns a refused image insertion into a message the user understands', async () => {
    const { adapter, state } = setUp({
      insertError: { code: 7000, name: 'Permission Denied', message: 'not allowed in this mode' },
    });

    const error = await adapter.insertPicture(picture).catch((caught: unknown) => caught);

    expect(isHostError(error) && error.code).toBe('document_read_only');
    expect((error as Error).message).toMatch(/cannot be changed right now/);
    expect(state.slides[1]?.shapes).toHaveLength(1);
  });

  it('refuses on PowerPoint versions without PowerPointApi 1.5', async () => {
    const { adapter, office } = setUp({ sets: { PowerPointApi: '1.4', ImageCoercion: '1.1' } });

    const error = await adapter.insertPicture(picture).catch((caught: unknown) => caught);

    expect(isHostError(error) && error.code).toBe('host_unsupported');
    expect(office.dataCalls).toEqual([]);
  });
});
