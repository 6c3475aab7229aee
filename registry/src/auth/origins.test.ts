import { describe, expect, it } from 'vitest';
import { isOriginPattern, originAllowed } from './origins.js';

describe('origin allow-lists', () => {
  const patterns = ['https://example.org', 'http://localhost:*', 'https://app.example.org:8443'];

  it('accepts listed origins and any port where the pattern says *', () => {
    expect(originAllowed('https://example.org', patterns)).toBe(true);
    expect(originAllowed('http://localhost:5173', patterns)).toBe(true);
    expect(originAllowed('http://localhost', patterns)).toBe(true);
    expect(originAllowed('https://app.example.org:8443', patterns)).toBe(true);
  });

  it('refuses other schemes, hosts, ports, paths and missing origins', () => {
    expect(originAllowed('http://example.org', patterns)).toBe(false);
    expect(originAllowed('https://evil.example.org', patterns)).toBe(false);
    expect(originAllowed('https://example.org.evil.com', patterns)).toBe(false);
    expect(originAllowed('https://app.example.org', patterns)).toBe(false);
    expect(originAllowed('https://example.org/path', patterns)).toBe(false);
    expect(originAllowed('null', patterns)).toBe(false);
    // Browsers serialise origins without the default port; anything else is not an Origin.
    expect(originAllowed('https://example.org:443', patterns)).toBe(false);
    expect(originAllowed(undefined, patterns)).toBe(false);
  });

  it('knows which patterns it understands', () => {
    expect(patterns.every(isOriginPattern)).toBe(true);
    expect(isOriginPattern('https://*.example.org')).toBe(false);
    expect(isOriginPattern('https://example.org/')).toBe(false);
    expect(isOriginPattern('ftp://example.org')).toBe(false);
  });
});
