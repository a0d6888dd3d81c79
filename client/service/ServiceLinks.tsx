import { serviceLinks, type ServiceLink } from './links';

/** The runbook first and big, where a responder looks for it; the other links after it. */
export function ServiceLinks({ links }: { links: Record<string, string> }) {
  const { runbook, others } = serviceLinks(links);
  if (!runbook && others.length === 0) return null;
  return (
    <nav className="service-links" aria-label="Links">
      {runbook && <LinkOut link={runbook} className="runbook-link" text="Runbook" />}
      {others.length > 0 && (
        <ul className="other-links">
          {others.map((link) => (
            <li key={link.label}>
              <LinkOut link={link} className="other-link" text={link.label} />
            </li>
          ))}
        </ul>
      )}
    </nav>
  );
}

// Only http(s) becomes an anchor: a `javascript:` URL in a config must never run on click.
function LinkOut({ link, className, text }: { link: ServiceLink; className: string; text: string }) {
  if (!link.href) {
    return (
      <span className={`${className} link-text`}>
        {`${text}: `}
        <code>{link.value}</code>
      </span>
    );
  }
  return (
    <a className={className} href={link.href} target="_blank" rel="noopener noreferrer">
      {text}
      <span aria-hidden="true"> ↗</span>
    </a>
  );
}
