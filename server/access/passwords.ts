import { hash, verify } from '@node-rs/argon2';

/**
 * argon2id as OWASP recommends it (19 MiB, 2 passes, 1 lane): about 30 ms a try here,
 * so a guessing attacker gets little from each, on top of the rate limit.
 */
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** The PHC string of `password`, for `access.users[].passwordHash`. */
export const hashPassword = (password: string): Promise<string> => hash(password, OPTIONS);

/** A hash of nothing anyone types, checked for an unknown user so the answer takes as long. */
let decoy: Promise<string> | null = null;

/**
 * Whether `password` matches `stored`; with no stored hash (no such user) a decoy is
 * checked instead, so that the time taken does not say which users exist.
 */
export async function passwordMatches(password: string, stored: string | undefined): Promise<boolean> {
  if (stored === undefined) {
    decoy ??= hashPassword(`decoy-${Math.random()}`);
    await verify(await decoy, password).catch(() => false);
    return false;
  }
  return verify(stored, password).catch(() => false);
}
