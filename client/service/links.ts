/** One of a service's links, ready to show. */
export interface ServiceLink {
  /** The key it has in the config: `runbook`, `repo`, `dashboard`… */
  label: string;
  /** The value as written. */
  value: string;
  /** The value when it is an http(s) URL, safe for an anchor; null otherwise (shown as text). */
  href: string | null;
}

/** The value as an anchor target when it is an absolute http(s) URL; `javascript:` and the like never are. */
export function safeHref(value: string): string | null {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** The runbook, which a responder needs first, apart; the other links in config order. */
export function serviceLinks(links: Record<string, string>): { runbook: ServiceLink | null; others: ServiceLink[] } {
  const all = Object.entries(links).map(([label, value]) => ({ label, value, href: safeHref(value) }));
  return { runbook: all.find((l) => l.label === 'runbook') ?? null, others: all.filter((l) => l.label !== 'runbook') };
}
