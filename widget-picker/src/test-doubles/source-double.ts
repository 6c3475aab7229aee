// A double of a picker source: fixed items, and verdict changes the test pushes.
import type { PickerItem, PickerSource, PickerVerdict } from '../picker/types.js';

export class SourceDouble implements PickerSource {
  readonly items: PickerItem[];
  private readonly callbacks = new Set<(changed: ReadonlyMap<string, PickerVerdict>) => void>();

  constructor(items: PickerItem[]) {
    this.items = items;
  }

  async list(): Promise<PickerItem[]> {
    return this.items;
  }

  watch(_channel: string, callback: (changed: ReadonlyMap<string, PickerVerdict>) => void) {
    this.callbacks.add(callback);
    return () => this.callbacks.delete(callback);
  }

  change(id: string, verdict: PickerVerdict): void {
    for (const callback of this.callbacks) callback(new Map([[id, verdict]]));
  }
}

/** Demo-like items: approved, expiring and blocked pictures. */
export function demoItems(): PickerItem[] {
  return [
    {
      id: 'ast_lucia',
      title: 'Lucia concert',
      tags: ['music', 'class 4B'],
      verdict: { status: 'approved', approvedUntil: null },
    },
    {
      id: 'ast_sports',
      title: 'Sports day',
      tags: ['outdoor'],
      verdict: { status: 'expiring', approvedUntil: '2027-07-01T00:00:00.000Z' },
    },
    {
      id: 'ast_grad',
      title: 'Graduation',
      tags: ['ceremony'],
      personNames: ['Inés Holm'],
      verdict: { status: 'blocked', approvedUntil: null, reasons: [{ code: 'consent_revoked' }] },
    },
    {
      id: 'ast_library',
      title: 'Library reading hour',
      tags: ['reading'],
      verdict: { status: 'approved', approvedUntil: null },
    },
  ];
}

/** `count` approved items, for the virtualization test. */
export function manyItems(count: number): PickerItem[] {
  return Array.from({ length: count }, (_, index) => ({
    id: `ast_${index}`,
    title: `Picture ${index}`,
    tags: [index % 2 ? 'odd' : 'even'],
    verdict: { status: 'approved', approvedUntil: null } as const,
  }));
}
