import { describe, expect, it } from 'vitest';
import { needsAttention, phoneColumn } from '../../../client/board/phone-order';
import { sortForWall } from '../../../client/board/sort';
import type { Status } from '../../../shared/status';
import { service } from '../fixtures';

const ids = (services: readonly { id: string }[]) => services.map((s) => s.id);

describe("a phone's one column", () => {
  it.each<[Status, boolean]>([
    ['down', true],
    ['degraded', true],
    ['unknown', true],
    ['maintenance', false],
    ['up', false],
  ])('a service %s goes above the on-call strip: %s', (status, above) => {
    expect(needsAttention(service('a', status))).toBe(above);
  });

  it('a service that is up but let down by something it needs goes above the strip too', () => {
    expect(needsAttention(service('search', 'up', { impactedBy: ['checkout'] }))).toBe(true);
    expect(needsAttention(service('notes', 'maintenance', { impactedBy: ['checkout'] }))).toBe(true);
  });

  it("puts the problems first and the rest after, each in the wall's order", () => {
    const wall = sortForWall([
      service('api'),
      service('backups', 'maintenance'),
      service('checkout', 'down'),
      service('search', 'up', { impactedBy: ['checkout'] }),
      service('ledger', 'degraded'),
      service('mail', 'unknown'),
      service('billing'),
    ]);
    // The wall puts maintenance before an impacted service that is up; the phone lifts the impacted one above the strip.
    expect(ids(wall)).toEqual(['checkout', 'ledger', 'mail', 'backups', 'search', 'api', 'billing']);
    const { problems, rest } = phoneColumn(wall);
    expect(ids(problems)).toEqual(['checkout', 'ledger', 'mail', 'search']);
    expect(ids(rest)).toEqual(['backups', 'api', 'billing']);
  });

  it('has no problems when everything is fine, and nothing else when everything is wrong', () => {
    expect(phoneColumn([service('a'), service('b')])).toEqual({ problems: [], rest: [service('a'), service('b')] });
    expect(ids(phoneColumn([service('a', 'down'), service('b', 'unknown')]).problems)).toEqual(['a', 'b']);
    expect(phoneColumn([service('a', 'down')]).rest).toEqual([]);
  });
});
