import { describe, expect, it } from 'vitest';
import { can, roles } from '../roles.ts';
import { patrolOwnOnly } from './need-to-know.ts';

describe('who sees only their own patrols', () => {
  it('is every role that records patrols without the right to read tracks', () => {
    expect([...patrolOwnOnly].sort()).toEqual(roles.filter((r) => can(r, 'field:record') && !can(r, 'field:track')).sort());
  });
});
