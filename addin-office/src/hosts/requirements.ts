// Requirement-set checks: an adapter refuses early, in words, instead of failing inside Office.

import { HostError, HostErrorCode } from './host-error.js';
import type { OfficeNamespace } from './office-env.js';

export function requireSet(
  office: OfficeNamespace,
  name: string,
  minVersion: string,
  operation: string,
): void {
  if (!office.context.requirements.isSetSupported(name, minVersion)) {
    throw new HostError(HostErrorCode.unsupported, {
      operation,
      cause: new Error(`${name} ${minVersion} is not supported here`),
    });
  }
}
