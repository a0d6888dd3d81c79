import { describe, expect, it } from 'vitest';
import { oncallProviders } from '../../../server/oncall/registry';
import type { OncallProviderType } from '../../../server/oncall/types';

/** A valid config of each registered provider. Every provider added needs one here. */
const VALID: Record<string, unknown> = {
  pagerduty: { token: 'pd-token-for-the-shape-test', scheduleId: 'PI7DH85' },
  goalert: { url: 'https://goalert.example.com', token: 'goalert-token-for-the-shape-test', scheduleId: '6a4f2c1e-0d6b-4a51-9d5e-2f1c3b7a8e90' },
  ics: { url: 'https://calendar.example.com/private-4f1b2a9e8d7c6b5a/oncall.ics' },
  rotation: { timezone: 'Europe/London', shift: '1w', start: '2026-01-05T09:00', members: ['alice', 'bob', 'carol'] },
};

const providers: Array<[string, OncallProviderType]> = Object.entries(oncallProviders);

describe('the on-call provider registry', () => {
  it('has a valid example config for every provider', () => {
    expect(Object.keys(VALID).sort()).toEqual(providers.map(([name]) => name).sort());
  });
});

describe.each(providers)('on-call provider %s', (name, provider) => {
  const config = () => provider.configSchema.parse(VALID[name]);

  it('is registered under its own type', () => {
    expect(provider.type).toBe(name);
  });

  it('takes its example config, and refuses garbage with an error rather than an exception elsewhere', () => {
    expect(() => config()).not.toThrow();
    expect(provider.configSchema.safeParse(42).success).toBe(false);
  });

  it('says how often to ask again: never (null) or a positive number of ms', () => {
    const refresh = provider.refreshMs(config());
    expect(refresh === null || (Number.isFinite(refresh) && refresh > 0)).toBe(true);
  });

  it('lists its secrets as strings', () => {
    expect(provider.secrets(config()).every((s) => typeof s === 'string')).toBe(true);
  });
});
