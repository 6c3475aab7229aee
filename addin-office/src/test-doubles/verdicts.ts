// Verdicts as the registry would serve them (spec §6), for the pane's tests.

import type { Reason, Verdict } from '@clearframe/core';

const base: Verdict = {
  status: 'approved',
  channels: ['presentation', 'print'],
  approvedUntil: null,
  nextCheckAt: null,
  coverage: 'complete',
  reasons: [],
  warnings: [],
};

export const approved = (): Verdict => ({ ...base });

/** Expiring: approved until `approvedUntil` (an instant), inside the warning window. */
export const expiring = (approvedUntil: string): Verdict => ({
  ...base,
  status: 'expiring',
  approvedUntil,
  nextCheckAt: approvedUntil,
});

export const blocked = (...reasons: Reason[]): Verdict => ({
  ...base,
  status: 'blocked',
  channels: [],
  coverage: 'partial',
  reasons,
});
