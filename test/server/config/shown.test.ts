import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../../server/config/load';

describe('values from the environment in names and links', () => {
  const yaml = `people:
  - { id: alice, name: "Alice \${TOKEN}" }
teams:
  - { id: ops, name: "Ops \${TOKEN}" }
services:
  - id: api
    name: "API \${TOKEN}"
    team: ops
    links: { dashboard: "https://grafana.example/d/abc?auth_token=\${TOKEN}" }
    checks:
      - id: health
        name: "health \${TOKEN}"
        type: http
        url: "http://127.0.0.1:9000/health?key=\${TOKEN}"
`;
  const { config } = parseConfig(yaml, 'board.yaml', { TOKEN: 'tok en/+é' });

  it('are masked once, at load, since they are only ever shown', () => {
    expect(config.people[0]!.name).toBe('Alice ***');
    expect(config.teams[0]!.name).toBe('Ops ***');
    const service = config.services[0]!;
    expect(service.name).toBe('API ***');
    expect(service.links).toEqual({ dashboard: 'https://grafana.example/d/abc?auth_token=***' });
    expect(service.checks[0]!.name).toBe('health ***');
  });

  it('stay as they are where a check needs them to probe', () => {
    const check = config.services[0]!.checks[0]!;
    expect(check.type === 'http' && check.url).toBe('http://127.0.0.1:9000/health?key=tok en/+é');
  });
});

describe('values from the environment in config problems', () => {
  it('are masked in the field as well as in the message', () => {
    try {
      parseConfig('services:\n  - id: a\n    name: A\n    "${TOKEN}": 1\n', 'board.yaml', { TOKEN: 'tok en/+é' });
    } catch (error) {
      const text = JSON.stringify((error as ConfigError).problems) + (error as Error).message;
      expect(text).toContain('***');
      expect(text).not.toContain('tok en');
      return;
    }
    throw new Error('expected a ConfigError');
  });
});
