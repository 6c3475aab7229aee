import { describe, expect, it } from 'vitest';
import { MEDIA } from '../test-doubles/approvals-double.js';

describe('the embed entry', () => {
  it('registers <cf-image> alone and hides marked images on load', async () => {
    const img = document.createElement('img');
    img.dataset['cfAsset'] = 'ast_1';
    img.src = MEDIA.src;
    img.alt = '';
    document.body.append(img);
    await import('./cf-embed.js');
    expect(customElements.get('cf-image')).toBeTruthy();
    expect(customElements.get('cf-picker')).toBeUndefined();
    // No registry configured on the page: it stays hidden (fail closed).
    expect(getComputedStyle(img).display).toBe('none');
    img.remove();
  });
});
