/** Password hashing with argon2id (memory-hard), at OWASP's recommended minimum cost. */
import argon2 from 'argon2';

const options = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Hashes a password (PHC string with salt and parameters). */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, options);
}

/** True when the password matches the stored hash. */
export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** A hash of a random value, verified against for unknown users so timing does not reveal them. */
export const dummyHash = hashPassword('not-a-real-password-' + Math.random());
