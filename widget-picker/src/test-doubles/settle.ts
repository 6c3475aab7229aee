// Browser tests: waiting for <cf-picker> to finish rendering.
import type { CfPicker } from '../picker/cf-picker.js';

export const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));

/**
 * Lets the task, Lit and the virtualizer finish: the virtualizer lays out over frames, as many
 * as a loaded machine needs, so this waits until the rendered grid stays the same for two
 * frames (at least four frames, at most a hundred).
 */
export async function settle(picker: CfPicker): Promise<void> {
  let previous = '';
  let same = 0;
  for (let i = 0; i < 100 && (i < 4 || same < 2); i++) {
    await picker.updateComplete;
    await frame();
    const now = picker.shadowRoot?.innerHTML ?? '';
    same = now === previous ? same + 1 : 0;
    previous = now;
  }
}
