import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ConfigError, parseConfig } from '../../../server/config/load';

const root = join(import.meta.dirname, '..', '..', '..');
const pages = [
  'README.md',
  'docs/connect-monitoring.md',
  'docs/paging.md',
  'docs/paging/README.md',
  'docs/uptime.md',
  ...readdirSync(join(root, 'docs/checks')).map((name) => join('docs/checks', name)),
];

/** The YAML blocks of a page that a user could copy as a whole config or as a list of checks. */
function examples(page: string): Array<{ name: string; config: string }> {
  const text = readFileSync(join(root, page), 'utf8');
  const blocks = [...text.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);
  return blocks.flatMap((block, index) => {
    const name = `${page} example ${index + 1}`;
    const value: unknown = parse(block);
    if (value && typeof value === 'object' && ('services' in value || 'teams' in value)) return [{ name, config: block }];
    const isCheckList = Array.isArray(value) && value.every((item) => item && typeof item === 'object' && 'type' in item);
    if (!isCheckList) return []; // a fragment showing one field
    const indented = block.replace(/^/gm, '      ');
    return [{ name, config: `services:\n  - id: example\n    name: Example\n    checks:\n${indented}` }];
  });
}

// What a user would set the variables an example names to: a URL of the example's kind.
const URL_BY_TYPE: Record<string, string> = {
  postgres: 'postgres://reader:pw@127.0.0.1:5432/orders',
  mysql: 'mysql://reader:pw@127.0.0.1:3306/shop',
  redis: 'redis://:pw@127.0.0.1:6379/0',
};

function envFor(config: string): Record<string, string> {
  const type = /type: (\w+)/.exec(config)?.[1] ?? '';
  const value = (name: string) =>
    name.endsWith('_URL') ? (URL_BY_TYPE[type] ?? 'https://example.com/') : name.endsWith('_PD_KEY') ? 'R0UTINGKEY0123456789abcdefABCDEF' : `value-of-${name}`;
  return new Proxy({}, { get: (_, name) => (typeof name === 'string' ? value(name) : undefined), has: () => true });
}

describe('the examples in the documentation are valid configs', () => {
  const all = pages.flatMap(examples);

  it('finds an example on every check page', () => {
    for (const page of pages.filter((p) => p.startsWith('docs/checks/') && !p.endsWith('README.md'))) {
      expect(
        all.some((e) => e.name.startsWith(page)),
        page,
      ).toBe(true);
    }
  });

  it.each(all.map((e) => [e.name, e.config]))('%s', (_name, config) => {
    try {
      parseConfig(config, 'example.yaml', envFor(config));
    } catch (error) {
      if (error instanceof ConfigError) throw new Error(error.message);
      throw error;
    }
  });
});
