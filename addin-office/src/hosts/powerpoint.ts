// PowerPoint: pictures are shapes carrying the asset id in the shape tag CLEARFRAME_ASSET.
//
// The released PowerPoint API has no ShapeCollection.addImage, so a picture goes in through the
// Common API (setSelectedDataAsync with coercion Image) onto the current slide; the new shape
// is then found by comparing the slide's shape ids before and after, and tagged.

import type {
  DocumentPicture,
  HostAdapter,
  InsertedPicture,
  PictureRef,
  PictureToInsert,
} from './host-adapter.js';
import { HostError, HostErrorCode, toHostError } from './host-error.js';
import type { OfficeNamespace, PowerPointNamespace } from './office-env.js';
import { checkPicture } from './picture-data.js';
import { requireSet } from './requirements.js';

/** Tag keys are stored upper-case by PowerPoint; tags survive save and reopen in .pptx. */
export const PowerPointTag = {
  asset: 'CLEARFRAME_ASSET',
  credit: 'CLEARFRAME_CREDIT',
  altText: 'CLEARFRAME_ALT',
} as const;

/** Selected slides, setSelectedSlides/Shapes and shape tags: PowerPointApi 1.5. */
const POWERPOINT_API = ['PowerPointApi', '1.5'] as const;
/** Shape.altTextDescription arrived in PowerPointApi 1.10. */
const ALT_TEXT_API = ['PowerPointApi', '1.10'] as const;
const IMAGE_COERCION = ['ImageCoercion', '1.1'] as const;

export interface PowerPointAdapterEnv {
  powerpoint: PowerPointNamespace;
  office: OfficeNamespace;
}

interface Place {
  left: number;
  top: number;
  width: number;
}

export function createPowerPointAdapter(env: PowerPointAdapterEnv): HostAdapter {
  const { office, powerpoint } = env;
  const altTextSupported = (): boolean =>
    office.context.requirements.isSetSupported(...ALT_TEXT_API);

  const guard = async <T>(operation: string, work: () => Promise<T>): Promise<T> => {
    try {
      requireSet(office, ...POWERPOINT_API, operation);
      return await work();
    } catch (error) {
      throw toHostError(error, operation);
    }
  };

  /** Inserts on `slideId`, which must be the selected slide, and tags the new shape. */
  const insertOnSlide = async (
    slideId: string,
    picture: PictureToInsert,
    place: Place | null,
  ): Promise<InsertedPicture> => {
    requireSet(office, ...IMAGE_COERCION, 'insertPicture');
    const before = await powerpoint.run(async (context) => {
      const shapes = context.presentation.slides.getItem(slideId).shapes;
      shapes.load('items');
      await context.sync();
      return new Set(shapes.items.map((shape) => shape.id));
    });

    await setSelectedImage(office, picture.base64);

    return powerpoint.run(async (context) => {
      const shapes = context.presentation.slides.getItem(slideId).shapes;
      shapes.load('items');
      await context.sync();
      const added = shapes.items.filter((shape) => !before.has(shape.id));
      const shape = added.length === 1 ? added[0] : undefined;
      if (shape === undefined) {
        // Another edit landed at the same moment; refuse to guess which shape is ours.
        throw new HostError(HostErrorCode.failed, {
          operation: 'insertPicture',
          cause: new Error(`expected one new shape on slide ${slideId}, found ${added.length}`),
        });
      }
      shape.tags.add(PowerPointTag.asset, picture.assetId);
      shape.tags.add(PowerPointTag.credit, picture.credit);
      shape.tags.add(PowerPointTag.altText, picture.altText);
      shape.name = `Clearframe ${picture.assetId}`;
      const altTextApplied = altTextSupported();
      if (altTextApplied) shape.altTextDescription = picture.altText;
      if (place !== null) {
        const ratio = shape.width > 0 ? shape.height / shape.width : 1;
        shape.left = place.left;
        shape.top = place.top;
        shape.width = place.width;
        shape.height = place.width * ratio;
      }
      await context.sync();
      return { ref: pictureRef(slideId, shape.id), altTextApplied };
    });
  };

  return {
    kind: 'powerpoint',

    insertPicture(picture: PictureToInsert): Promise<InsertedPicture> {
      return guard('insertPicture', async () => {
        const checked = checkPicture(picture, 'insertPicture');
        const slideId = await powerpoint.run(async (context) => {
          const selected = context.presentation.getSelectedSlides();
          selected.load('items');
          await context.sync();
          return selected.items[0]?.id;
        });
        if (slideId === undefined) throw new HostError(HostErrorCode.selectionUnusable);
        return insertOnSlide(slideId, checked, null);
      });
    },

    listPictures(): Promise<DocumentPicture[]> {
      return guard('listPictures', () =>
        powerpoint.run(async (context) => {
          const slides = context.presentation.slides;
          slides.load('items');
          await context.sync();
          const perSlide = slides.items.map((slide) => {
            slide.shapes.load('items');
            return slide;
          });
          await context.sync();
          const tagged = perSlide.flatMap((slide) =>
            slide.shapes.items.map((shape) => ({
              slideId: slide.id,
              shape,
              asset: loadTag(shape, PowerPointTag.asset),
              credit: loadTag(shape, PowerPointTag.credit),
              altText: loadTag(shape, PowerPointTag.altText),
            })),
          );
          await context.sync();
          const withAltText = altTextSupported();
          return tagged
            .filter((entry) => !entry.asset.isNullObject)
            .map((entry) => ({
              ref: pictureRef(entry.slideId, entry.shape.id),
              assetId: entry.asset.value,
              altText: withAltText ? entry.shape.altTextDescription : tagValue(entry.altText),
              credit: tagValue(entry.credit),
            }));
        }),
      );
    },

    selectPicture(ref: PictureRef): Promise<void> {
      return guard('selectPicture', () =>
        powerpoint.run(async (context) => {
          const { slide, shape } = await findShape(context, ref);
          context.presentation.setSelectedSlides([slide.id]);
          slide.setSelectedShapes([shape.id]);
          await context.sync();
        }),
      );
    },

    removePicture(ref: PictureRef): Promise<void> {
      return guard('removePicture', () =>
        powerpoint.run(async (context) => {
          const { shape } = await findShape(context, ref);
          shape.delete();
          await context.sync();
        }),
      );
    },

    replacePicture(ref: PictureRef, picture: PictureToInsert): Promise<InsertedPicture> {
      return guard('replacePicture', async () => {
        const checked = checkPicture(picture, 'replacePicture');
        const { slideId, place } = await powerpoint.run(async (context) => {
          const { slide, shape } = await findShape(context, ref);
          // Select the slide alone, so the new picture lands on it and not on the old shape.
          context.presentation.setSelectedSlides([slide.id]);
          await context.sync();
          return {
            slideId: slide.id,
            place: { left: shape.left, top: shape.top, width: shape.width },
          };
        });
        const inserted = await insertOnSlide(slideId, checked, place);
        await powerpoint.run(async (context) => {
          const { shape } = await findShape(context, ref);
          shape.delete();
          await context.sync();
        });
        return inserted;
      });
    },
  };
}

