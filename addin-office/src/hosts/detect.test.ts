import { describe, expect, it } from 'vitest';
import { officeDouble } from '../test-doubles/office-double.js';
import { powerPointDouble } from '../test-doubles/powerpoint-double.js';
import { wordDouble } from '../test-doubles/word-double.js';
import { detectHost } from './detect.js';

const inHost = (host: string | null) => {
  const office = officeDouble({ sets: {} });
  return { ...office, context: { ...office.context, host } };
};

describe('picking the host adapter', () => {
  it('uses the Word adapter in Word and the PowerPoint adapter in PowerPoint', () => {
    const env = { word: wordDouble().word, powerpoint: powerPointDouble().powerpoint };

    expect(detectHost({ ...env, office: inHost('Word') })?.kind).toBe('word');
    expect(detectHost({ ...env, office: inHost('PowerPoint') })?.kind).toBe('powerpoint');
  });

  it('finds no adapter outside Word and PowerPoint', () => {
    expect(detectHost({ office: inHost(null) })).toBeNull();
    expect(detectHost({ office: inHost('Excel'), word: wordDouble().word })).toBeNull();
  });
});
