import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { matrixInDoc, roleMatrix, SECURITY_DOC } from '../../scripts/role-matrix.ts';

describe('docs/security.md', () => {
  it('holds the role matrix generated from the actions’ access declarations', () => {
    // Regenerate with `npm run docs:roles` after changing an action's access.
    expect(matrixInDoc(readFileSync(SECURITY_DOC, 'utf8'))).toBe(roleMatrix());
  });
});
