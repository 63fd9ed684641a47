/** Who is signed in, in words, without saying a place or a role twice. */
import type { TFunction } from 'i18next';
import type { Me } from '../../../../core/schemas/auth.schema';

/** The user's name, then the role and the scope where the name does not already hold them (浩门镇 受理员). */
export function whoText(me: Pick<Me, 'displayName' | 'role' | 'scopeName'>, t: TFunction): string {
  const role = t(`role.${me.role}`);
  return [me.displayName, me.displayName.includes(role) ? null : role, me.displayName.includes(me.scopeName) ? null : me.scopeName].filter(Boolean).join(' · ');
}
