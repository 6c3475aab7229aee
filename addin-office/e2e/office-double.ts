// OfficeDouble: the Office.js calls the add-in's host adapters make, for the built task pane in
// Chromium, where Office itself cannot run. Installed by page.addInitScript before office.js and
// the pane's code: it defines Office, Word or PowerPoint, and window.OfficeDouble, which records
// the document (inserted pictures with their tags) and can present one with pictures in it.
// Office.context.document offers setSelectedDataAsync only; reading any other member of it is
// recorded in state.unexpectedDocumentAccess, so a test sees the pane reach for storage that
// would travel inside the file (document.settings, customXmlParts).
//
// The functions below are serialised into the page (see officeDoubleScript): they may use
// nothing from outside their own bodies.

export interface DoubleShape {
  id: string;
  name: string;
  type: string;
  left: number;
  top: number;
  width: number;
  height: number;
  altTextDescription: string;
  base64: string | null;
  tags: Record<string, string>;
}

export interface DoubleSlide {
  id: string;
  shapes: DoubleShape[];
}

export interface DoubleControl {
  id: number;
  tag: string;
  title: string;
  appearance: string;
  picture: { base64: string; altTextDescription: string } | null;
}

export interface OfficeDoubleConfig {
  host: 'PowerPoint' | 'Word';
  displayLanguage?: string;
  /** PowerPoint: the deck; the first slide is selected. */
  slides?: {
    id: string;
    shapes?: { id?: string; tags?: Record<string, string>; alt?: string }[];
  }[];
  /** Word: content controls holding pictures. */
  controls?: { tag: string; title?: string; alt?: string }[];
  /** Requirement sets, name → highest version. */
  sets?: Record<string, string>;
  /** Office.context.partitionKey, as Office on the web and on Mac set it; undefined on Windows. */
  partitionKey?: string;
}

export interface OfficeDoubleState {
  slides: DoubleSlide[];
  selectedSlideIds: string[];
  selectedShapeIds: string[];
  controls: DoubleControl[];
  selectedControlId: number | null;
  /** Every image handed to setSelectedDataAsync or insertInlinePictureFromBase64, in order. */
  insertedImages: number;
  /**
   * Members of Office.context.document the double does not implement that the pane touched
   * (`settings`, `customXmlParts`, …: storage that travels inside the file). Always empty.
   */
  unexpectedDocumentAccess: string[];
}

