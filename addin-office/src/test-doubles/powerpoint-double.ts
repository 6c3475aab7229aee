// Test double of the PowerPoint object model and image insertion the PowerPoint adapter uses.
//
// `powerpoint` is an OfficeMockObject (collections need load + context.sync before reading);
// slides, shapes and tags are plain objects in `state`. `office` inserts an image the way
// setSelectedDataAsync does: a new picture shape on the selected slide.

import { OfficeMockObject } from 'office-addin-mock';
import type { PowerPointNamespace } from '../hosts/office-env.js';
import { officeDouble, type OfficeDouble, type OfficeDoubleOptions } from './office-double.js';

export interface ShapeDouble {
  id: string;
  name: string;
  type: string;
  left: number;
  top: number;
  width: number;
  height: number;
  altTextDescription: string;
  /** The image bytes, for shapes that are pictures. */
  base64: string | null;
  /** Tag keys as PowerPoint stores them: upper-case. */
  tags: Map<string, string>;
}

export interface SlideDouble {
  id: string;
  shapes: ShapeDouble[];
}

export interface PresentationState {
  readonly slides: SlideDouble[];
  selectedSlideIds: string[];
  selectedShapeIds: string[];
}

export interface PowerPointDoubleOptions {
  /** Slides with their shapes; tags given as plain records. */
  slides?: {
    id: string;
    shapes?: (Partial<Omit<ShapeDouble, 'tags'>> & { tags?: Record<string, string> })[];
  }[];
  selectedSlideIds?: string[];
  sets?: OfficeDoubleOptions['sets'];
  insertError?: OfficeDoubleOptions['insertError'];
  /** Size a newly inserted picture gets, as Office sizes it from the image. */
  insertedSize?: { width: number; height: number };
}

export function powerPointDouble(options: PowerPointDoubleOptions = {}): {
  powerpoint: PowerPointNamespace;
  office: OfficeDouble;
  state: PresentationState;
} {
  let nextShape = 1000;
  const state: PresentationState = {
    slides: (options.slides ?? []).map((slide) => ({
      id: slide.id,
      shapes: (slide.shapes ?? []).map((shape) => ({
        id: shape.id ?? String(nextShape++),
        name: shape.name ?? 'Picture',
        type: shape.type ?? 'Image',
        left: shape.left ?? 0,
        top: shape.top ?? 0,
        width: shape.width ?? 100,
        height: shape.height ?? 100,
        altTextDescription: shape.altTextDescription ?? '',
        base64: shape.base64 ?? null,
        tags: new Map(
          Object.entries(shape.tags ?? {}).map(([key, value]) => [key.toUpperCase(), value]),
        ),
      })),
    })),
    selectedSlideIds: options.selectedSlideIds ?? [],
    selectedShapeIds: [],
  };

  const findSlide = (id: string) => state.slides.find((slide) => slide.id === id);

  const tagView = (shape: ShapeDouble, key: string) => {
    const value = shape.tags.get(key.toUpperCase());
    const view = {
      key: key.toUpperCase(),
      value: value ?? '',
      isNullObject: value === undefined,
      load: () => view,
    };
    return view;
  };

  // What a Shape proxy exposes: reads and writes go straight to the shape's state.
  const shapeView = (slide: SlideDouble, shape: ShapeDouble) => {
    const view = {
      isNullObject: false,
      load: () => view,
      delete() {
        slide.shapes.splice(slide.shapes.indexOf(shape), 1);
      },
      tags: {
        add: (key: string, value: string) => void shape.tags.set(key.toUpperCase(), value),
        getItemOrNullObject: (key: string) => tagView(shape, key),
      },
    };
    for (const key of [
      'id',
      'name',
      'type',
      'left',
      'top',
      'width',
      'height',
      'altTextDescription',
    ] as const) {
      Object.defineProperty(view, key, {
        enumerable: true,
        get: () => shape[key],
        set: (value: never) => {
          shape[key] = value;
        },
      });
    }
    return view;
  };

  const nullShape = {
    isNullObject: true,
    load: () => nullShape,
    tags: { getItemOrNullObject: () => ({ isNullObject: true, load: () => undefined }) },
  };

  const slideView = (slide: SlideDouble) => {
    const view = {
      id: slide.id,
      isNullObject: false,
      load: () => view,
      setSelectedShapes(ids: string[]) {
        state.selectedShapeIds = [...ids];
      },
      shapes: {
        items: [] as ReturnType<typeof shapeView>[],
        load() {
          this.items = slide.shapes.map((shape) => shapeView(slide, shape));
          return this;
        },
        getItemOrNullObject: (id: string) => {
          const shape = slide.shapes.find((entry) => entry.id === id);
          return shape ? shapeView(slide, shape) : nullShape;
        },
      },
    };
    return view;
  };

  const nullSlide = { isNullObject: true, load: () => nullSlide };
  const selectedSlides = () => {
    const collection = {
      items: [] as ReturnType<typeof slideView>[],
      load() {
        collection.items = state.selectedSlideIds.flatMap((id) => {
          const slide = findSlide(id);
          return slide ? [slideView(slide)] : [];
        });
        return collection;
      },
    };
    return collection;
  };

  const data = {
    context: {
      presentation: {
        slides: {
          // Read through the mock: load('items') and context.sync() are required.
          items: state.slides.map(slideView),
          getItem: (id: string) => {
            const slide = findSlide(id);
            if (!slide) throw Object.assign(new Error('ItemNotFound'), { code: 'ItemNotFound' });
            return slideView(slide);
          },
          getItemOrNullObject: (id: string) => {
            const slide = findSlide(id);
            return slide ? slideView(slide) : nullSlide;
          },
        },
        getSelectedSlides: selectedSlides,
        setSelectedSlides(ids: string[]) {
          state.selectedSlideIds = [...ids];
          state.selectedShapeIds = [];
        },
      },
    },
    run: async function (
      this: { context: unknown },
      batch: (context: unknown) => Promise<unknown>,
    ) {
      return batch(this.context);
    },
  };

  const office = officeDouble({
    sets: options.sets ?? { PowerPointApi: '1.10', ImageCoercion: '1.1' },
    ...(options.insertError ? { insertError: options.insertError } : {}),
    insertImage(base64) {
      const slide = findSlide(state.selectedSlideIds[0] ?? '');
      if (!slide) throw new Error('double: no slide selected');
      const size = options.insertedSize ?? { width: 400, height: 300 };
      slide.shapes.push({
        id: String(nextShape++),
        name: 'Picture',
        type: 'Image',
        left: 100,
        top: 100,
        ...size,
        altTextDescription: '',
        base64,
        tags: new Map(),
      });
    },
  });

  return {
    powerpoint: new OfficeMockObject(data) as unknown as PowerPointNamespace,
    office,
    state,
  };
}
