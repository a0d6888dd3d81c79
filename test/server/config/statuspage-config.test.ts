import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../server/config/load';
import { referenceProblems } from '../../../server/config/references';
import { sourceSchema } from '../../../server/config/schema';

const page = (fields: object = {}) => ({
  id: 'github',
  type: 'statuspage',
  url: 'https://www.githubstatus.com/api/v2/summary.json',
  components: [{ component: 'Actions', service: 'github-actions' }],
  ...fields,
});

const messageOf = (fields: object) => {
  const result = sourceSchema.safeParse(page(fields));
  return result.success ? null : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
};

describe('a statuspage source in the config', () => {
  it('polls every 2m with a 10s timeout unless told otherwise', () => {
    expect(sourceSchema.parse(page())).toMatchObject({ interval: 120_000, timeout: 10_000 });
  });

  it.each<[string, object, RegExp]>([
    ['an empty component list', { components: [] }, /components: name at least one component/],
    ['no component list', { components: undefined }, /components: expected a list/],
    ['a component without its service', { components: [{ component: 'Actions' }] }, /components\.0\.service/],
    ['an interval faster than vendors allow', { interval: '5s' }, /interval: must be at least 30s/],
    ['an interval over an hour', { interval: '2h' }, /interval: must be at most 1h/],
    ['a timeout over 30s', { timeout: '1m' }, /timeout: must be at most 30s/],
    ['a URL that is not http(s)', { url: 'ftp://status.example.com/summary.json' }, /url: expected an http\(s\) URL/],
  ])('refuses %s', (_name, fields, message) => {
    expect(messageOf(fields)).toMatch(message);
  });

  const services = [{ id: 'github-actions', checks: [{ id: 'github' }] }, { id: 'github-api' }, { id: 'deploys', dependsOn: ['github-actions'] }];

  it('names a service that does not exist, with a suggestion', () => {
    expect(referenceProblems({ services, sources: [page({ components: [{ component: 'API Requests', service: 'github-apii' }] })] })).toEqual([
      { path: ['sources', 0, 'components', 0, 'service'], message: 'no service with id "github-apii"; did you mean "github-api"?' },
    ]);
  });

  it("refuses a source id equal to one of its services' check ids, as for push", () => {
    expect(referenceProblems({ services, sources: [page()] })).toEqual([
      {
        path: ['sources', 0, 'id'],
        message: 'service "github-actions" has a check with the same id; a source\'s id must differ from its services\' check ids',
      },
    ]);
  });

  it('refuses two components on one service', () => {
    const components = [
      { component: 'API Requests', service: 'github-api' },
      { component: 'Webhooks', service: 'github-api' },
    ];
    expect(referenceProblems({ services, sources: [page({ id: 'gh', components })] })).toEqual([
      {
        path: ['sources', 0, 'components', 1, 'service'],
        message: 'service "github-api" is already given a component of this source; a source reports on each service once',
      },
    ]);
  });

  it('takes a service with no checks that only a status page feeds, and one that depends on it', () => {
    const { config } = parseConfig(
      `
services:
  - { id: github-actions, name: GitHub Actions }
  - { id: deploys, name: Deploys, dependsOn: [github-actions] }
sources:
  - id: github
    type: statuspage
    url: https://www.githubstatus.com/api/v2/summary.json
    provider: GitHub
    interval: 2m
    timeout: 10s
    components:
      - { component: "Actions", service: github-actions }
`,
      'board.yaml',
      {},
    );
    expect(config.services[0]!.checks).toEqual([]);
    expect(config.sources[0]).toMatchObject({ type: 'statuspage', provider: 'GitHub', interval: 120_000 });
  });
});
