import { describe, expect, it } from 'vitest';
import type { Status } from '../../../shared/status';
import { banner, bannerText, pageTitle } from '../../../client/board/summary';
import { service } from '../fixtures';

const list = (...statuses: Status[]) => statuses.map((s, i) => service(`s${i}`, s));

describe('bannerText', () => {
  it.each<[string, Status[], string]>([
    ['all up', ['up', 'up'], 'All systems operational'],
    ['up and maintenance', ['up', 'maintenance'], 'All systems operational'],
    ['one down', ['down', 'up'], '1 service down'],
    ['two down', ['down', 'down', 'up'], '2 services down'],
    ['down and degraded', ['degraded', 'up', 'down'], '1 service down · 1 degraded'],
    ['three unknown', ['unknown', 'unknown', 'unknown'], '3 services unknown'],
    ['every kind of problem', ['unknown', 'degraded', 'down', 'degraded'], '1 service down · 2 degraded · 1 unknown'],
    ['nothing configured', [], 'No services configured'],
  ])('%s: "%s"', (_, statuses, text) => {
    expect(bannerText(list(...statuses))).toBe(text);
  });
});

describe('banner', () => {
  it('reports the worst status while live', () => {
    expect(banner(list('up', 'degraded', 'down'), true)).toEqual({
      status: 'down',
      text: '1 service down · 1 degraded',
    });
    expect(banner(list('up', 'maintenance'), true).status).toBe('maintenance');
  });

  it('never says operational while not live', () => {
    const content = banner(list('up', 'up'), false);
    expect(content.text).not.toMatch(/operational/i);
    expect(content.status).toBe('unknown');
  });

  it('keeps known problems visible while not live, marked as last known', () => {
    expect(banner(list('up', 'down'), false)).toEqual({ status: 'down', text: 'Last known: 1 service down' });
  });

  it('an empty board is not good news', () => {
    expect(banner([], true).status).toBe('unknown');
  });
});

describe('pageTitle', () => {
  it('counts problems (down, degraded, unknown) but not maintenance', () => {
    expect(pageTitle(list('down', 'degraded', 'maintenance', 'up'), 'live')).toBe('(2) Greenboard');
    expect(pageTitle(list('unknown'), 'live')).toBe('(1) Greenboard');
  });

  it('is just the name when all is well', () => {
    expect(pageTitle(list('up', 'maintenance'), 'live')).toBe('Greenboard');
  });

  it('says stale when the connection is lost', () => {
    expect(pageTitle(list('up'), 'stale')).toBe('(stale) Greenboard');
    expect(pageTitle(list('down'), 'stale')).toBe('(stale) Greenboard');
  });

  it('is just the name while connecting', () => {
    expect(pageTitle(undefined, 'connecting')).toBe('Greenboard');
  });
});
