// Picks the host adapter from Office.context.host, after Office.onReady.

import type { HostAdapter } from './host-adapter.js';
import type { OfficeNamespace, PowerPointNamespace, WordNamespace } from './office-env.js';
import { createPowerPointAdapter } from './powerpoint.js';
import { createWordAdapter } from './word.js';

export interface DetectEnv {
  office: OfficeNamespace & { context: { host: Office.HostType | string | null } };
  word?: WordNamespace | undefined;
  powerpoint?: PowerPointNamespace | undefined;
}

/**
 * The adapter for the running host, or null outside Word and PowerPoint (another Office
 * application, or a plain browser where office.js reports host null).
 */
export function detectHost(env: DetectEnv = globalEnv()): HostAdapter | null {
  const host = env.office.context.host;
  if (host === 'Word' && env.word) return createWordAdapter({ word: env.word, office: env.office });
  if (host === 'PowerPoint' && env.powerpoint) {
    return createPowerPointAdapter({ powerpoint: env.powerpoint, office: env.office });
  }
  return null;
}

function globalEnv(): DetectEnv {
  // The host namespaces exist only inside their application; read them without a ReferenceError.
  const scope = globalThis as {
    Office: DetectEnv['office'];
    Word?: WordNamespace;
    PowerPoint?: PowerPointNamespace;
  };
  return { office: scope.Office, word: scope.Word, powerpoint: scope.PowerPoint };
}
