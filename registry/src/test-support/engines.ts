// The engines every database test runs on, for `describe.each(ENGINES)`.
import type { Engine } from '../db/open.js';

export const ENGINES: readonly Engine[] = ['sqlite', 'postgres'];
