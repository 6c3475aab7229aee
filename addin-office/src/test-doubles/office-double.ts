// Test double of the Office common namespace (requirements, setSelectedDataAsync).
//
// A plain object, not an OfficeMockObject: the Common API has no load/sync, and the mock would
// demand load() before its constants (CoercionType.Image) could be read.

import type { OfficeNamespace } from '../hosts/office-env.js';

export interface OfficeDoubleOptions {
  /** Requirement sets this double claims, name → highest version. */
  sets: Record<string, string>;
  /** What setSelectedDataAsync does with an image; omitted: it fails as unsupported. */
  insertImage?: (base64: string, options: Office.SetSelectedDataOptions) => void;
  /** When set, setSelectedDataAsync fails with this Office.Error. */
  insertError?: { code: number; name: string; message: string };
}

export interface OfficeDouble extends OfficeNamespace {
  /** Every setSelectedDataAsync call, in order. */
  readonly dataCalls: { data: string; options: Office.SetSelectedDataOptions }[];
}

export function officeDouble(options: OfficeDoubleOptions): OfficeDouble {
  const dataCalls: OfficeDouble['dataCalls'] = [];
  const failed = { status: 'failed' } as const;
  return {
    dataCalls,
    CoercionType: { Image: 'image' },
    AsyncResultStatus: { Failed: 'failed' },
    context: {
      requirements: {
        isSetSupported(name, minVersion = '1.1') {
          const have = options.sets[name];
          return have !== undefined && compareVersions(have, minVersion) >= 0;
        },
      },
      document: {
        setSelectedDataAsync(data, dataOptions, callback) {
          dataCalls.push({ data, options: dataOptions });
          const error =
            options.insertError ??
            (options.insertImage
              ? undefined
              : { code: 1000, name: 'Invalid Coercion Type', message: '' });
          if (error) {
            callback({
              ...failed,
              error,
              value: undefined,
              asyncContext: undefined,
            } as unknown as Office.AsyncResult<void>);
            return;
          }
          options.insertImage?.(data, dataOptions);
          callback({
            status: 'succeeded',
            value: undefined,
          } as unknown as Office.AsyncResult<void>);
        },
      },
    },
  };
}

function compareVersions(a: string, b: string): number {
  const [aMajor = 0, aMinor = 0] = a.split('.').map(Number);
  const [bMajor = 0, bMinor = 0] = b.split('.').map(Number);
  return aMajor - bMajor || aMinor - bMinor;
}
