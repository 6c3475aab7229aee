// Per-user storage for the pane's settings and the editor key: never inside the document.
//
// Office.context.roamingSettings is the Office API for per-user add-in settings, but Office
// documents it for Outlook only (Mailbox 1.1); Word and PowerPoint leave it undefined. There the
// documented alternative is the browser's localStorage, keyed with Office.context.partitionKey.
// Office.context.document.settings would write into the file and travel with it: not used.

export interface UserStore {
  readonly kind: 'roaming' | 'local';
  get(name: string): string | undefined;
  set(name: string, value: string): Promise<void>;
  remove(name: string): Promise<void>;
}

/** The slice of Office.context this module reads. */
export interface UserStoreOffice {
  context: {
    partitionKey?: string | undefined;
    roamingSettings?:
      Pick<Office.RoamingSettings, 'get' | 'set' | 'remove' | 'saveAsync'> | undefined;
  };
}

export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export function createUserStore(office: UserStoreOffice, storage: KeyValueStorage): UserStore {
  const roaming = office.context.roamingSettings;
  return roaming ? roamingStore(roaming) : localStore(office.context.partitionKey, storage);
}

function roamingStore(
  roaming: NonNullable<UserStoreOffice['context']['roamingSettings']>,
): UserStore {
  const save = (): Promise<void> =>
    new Promise((resolve, reject) => {
      roaming.saveAsync((result) => {
        if (String(result.status) === 'failed') reject(result.error);
        else resolve();
      });
    });
  return {
    kind: 'roaming',
    get: (name) => {
      const value: unknown = roaming.get(name);
      return typeof value === 'string' ? value : undefined;
    },
    set: async (name, value) => {
      roaming.set(name, value);
      await save();
    },
    remove: async (name) => {
      roaming.remove(name);
      await save();
    },
  };
}

function localStore(partitionKey: string | undefined, storage: KeyValueStorage): UserStore {
  // partitionKey is undefined where the webview does not partition storage (Windows desktop).
  const key = (name: string): string => (partitionKey ? `${partitionKey}${name}` : name);
  return {
    kind: 'local',
    get: (name) => storage.getItem(key(name)) ?? undefined,
    set: async (name, value) => storage.setItem(key(name), value),
    remove: async (name) => storage.removeItem(key(name)),
  };
}
