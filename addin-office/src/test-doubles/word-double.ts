// Test double of the Word object model the Word adapter uses, built on office-addin-mock.
//
// `word` is an OfficeMockObject: reading a collection before load() and context.sync() yields
// the mock's error string, as reading an unloaded property fails in Office. Content controls and
// pictures are plain objects kept in `state`, so a test can look at what the document holds.

import { OfficeMockObject } from 'office-addin-mock';
import type { WordNamespace } from '../hosts/office-env.js';

export interface WordPictureDouble {
  base64: string;
  altTextDescription: string;
  isNullObject: false;
  load(): WordPictureDouble;
}

export interface WordControlDouble {
  id: number;
  tag: string;
  title: string;
  appearance: string;
  picture: WordPictureDouble | null;
  isNullObject: boolean;
}

export interface WordDocumentState {
  /** The document's content controls in document order; change it in place, never reassign. */
  readonly controls: WordControlDouble[];
  /** The id of the selected content control, if the user or the add-in selected one. */
  selectedControlId: number | null;
  /** Pictures inserted at the selection and not (yet) wrapped in a control. */
  readonly loosePictures: WordPictureDouble[];
}

export interface WordDoubleOptions {
  controls?: { tag: string; title?: string; altText?: string }[];
  /** An OfficeExtension.Error-like object every context.sync() throws. */
  syncError?: { code: string; message: string };
}

export function wordDouble(options: WordDoubleOptions = {}): {
  word: WordNamespace;
  state: WordDocumentState;
} {
  const state: WordDocumentState = { controls: [], selectedControlId: null, loosePictures: [] };
  let nextId = 100;

  const picture = (base64: string, altText = ''): WordPictureDouble => ({
    base64,
    altTextDescription: altText,
    isNullObject: false,
    load() {
      return this;
    },
  });

  const control = (content: WordPictureDouble | null): WordControlDouble => {
    const made = {
      id: nextId++,
      tag: '',
      title: '',
      appearance: 'BoundingBox',
      picture: content,
      isNullObject: false,
      load() {
        return made;
      },
      select() {
        state.selectedControlId = made.id;
      },
      delete(keepContent: boolean) {
        state.controls.splice(state.controls.indexOf(made), 1);
        if (keepContent && made.picture) state.loosePictures.push(made.picture);
      },
      insertInlinePictureFromBase64(base64: string, location: string) {
        if (location !== 'Replace')
          throw new Error(`double supports Replace only, got ${location}`);
        made.picture = picture(base64);
        return made.picture;
      },
      inlinePictures: {
        getFirstOrNullObject: () =>
          made.picture ?? { isNullObject: true, altTextDescription: '', load: () => undefined },
      },
    };
    return made;
  };

  for (const entry of options.controls ?? []) {
    const made = control(picture('AAAA', entry.altText ?? ''));
    made.tag = entry.tag;
    made.title = entry.title ?? '';
    state.controls.push(made);
  }

  const nullControl = { isNullObject: true, tag: '', load: () => nullControl };

  const data = {
    context: {
      document: {
        contentControls: {
          // Read through the mock (load + sync required); the array is the live document.
          items: state.controls,
          getByIdOrNullObject: (id: number) =>
            state.controls.find((entry) => entry.id === id) ?? nullControl,
        },
        getSelection: () => ({
          insertInlinePictureFromBase64(base64: string, location: string) {
            if (location !== 'Replace')
              throw new Error(`double supports Replace only, got ${location}`);
            const inserted = picture(base64);
            state.loosePictures.push(inserted);
            return {
              get altTextDescription() {
                return inserted.altTextDescription;
              },
              set altTextDescription(value: string) {
                inserted.altTextDescription = value;
              },
              insertContentControl() {
                state.loosePictures.splice(state.loosePictures.indexOf(inserted), 1);
                const made = control(inserted);
                state.controls.push(made);
                return made;
              },
            };
          },
        }),
      },
      ...(options.syncError
        ? {
            sync: async () => {
              throw Object.assign(new Error(options.syncError?.message), {
                code: options.syncError?.code,
              });
            },
          }
        : {}),
    },
    run: async function (
      this: { context: unknown },
      batch: (context: unknown) => Promise<unknown>,
    ) {
      return batch(this.context);
    },
  };
  return { word: new OfficeMockObject(data) as unknown as WordNamespace, state };
}