export function pictureRef(slideId: string, shapeId: string): PictureRef {
  return `${slideId}|${shapeId}`;
}

function parseRef(ref: PictureRef): { slideId: string; shapeId: string } {
  const [slideId, shapeId, extra] = ref.split('|');
  if (!slideId || !shapeId || extra !== undefined)
    throw new HostError(HostErrorCode.pictureNotFound);
  return { slideId, shapeId };
}

async function findShape(
  context: PowerPoint.RequestContext,
  ref: PictureRef,
): Promise<{ slide: PowerPoint.Slide; shape: PowerPoint.Shape }> {
  const { slideId, shapeId } = parseRef(ref);
  const slide = context.presentation.slides.getItemOrNullObject(slideId);
  slide.load('id');
  await context.sync();
  if (slide.isNullObject) throw new HostError(HostErrorCode.pictureNotFound);
  const shape = slide.shapes.getItemOrNullObject(shapeId);
  shape.load('id,left,top,width,height');
  const asset = loadTag(shape, PowerPointTag.asset);
  await context.sync();
  if (shape.isNullObject || asset.isNullObject) throw new HostError(HostErrorCode.pictureNotFound);
  return { slide, shape };
}

function loadTag(shape: PowerPoint.Shape, key: string): PowerPoint.Tag {
  const tag = shape.tags.getItemOrNullObject(key);
  tag.load('value');
  return tag;
}

function tagValue(tag: PowerPoint.Tag): string {
  return tag.isNullObject ? '' : tag.value;
}

/** The Common API's callback style, as a promise that rejects with a HostError. */
function setSelectedImage(office: OfficeNamespace, base64: string): Promise<void> {
  return new Promise((resolve, reject) => {
    office.context.document.setSelectedDataAsync(
      base64,
      { coercionType: office.CoercionType.Image },
      (result) => {
        if (result.status === office.AsyncResultStatus.Failed) {
          reject(toHostError(result.error, 'insertPicture'));
        } else {
          resolve();
        }
      },
    );
  });
}
