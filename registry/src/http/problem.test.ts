import { describe, expect, it } from 'vitest';
import { GoneError } from '../errors/gone-error.js';
import { toProblem } from './problem.js';

describe('problems', () => {
  it('maps gone to 410 Gone', () => {
    expect(toProblem(new GoneError('This picture may no longer be shown here'))).toEqual({
      type: 'urn:clearframe:problem:gone',
      title: 'Gone',
      status: 410,
      detail: 'This picture may no longer be shown here',
      code: 'gone',
    });
  });
});
