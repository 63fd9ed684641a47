import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT_SCOPE } from '../../../core/region-code.ts';
import { systemActor } from '../../lib/actor.ts';
import { createTestEnv, fixture, seedFixture, type TestEnv } from '../../test/harness.ts';
import { createToken, listTokens } from './tokens.service.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
  await seedFixture(env.ctx);
});
afterAll(() => env?.close());

describe('tokens name their area', () => {
  it('answers the scope by name beside its code, at issue and in the list', async () => {
    const root = systemActor(ROOT_SCOPE, 'test');
    const issued = await createToken(env.ctx, root, { name: '12345热线', scopeCode: fixture.villageA });
    expect(issued).toMatchObject({ scopeCode: fixture.villageA, scopeName: '团结村' });
    const listed = await listTokens(env.ctx, systemActor(fixture.county, 'test'));
    expect(listed.find((t) => t.id === issued.id)).toMatchObject({ scopeName: '团结村' });
  });
});
