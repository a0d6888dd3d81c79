import type { Contact } from '../../shared/api';
import { safeHref } from './links';

/** One way to reach a person, ready to show. */
export interface ContactLink {
  kind: 'email' | 'phone' | 'slack';
  /** The value as the schedule gave it. */
  text: string;
  /** A `mailto:`, `tel:` or https address safe for an anchor; null when the value is none of those (shown as text). */
  href: string | null;
}

// Nothing that could add headers or a second address to a mailto: (`?`, `&`, `,`, spaces…).
const EMAIL = /^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;
// Digits with the usual separators; the link keeps the digits and a leading +.
const PHONE = /^\+?[0-9][0-9 ().-]{2,}$/;

/** Email, phone, Slack, in that order, each only when known. Pure. */
export function contactLinks(contact: Contact): ContactLink[] {
  const links: ContactLink[] = [];
  if (contact.email) {
    links.push({ kind: 'email', text: contact.email, href: EMAIL.test(contact.email) ? `mailto:${contact.email}` : null });
  }
  if (contact.phone) {
    const phone = contact.phone.trim();
    const digits = phone.replace(/[^0-9]/g, '');
    links.push({ kind: 'phone', text: contact.phone, href: PHONE.test(phone) ? `tel:${phone.startsWith('+') ? '+' : ''}${digits}` : null });
  }
  // A handle (@alice) or member id is shown as text; a workspace URL becomes a link.
  if (contact.slack) links.push({ kind: 'slack', text: contact.slack, href: safeHttpsHref(contact.slack) });
  return links;
}

function safeHttpsHref(value: string): string | null {
  const href = safeHref(value);
  return href && href.startsWith('https:') ? href : null;
}
