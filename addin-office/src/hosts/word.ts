// Word: pictures are inline pictures wrapped in a content control tagged `clearframe:<assetId>`.

import type {
  DocumentPicture,
  HostAdapter,
  InsertedPicture,
  PictureRef,
  PictureToInsert,
} from './host-adapter.js';
import { HostError, HostErrorCode, toHostError } from './host-error.js';
import type { OfficeNamespace, WordNamespace } from './office-env.js';
import { checkPicture } from './picture-data.js';
import { requireSet } from './requirements.js';

/** Content-control tags survive save and reopen in .docx, so the asset id lives there. */
export const WORD_TAG_PREFIX = 'clearframe:';

/** WordApi 1.3 brings getByIdOrNullObject and getFirstOrNullObject, which the adapter relies on. */
const WORD_API = ['WordApi', '1.3'] as const;

export interface WordAdapterEnv {
  word: WordNamespace;
  office: OfficeNamespace;
}

export function wordTag(assetId: string): string {
  return WORD_TAG_PREFIX + assetId;
}

export function createWordAdapter(env: WordAdapterEnv): HostAdapter {
  const run = async <T>(
    operation: string,
    batch: (context: Word.RequestContext) => Promise<T>,
  ): Promise<T> => {
    try {
      requireSet(env.office, ...WORD_API, operation);
      return await env.word.run(batch);
    } catch (error) {
      throw toHostError(error, operation);
    }
  };

  return {
    kind: 'word',

    insertPicture(picture: PictureToInsert): Promise<InsertedPicture> {
      return run('insertPicture', async (context) => {
        const checked = checkPicture(picture, 'insertPicture');
        // "Replace" is what Word's own Insert > Picture does with a selection.
        const inline = context.document
          .getSelection()
          .insertInlinePictureFromBase64(checked.base64, 'Replace');
        inline.altTextDescription = checked.altText;
        const control = inline.insertContentControl();
        describeControl(control, checked);
        control.load('id');
        await context.sync();
        return { ref: String(control.id), altTextApplied: true };
      });
    },

    listPictures(): Promise<DocumentPicture[]> {
      return run('listPictures', async (context) => {
        const controls = context.document.contentControls;
        controls.load('items');
        await context.sync();
        const ours = controls.items.filter((control) => control.tag.startsWith(WORD_TAG_PREFIX));
        const pictures = ours.map((control) => {
          const inline = control.inlinePictures.getFirstOrNullObject();
          inline.load('altTextDescription');
          return { control, inline };
        });
        await context.sync();
        return pictures.map(({ control, inline }) => ({
          ref: String(control.id),
          assetId: control.tag.slice(WORD_TAG_PREFIX.length),
          altText: inline.isNullObject ? '' : inline.altTextDescription,
          credit: control.title,
        }));
      });
    },

    selectPicture(ref: PictureRef): Promise<void> {
      return run('selectPicture', async (context) => {
        const control = await findControl(context, ref);
        control.select('Select');
        await context.sync();
      });
    },

    removePicture(ref: PictureRef): Promise<void> {
      return run('removePicture', async (context) => {
        const control = await findControl(context, ref);
        control.delete(false);
        await context.sync();
      });
    },

    replacePicture(ref: PictureRef, picture: PictureToInsert): Promise<InsertedPicture> {
      return run('replacePicture', async (context) => {
        const checked = checkPicture(picture, 'replacePicture');
        const control = await findControl(context, ref);
        const inline = control.insertInlinePictureFromBase64(checked.base64, 'Replace');
        inline.altTextDescription = checked.altText;
        describeControl(control, checked);
        await context.sync();
        return { ref, altTextApplied: true };
      });
    },
  };
}

function describeControl(control: Word.ContentControl, picture: PictureToInsert): void {
  control.tag = wordTag(picture.assetId);
  // The title is what Word shows on the control's handle: the credit, where a reader looks for it.
  control.title = picture.credit;
  control.appearance = 'BoundingBox';
}

async function findControl(
  context: Word.RequestContext,
  ref: PictureRef,
): Promise<Word.ContentControl> {
  const id = Number(ref);
  if (!Number.isInteger(id)) throw new HostError(HostErrorCode.pictureNotFound);
  const control = context.document.contentControls.getByIdOrNullObject(id);
  control.load('id,tag');
  await context.sync();
  if (control.isNullObject || !control.tag.startsWith(WORD_TAG_PREFIX)) {
    throw new HostError(HostErrorCode.pictureNotFound);
  }
  return control;
}
