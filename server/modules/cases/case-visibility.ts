/**
 * The one filter every read of cases goes through (direct reads, lists and inboxes, search, duplicate
 * suggestions, exports): the reader's region scope plus need-to-know for private cases
 * (core/cases/need-to-know.ts). A case the reader may not read answers as missing and is absent from lists.
 */
import { inScope } from '../../../core/region-code.ts';
import { mayReadCase, privateCaseAccess, type CaseReader, type PrivateCaseAccess } from '../../../core/cases/need-to-know.ts';
import type { Actor } from '../../lib/actor.ts';
import { scopePrefix } from '../../lib/access.ts';
import type { AppContext } from '../../lib/context.ts';
import type { Executor } from '../../db/client.ts';
import * as catalog from '../catalog/catalog.service.ts';
import type { CaseRow } from './cases.repository.ts';

/** What the repository needs to filter cases for one reader. */
export interface CaseView {
  reader: CaseReader;
  /** Cases placed under this prefix ('' = everywhere). */
  scopePrefix: string;
  access: PrivateCaseAccess;
  privateCategoryIds: ReadonlySet<string>;
}

/**
 * The view of a staff member or integration (system actors read everything in their scope). Build it before
 * a transaction when possible (cached); pass `tx` only when already inside one (read directly).
 */
export async function caseViewOf(ctx: AppContext, actor: Actor, tx?: Executor): Promise<CaseView> {
  const reader: CaseReader = { id: actor.id, role: actor.role, scopeCode: actor.scopeCode, departmentId: actor.departmentId ?? null };
  return { reader, scopePrefix: scopePrefix(actor), access: actor.kind === 'system' ? 'scope' : privateCaseAccess[actor.role], privateCategoryIds: await catalog.privateCategoryIds(ctx, tx) };
}

/** True when the view may read this case (the same rule the repository writes as SQL). */
export function canRead(view: CaseView, c: CaseRow): boolean {
  if (!inScope(view.reader.scopeCode, c.villageCode)) return false;
  return view.access === 'scope' || mayReadCase(view.reader, c, view.privateCategoryIds);
}
