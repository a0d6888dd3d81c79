import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { localToEpoch } from '../../../server/oncall/local-time';
import { rotationProvider } from '../../../server/oncall/rotation';
import type { OncallContext } from '../../../server/oncall/types';
import { silentLogger } from '../../../server/log';

const valid = { timezone: 'Europe/London', shift: '1w', start: '2026-01-05T09:00', members: ['alice', 'bob', 'carol'] };

/** The problems the config would report for `config`, as `path: message`. */
const problems = (config: unknown) => {
  const result = rotationProvider.configSchema.safeParse(config);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe('a rotation in the config', () => {
  it('is read with its shift in ms and everything else as written', () => {
    expect(rotationProvider.configSchema.parse(valid)).toEqual({ ...valid, shift: 7 * 86_400_000 });
  });

  it('says who is on call, never asks again by itself, and has no secrets', async () => {
    const config = rotationProvider.configSchema.parse(valid);
    const at = Date.parse('2026-01-12T09:00Z');
    const context: OncallContext = { signal: new AbortController().signal, log: silentLogger(), now: () => at };
    const shifts = await rotationProvider.shifts(config, { from: at, to: at + 1 }, context);
    expect(shifts).toEqual([{ who: { personId: 'bob' }, from: at, to: Date.parse('2026-01-19T09:00Z') }]);
    expect(rotationProvider.refreshMs(config)).toBeNull();
    expect(rotationProvider.secrets(config)).toEqual([]);
  });

  it.each([
    [
      'a time zone that does not exist, with the closest one',
      { timezone: 'Europe/Lndon' },
      ['timezone: "Europe/Lndon" is not a time zone; did you mean "Europe/London"?'],
    ],
    ['an offset for a time zone', { timezone: '+01:00' }, ['timezone: "+01:00" is not a time zone']],
    [
      'a start with an offset',
      { start: '2026-01-05T09:00+01:00' },
      ['start: "2026-01-05T09:00+01:00" is not a local date-time; use one such as 2026-01-05T09:00 (no offset: it is read in `timezone`)'],
    ],
    [
      'a start on a day that does not exist',
      { start: '2026-02-30T09:00' },
      ['start: "2026-02-30T09:00" is not a local date-time; use one such as 2026-01-05T09:00 (no offset: it is read in `timezone`)'],
    ],
    ['a shift that is not a duration', { shift: 'weekly' }, ['shift: "weekly" is not a duration; use a duration such as 500ms, 10s, 5m, 1h or 7d']],
    ['a shift shorter than an hour', { shift: '30m' }, ['shift: must be at least 1h (got 30m)']],
    ['a shift longer than 90 days', { shift: '13w' }, ['shift: must be at most 90d (got 13w)']],
    ['no members', { members: [] }, ['members: must name at least one person']],
    ['a member that is not an id', { members: ['alice', 'Bob Smith'] }, ['members.1: ids use only a-z, 0-9 and "-", and start with a letter or digit']],
    ['a field it does not know', { layers: [] }, [': Unrecognized key: "layers"']],
  ])('is refused for %s, the message naming the problem', (_name, change, expected) => {
    const config = { ...valid, ...change };
    const before = structuredClone(config);
    expect(problems(config)).toEqual(expected);
    expect(config).toEqual(before);
  });

  it.each(['timezone', 'shift', 'start', 'members'])('is refused without its %s', (field) => {
    const config: Record<string, unknown> = { ...valid };
    delete config[field];
    expect(problems(config)).toHaveLength(1);
    expect(problems(config)[0]).toMatch(new RegExp(`^${field}: `));
  });
});

describe("the README's rotation example", () => {
  it('is a rotation this provider takes, with overrides in its time zone', () => {
    const readme = readFileSync(join(import.meta.dirname, '..', '..', '..', 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### Who is on call: a rotation'));
    const example = parse(/```yaml\n([\s\S]*?)```/.exec(section)![1]!) as {
      teams: Array<{ oncall: { rotation: unknown; overrides: Array<{ from: string; to: string }> } }>;
    };
    const { rotation, overrides } = example.teams[0]!.oncall;
    const config = rotationProvider.configSchema.parse(rotation);
    for (const { from, to } of overrides) expect(localToEpoch(from, config.timezone)).toBeLessThan(localToEpoch(to, config.timezone)!);
  });
});
