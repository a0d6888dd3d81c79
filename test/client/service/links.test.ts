import { describe, expect, it } from 'vitest';
import { safeHref, serviceLinks } from '../../../client/service/links';
import { servicePageTitle } from '../../../client/service/page-title';
import { service } from '../fixtures';

describe('safeHref', () => {
  it.each([
    ['https://wiki.example.com/runbooks/a', 'https://wiki.example.com/runbooks/a'],
    ['http://127.0.0.1:3000/x', 'http://127.0.0.1:3000/x'],
    ['javascript:alert(1)', null],
    ['JaVaScRiPt:alert(1)', null],
    ['data:text/html,<script>alert(1)</script>', null],
    ['/relative/path', null],
    ['git@example.com:team/repo.git', null],
    ['not a url', null],
  ])('%s → %s', (value, expected) => {
    expect(safeHref(value)).toBe(expected);
  });
});

describe('serviceLinks', () => {
  it('takes the runbook apart and keeps the others in config order', () => {
    const { runbook, others } = serviceLinks({ repo: 'https://git.example.com/a', runbook: 'https://wiki.example.com/a', logs: 'ssh://host' });
    expect(runbook).toEqual({ label: 'runbook', value: 'https://wiki.example.com/a', href: 'https://wiki.example.com/a' });
    expect(others.map((l) => [l.label, l.href])).toEqual([
      ['repo', 'https://git.example.com/a'],
      ['logs', null],
    ]);
  });

  it('has no runbook when none is configured', () => {
    expect(serviceLinks({}).runbook).toBeNull();
  });
});

describe('servicePageTitle', () => {
  const checkout = service('checkout', 'down', { name: 'Checkout API' });
  it.each([
    { svc: checkout, state: 'live', title: 'Checkout API — down · Greenboard' },
    { svc: checkout, state: 'stale', title: '(stale) Checkout API — down · Greenboard' },
    { svc: service('shop', 'up', { name: 'Shop', impactedBy: ['checkout'] }), state: 'live', title: 'Shop — up, impacted · Greenboard' },
    { svc: checkout, state: 'connecting', title: 'Greenboard' },
    { svc: null, state: 'live', title: 'No such service · Greenboard' },
    { svc: undefined, state: 'live', title: 'Greenboard' },
  ] as const)('is "$title" while $state', ({ svc, state, title }) => {
    expect(servicePageTitle(svc, state)).toBe(title);
  });
});
