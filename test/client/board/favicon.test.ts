import { describe, expect, it } from 'vitest';
import type { Status } from '../../../shared/status';
import { faviconHref, faviconKind, type FaviconKind } from '../../../client/board/favicon';
import { service } from '../fixtures';

const list = (...statuses: Status[]) => statuses.map((s, i) => service(`s${i}`, s));
const svgOf = (href: string) => {
  expect(href.startsWith('data:image/svg+xml,')).toBe(true);
  return decodeURIComponent(href.slice('data:image/svg+xml,'.length));
};

describe('faviconKind', () => {
  it.each<[Status[], FaviconKind]>([
    [['up', 'up'], 'ok'],
    [['up', 'maintenance'], 'ok'],
    [['up', 'degraded'], 'warn'],
    [['up', 'unknown'], 'warn'],
    [['degraded', 'down'], 'down'],
  ])('%j while live is %s', (statuses, kind) => {
    expect(faviconKind(list(...statuses), 'live')).toBe(kind);
  });

  it('is grey while stale or connecting, even when everything was up', () => {
    expect(faviconKind(list('up'), 'stale')).toBe('stale');
    expect(faviconKind(list('down'), 'stale')).toBe('stale');
    expect(faviconKind(undefined, 'connecting')).toBe('stale');
  });
});

describe('faviconHref', () => {
  it.each<[FaviconKind, string, string]>([
    ['down', '#ef4444', '<rect'],
    ['warn', '#f59e0b', '<path'],
    ['ok', '#22c55e', '<circle cx="16" cy="16" r="6"'],
    ['stale', '#9ca3af', '<rect'],
  ])('%s is a %s disc with a shape inside', (kind, colour, shape) => {
    const svg = svgOf(faviconHref(kind));
    expect(svg).toContain(`fill="${colour}"`);
    expect(svg).toContain(shape);
    expect(new DOMParser().parseFromString(svg, 'image/svg+xml').querySelector('parsererror')).toBeNull();
  });

  it('gives each kind its own icon', () => {
    const hrefs = (['ok', 'warn', 'down', 'stale'] as const).map(faviconHref);
    expect(new Set(hrefs).size).toBe(4);
  });
});
