/** What every demo seeding module shares: a clock it moves by hand, a demo account as an actor, whether PDFs can be drawn. */
import type { AppContext } from '../lib/context.ts';
import type { Actor } from '../lib/actor.ts';
import type { Clock } from '../lib/clock.ts';
import type { Role } from '../../core/roles.ts';
import { findAccountByUsername } from '../modules/users/users.service.ts';
import { findFonts } from '../lib/pdf/fonts.ts';

/** A clock the seeding moves by hand, so services stamp the days the demo story happens on. */
export class SeedClock implements Clock {
  constructor(public t: number) {}
  now() {
    return new Date(this.t);
  }
}

/** A demo account as the actor the services expect. @throws when the account is missing (seed order) */
export async function demoActor(ctx: AppContext, username: string): Promise<Actor> {
  const u = await findAccountByUsername(ctx.db, username);
  if (!u) throw new Error(`demo account ${username} is missing`);
  return { kind: 'user', id: u.id, name: u.username, role: u.role as Role, scopeCode: u.scopeCode, departmentId: u.departmentId };
}

/** True when the PDF fonts are installed (a petition's later steps issue documents). */
export function pdfFontsPresent(): boolean {
  try {
    findFonts();
    return true;
  } catch {
    return false;
  }
}
