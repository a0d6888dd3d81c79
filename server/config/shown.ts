import type { Config } from './schema';

/**
 * The config with every value from the environment masked in what is only ever shown:
 * names, links, tags and maintenance reasons. The server uses them for nothing else, and every board, page and
 * API answer shows them to anyone who may watch, so they are masked once, here.
 */
export function maskShownFields(config: Config, redact: (text: string) => string): Config {
  const links = (record: Record<string, string>) => Object.fromEntries(Object.entries(record).map(([name, url]) => [redact(name), redact(url)]));
  return {
    ...config,
    people: config.people.map((person) => ({ ...person, name: redact(person.name) })),
    teams: config.teams.map((team) => ({ ...team, name: redact(team.name) })),
    services: config.services.map((service) => ({
      ...service,
      name: redact(service.name),
      links: links(service.links),
      checks: service.checks.map((check) => (check.name === undefined ? check : { ...check, name: redact(check.name) })),
      ...(service.tags && { tags: service.tags.map(redact) }),
    })),
    maintenance: config.maintenance.map((window) => ({ ...window, reason: redact(window.reason) })),
    views: config.views.map((view) => ({ ...view, name: redact(view.name) })),
  };
}
