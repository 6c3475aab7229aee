// The one interface each Office host implements; the pane talks to this and never to Office.

export const HostKind = {
  word: 'word',
  powerpoint: 'powerpoint',
} as const;
export type HostKind = (typeof HostKind)[keyof typeof HostKind];

/** A picture the pane wants in the document: the registry's bytes, id, alt text and credit. */
export interface PictureToInsert {
  /** The image bytes as base64, with or without a `data:image/…;base64,` prefix. */
  base64: string;
  assetId: string;
  altText: string;
  credit: string;
}

/**
 * Where a picture sits in the open document. Opaque to the pane and valid while the document
 * stays open: the asset id (in tags) is what survives save and reopen, not the ref.
 */
export type PictureRef = string;

export interface DocumentPicture {
  ref: PictureRef;
  assetId: string;
  altText: string;
  credit: string;
}

export interface InsertedPicture {
  ref: PictureRef;
  /**
   * False when this Office version cannot set alt text through its API (PowerPoint before
   * PowerPointApi 1.10): the alt text is then kept in a tag only and the user should add it.
   */
  altTextApplied: boolean;
}

/** Every method rejects with a HostError (hosts/host-error.ts), never with a raw Office error. */
export interface HostAdapter {
  readonly kind: HostKind;
  /** Inserts at the selection (Word) or on the current slide (PowerPoint). */
  insertPicture(picture: PictureToInsert): Promise<InsertedPicture>;
  /** Every Clearframe picture in the document, in document order. */
  listPictures(): Promise<DocumentPicture[]>;
  selectPicture(ref: PictureRef): Promise<void>;
  removePicture(ref: PictureRef): Promise<void>;
  /** Puts another picture in the same place, with its own id, alt text and credit. */
  replacePicture(ref: PictureRef, picture: PictureToInsert): Promise<InsertedPicture>;
}