export function installOfficeDouble(config: OfficeDoubleConfig): void {
  const sets = config.sets ?? {
    PowerPointApi: '1.10',
    ImageCoercion: '1.1',
    WordApi: '1.3',
  };
  let nextShape = 1000;
  let nextControl = 100;
  const state: OfficeDoubleState = {
    slides: (config.slides ?? []).map((slide) => ({
      id: slide.id,
      shapes: (slide.shapes ?? []).map((shape) => ({
        id: shape.id ?? String(nextShape++),
        name: 'Picture',
        type: 'Image',
        left: 10,
        top: 10,
        width: 200,
        height: 150,
        altTextDescription: shape.alt ?? '',
        base64: 'AAAA',
        tags: Object.fromEntries(
          Object.entries(shape.tags ?? {}).map(([key, value]) => [key.toUpperCase(), value]),
        ),
      })),
    })),
    selectedSlideIds: config.slides?.[0] ? [config.slides[0].id] : [],
    selectedShapeIds: [],
    controls: (config.controls ?? []).map((control) => ({
      id: nextControl++,
      tag: control.tag,
      title: control.title ?? '',
      appearance: 'BoundingBox',
      picture: { base64: 'AAAA', altTextDescription: control.alt ?? '' },
    })),
    selectedControlId: null,
    insertedImages: 0,
    unexpectedDocumentAccess: [],
  };
  const itemNotFound = () => Object.assign(new Error('ItemNotFound'), { code: 'ItemNotFound' });
  const supported = (name: string, minVersion = '1.1') => {
    const have = sets[name];
    if (have === undefined) return false;
    const [a = 0, b = 0] = have.split('.').map(Number);
    const [c = 0, d = 0] = minVersion.split('.').map(Number);
    return a - c > 0 || (a === c && b >= d);
  };
  const context = { sync: async () => undefined };

  // ---- PowerPoint

  const tagView = (shape: DoubleShape, key: string) => {
    const value = shape.tags[key.toUpperCase()];
    return {
      key: key.toUpperCase(),
      value: value ?? '',
      isNullObject: value === undefined,
      load: () => undefined,
    };
  };
  const shapeView = (slide: DoubleSlide, shape: DoubleShape) => {
    const view: Record<string, unknown> = {
      isNullObject: false,
      load: () => view,
      delete: () => void slide.shapes.splice(slide.shapes.indexOf(shape), 1),
      tags: {
        add: (key: string, value: string) => void (shape.tags[key.toUpperCase()] = value),
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
        get: () => shape[key],
        set: (value: never) => void (shape[key] = value),
      });
    }
    return view;
  };
  const nullObject = {
    isNullObject: true,
    load: () => undefined,
    tags: { getItemOrNullObject: () => ({ isNullObject: true, load: () => undefined }) },
  };
  const slideView = (slide: DoubleSlide) => {
    const shapes = {
      items: [] as unknown[],
      load() {
        shapes.items = slide.shapes.map((shape) => shapeView(slide, shape));
        return shapes;
      },
      getItemOrNullObject: (id: string) => {
        const shape = slide.shapes.find((entry) => entry.id === id);
        return shape ? shapeView(slide, shape) : nullObject;
      },
    };
    return {
      id: slide.id,
      isNullObject: false,
      load: () => undefined,
      shapes,
      setSelectedShapes: (ids: string[]) => void (state.selectedShapeIds = [...ids]),
    };
  };
  const findSlide = (id: string) => state.slides.find((slide) => slide.id === id);
  const presentation = {
    slides: {
      items: [] as unknown[],
      load() {
        presentation.slides.items = state.slides.map(slideView);
      },
      getItem(id: string) {
        const slide = findSlide(id);
        if (!slide) throw itemNotFound();
        return slideView(slide);
      },
      getItemOrNullObject(id: string) {
        const slide = findSlide(id);
        return slide ? slideView(slide) : { isNullObject: true, load: () => undefined };
      },
    },
    getSelectedSlides() {
      const selected = {
        items: [] as unknown[],
        load() {
          selected.items = state.selectedSlideIds.flatMap((id) => {
            const slide = findSlide(id);
            return slide ? [slideView(slide)] : [];
          });
        },
      };
      return selected;
    },
    setSelectedSlides(ids: string[]) {
      state.selectedSlideIds = [...ids];
      state.selectedShapeIds = [];
    },
  };

  // ---- Word

  const wordPicture = (picture: { base64: string; altTextDescription: string }) => picture;
  const controlView = (control: DoubleControl) => {
    const view: Record<string, unknown> = {
      isNullObject: false,
      load: () => view,
      select: () => void (state.selectedControlId = control.id),
      delete: () => void state.controls.splice(state.controls.indexOf(control), 1),
      insertInlinePictureFromBase64(base64: string) {
        state.insertedImages += 1;
        control.picture = { base64, altTextDescription: '' };
        return wordPicture(control.picture);
      },
      inlinePictures: {
        getFirstOrNullObject: () =>
          control.picture
            ? { ...wordPicture(control.picture), isNullObject: false, load: () => undefined }
            : { isNullObject: true, altTextDescription: '', load: () => undefined },
      },
    };
    for (const key of ['id', 'tag', 'title', 'appearance'] as const) {
      Object.defineProperty(view, key, {
        get: () => control[key],
        set: (value: never) => void (control[key] = value),
      });
    }
    return view;
  };
  const wordDocument = {
    contentControls: {
      items: [] as unknown[],
      load() {
        wordDocument.contentControls.items = state.controls.map(controlView);
      },
      getByIdOrNullObject(id: number) {
        const control = state.controls.find((entry) => entry.id === id);
        return control
          ? controlView(control)
          : { isNullObject: true, tag: '', load: () => undefined };
      },
    },
    getSelection: () => ({
      insertInlinePictureFromBase64(base64: string) {
        state.insertedImages += 1;
        const picture = { base64, altTextDescription: '' };
        return {
          get altTextDescription() {
            return picture.altTextDescription;
          },
          set altTextDescription(value: string) {
            picture.altTextDescription = value;
          },
          insertContentControl() {
            const control: DoubleControl = {
              id: nextControl++,
              tag: '',
              title: '',
              appearance: 'BoundingBox',
              picture,
            };
            state.controls.push(control);
            return controlView(control);
          },
        };
      },
    }),
  };

  // ---- Office

  const commonDocument = {
    setSelectedDataAsync(
      data: string,
      options: { coercionType: string },
      callback: (result: { status: string; error?: unknown }) => void,
    ) {
      const slide = findSlide(state.selectedSlideIds[0] ?? '');
      if (options.coercionType !== 'image' || !slide) {
        callback({
          status: 'failed',
          error: { code: 2001, name: 'InvalidSelection', message: '' },
        });
        return;
      }
      state.insertedImages += 1;
      slide.shapes.push({
        id: String(nextShape++),
        name: 'Picture',
        type: 'Image',
        left: 100,
        top: 100,
        width: 400,
        height: 300,
        altTextDescription: '',
        base64: data,
        tags: {},
      });
      callback({ status: 'succeeded' });
    },
  };
  // Anything else read from Office.context.document is recorded (and is undefined, as a
  // member the adapters never use should be).
  const recordedDocument = new Proxy(commonDocument, {
    get(target, key, receiver) {
      if (typeof key === 'string' && !(key in target) && key !== 'then') {
        state.unexpectedDocumentAccess.push(key);
      }
      return Reflect.get(target, key, receiver) as unknown;
    },
  });

  const office = {
    onReady: async () => ({ host: config.host, platform: 'OfficeOnline' }),
    HostType: { Word: 'Word', PowerPoint: 'PowerPoint' },
    CoercionType: { Image: 'image' },
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
    context: {
      host: config.host,
      displayLanguage: config.displayLanguage ?? 'en-US',
      partitionKey: config.partitionKey,
      requirements: { isSetSupported: supported },
      document: recordedDocument,
    },
  };
  const scope = globalThis as unknown as Record<string, unknown>;
  scope['Office'] = office;
  if (config.host === 'PowerPoint') {
    scope['PowerPoint'] = {
      run: async <T>(batch: (ctx: unknown) => Promise<T>) => batch({ ...context, presentation }),
    };
  } else {
    scope['Word'] = {
      run: async <T>(batch: (ctx: unknown) => Promise<T>) =>
        batch({ ...context, document: wordDocument }),
    };
  }
  scope['OfficeDouble'] = { state };
}
