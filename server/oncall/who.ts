import type { OncallPerson } from '../../shared/api';
import type { OncallIdentity } from './types';

/** A person of the config's `people:`. */
export interface KnownPerson {
  id: string;
  name: string;
  contact?: { email?: string | undefined; slack?: string | undefined; phone?: string | undefined } | undefined;
}

/** Only the parts of a contact that are set: a board never shows an empty field. */
function contactOf(person: KnownPerson): OncallPerson['contact'] {
  const { email, slack, phone } = person.contact ?? {};
  return { ...(email ? { email } : {}), ...(slack ? { slack } : {}), ...(phone ? { phone } : {}) };
}

/**
 * Turns what a provider says into a person as boards show them. A person of the config is
 * found by id, or by email (case ignored) for a calendar or scheduler that knows only that,
 * and shows with the contact details from `people:`. Pure.
 */
export function resolvePerson(who: OncallIdentity, people: readonly KnownPerson[]): OncallPerson {
  const email = who.email?.trim().toLowerCase();
  const known =
    (who.personId === undefined ? undefined : people.find((p) => p.id === who.personId)) ??
    (email ? people.find((p) => p.contact?.email?.toLowerCase() === email) : undefined);
  if (known) return { id: known.id, name: known.name, contact: contactOf(known) };
  return { id: null, name: who.name?.trim() || who.email || who.personId || 'someone unnamed', contact: who.email ? { email: who.email } : {} };
}

/** Whether two identities are the same person, so a handoff between them is no handoff. */
export function samePerson(a: OncallPerson | null, b: OncallPerson | null): boolean {
  if (a === null || b === null) return a === b;
  if (a.id !== null || b.id !== null) return a.id === b.id;
  return a.name === b.name && a.contact.email === b.contact.email;
}
