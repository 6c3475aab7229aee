// The approvals service: what surfaces ask, kept right as time passes and the registry changes.
// One entry for both modes over the editor's cache; a public page uses createPublicApprovals.
import { createEditorApprovals } from './editor-approvals.js';
import { createPublicApprovals } from './public-approvals.js';
import type { Approvals, ApprovalsOptions } from './types.js';

export { APPROVALS_DEFAULTS } from './service.js';

export function createApprovals(options: ApprovalsOptions): Approvals {
  return options.mode === 'public'
    ? createPublicApprovals(options)
    : createEditorApprovals(options);
}
