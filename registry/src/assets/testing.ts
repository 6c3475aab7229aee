// Test helpers for assets: pictures made with sharp, persons, and callers of other roles and
// organisations. Imported by *.test.ts only.
import sharp from 'sharp';
import type { Exif } from 'sharp';
import { createApiKey } from '../auth/keys.js';
import { hashPassword } from '../auth/passwords.js';
import { createUser } from '../auth/users.js';
import type { Role } from '../db/schema.js';
import { runWrite } from '../db/write.js';
import { createOrganisation } from '../orgs/create-organisation.js';
import type { TestRegistry } from '../test-support/test-registry.js';
import { IdPrefix, newId } from '../util/ids.js';

/** EXIF with a GPS position and a camera, as a phone writes it. */
export const PHONE_EXIF: Exif = {
  IFD0: { Make: 'TestCam', Model: 'Phone 1' },
  IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '59/1 19/1 0/1', GPSMapDatum: 'WGS-84' },
};

export interface PictureOptions {
  width: number;
  height: number;
  format: 'jpeg' | 'png' | 'webp';
  /** EXIF orientation (6: stored sideways, shown turned 90° clockwise). */
  orientation?: number;
  exif?: Exif;
  alpha?: boolean;
}

export async function makePicture(options: PictureOptions): Promise<Uint8Array<ArrayBuffer>> {
  let image = sharp({
    create: {
      width: options.width,
      height: options.height,
      channels: options.alpha === true ? 4 : 3,
      background: options.alpha === true ? { r: 40, g: 90, b: 160, alpha: 0.5 } : '#285aa0',
    },
  });
  if (options.orientation !== undefined)
    image = image.withMetadata({ orientation: options.orientation });
  if (options.exif !== undefined) image = image.withExifMerge(options.exif);
  const bytes =
    options.format === 'jpeg'
      ? await image.jpeg().toBuffer()
      : options.format === 'png'
        ? await image.png().toBuffer()
        : await image.webp().toBuffer();
  return new Uint8Array(bytes);
}

/** A multipart upload body: the file and, when given, the JSON metadata part. */
export function uploadForm(bytes: Uint8Array, metadata?: object, filename = 'picture.jpg') {
  const form = new FormData();
  form.set('file', new Blob([bytes as Uint8Array<ArrayBuffer>]), filename);
  if (metadata !== undefined) form.set('metadata', JSON.stringify(metadata));
  return form;
}

/** A session cookie header of a new user with this role in the registry's organisation. */
export async function signInAs(
  registry: TestRegistry,
  role: Role,
  orgId = registry.orgId,
): Promise<Record<string, string>> {
  const email = `${role}-${newId(IdPrefix.user)}@example.org`;
  const password = 'a long enough test password';
  const passwordHash = await hashPassword(password);
  await runWrite(registry.db, { orgId, actor: 'system:test', now: new Date() }, (w) =>
    createUser(w, { email, name: `Test ${role}`, role, passwordHash }),
  );
  const login = await registry.request('/v1/auth/login', {
    method: 'POST',
    json: { email, password },
  });
  if (login.status !== 200) throw new Error(`login failed: ${login.status}`);
  return { cookie: (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '' };
}

/** A second organisation with an editor key and a consent manager's session. */
export async function otherOrganisation(registry: TestRegistry) {
  const { id: orgId } = await createOrganisation(registry.db, { name: 'Other organisation' });
  const editorKey = await runWrite(
    registry.db,
    { orgId, actor: 'system:test', now: new Date() },
    (w) => createApiKey(w, { kind: 'editor', name: 'Other editor', createdBy: null }),
  );
  return {
    orgId,
    editor: { authorization: `Bearer ${editorKey.secret}` },
    consentManager: await signInAs(registry, 'consent_manager', orgId),
  };
}

/** Inserts a person straight into the table (the persons API is another resource's). */
export async function insertPerson(
  registry: TestRegistry,
  name: string,
  orgId = registry.orgId,
): Promise<string> {
  const id = newId(IdPrefix.person);
  const now = new Date().toISOString();
  await registry.db
    .insertInto('persons')
    .values({
      id,
      org_id: orgId,
      name,
      email: null,
      phone: null,
      birth_date: null,
      deceased_on: null,
      guardians: null,
      protected_identity: 0,
      objected_at: null,
      erased_at: null,
      created_at: now,
      updated_at: now,
      version: 1,
    })
    .execute();
  return id;
}
