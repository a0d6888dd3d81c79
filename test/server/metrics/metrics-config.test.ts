import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig, type ConfigProblem } from '../../../server/config/load';

function problemsOf(yaml: string, env: Record<string, string> = {}): ConfigProblem[] {
  try {
    parseConfig(yaml, 'board.yaml', env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected the config to be rejected');
}

describe('the metrics section of the config', () => {
  it('is optional: without it /metrics has no token', () => {
    expect(parseConfig('', 'board.yaml', {}).config.metrics).toEqual({});
  });

  it('takes its token from the environment, as a secret', () => {
    const loaded = parseConfig('metrics:\n  token: ${METRICS_TOKEN}\n', 'board.yaml', { METRICS_TOKEN: 'scrape-me-4f8a1c2e9d7b' });
    expect(loaded.config.metrics.token).toBe('scrape-me-4f8a1c2e9d7b');
    expect(loaded.secrets).toContain('scrape-me-4f8a1c2e9d7b');
  });

  it('refuses a token shorter than 16 characters, naming the field and the line', () => {
    expect(problemsOf('metrics:\n  token: ${METRICS_TOKEN}\n', { METRICS_TOKEN: 'short' })).toEqual([
      { line: 2, field: 'metrics.token', message: 'must be at least 16 characters: anyone who knows it can read the metrics' },
    ]);
  });

  it('refuses an unknown field, naming the one meant', () => {
    expect(problemsOf('metrics:\n  tokn: abcdefghijklmnopqrstu\n')).toEqual([
      { line: 2, field: 'metrics.tokn', message: 'unknown field "tokn"; did you mean "token"?' },
    ]);
  });
});
