/**
 * Need-to-know on petitions: roles that see only the petitions sent to their own body (a department's handlers,
 * a township's operators), however wide their scope. Petition officers and leaders see those of their area.
 */
import type { Role } from '../roles.ts';

/** Roles holding petition:read that read only petitions at their own body. */
export const petitionBodyOnly: readonly Role[] = ['handler', 'operator'];
