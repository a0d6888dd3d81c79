import { describe, expect, it } from 'vitest';
import { DEFAULT_ROTATE_MS, MIN_ROTATE_MS, parseViewQuery } from '../../../client/board/view-query';

describe('reading a wall address', () => {
  it('a plain address asks for the whole wall', () => {
    expect(parseViewQuery('')).toEqual({ teams: [], tags: [], statuses: [], view: null, rotateMs: null, sound: false, problems: [] });
  });

  it('teams and tags come comma-separated or repeated; statuses by name or as "problems"', () => {
    const query = parseViewQuery('?team=payments,search&team=Data%20Platform&tag=EU&status=problems,maintenance');
    expect(query.teams).toEqual(['payments', 'search', 'Data Platform']);
    expect(query.tags).toEqual(['eu']);
    expect(query.statuses).toEqual(['degraded', 'down', 'unknown', 'maintenance']);
    expect(query.problems).toEqual([]);
  });

  it.each([
    ['?rotate=30s', 30_000],
    ['?rotate=2m', 120_000],
    ['?rotate', DEFAULT_ROTATE_MS],
    ['?rotate=1', DEFAULT_ROTATE_MS],
    ['?rotate=off', null],
    ['?rotate=0', null],
  ])('%s turns pages every %s ms', (search, ms) => {
    expect(parseViewQuery(search).rotateMs).toBe(ms);
  });

  it('a rotation too quick to read is slowed to the least, and says so', () => {
    const query = parseViewQuery('?rotate=500ms');
    expect(query.rotateMs).toBe(MIN_ROTATE_MS);
    expect(query.problems).toEqual(['rotate=500ms is too quick to read: each page shows for 2s']);
  });

  it('what cannot be read is named and left out, the rest still applies', () => {
    const query = parseViewQuery('?status=broken,down&rotate=soon&team=payments&view=a&view=b');
    expect(query.statuses).toEqual(['down']);
    expect(query.rotateMs).toBeNull();
    expect(query.teams).toEqual(['payments']);
    expect(query.view).toBe('a');
    expect(query.problems).toEqual([
      'one view at a time: showing "a"',
      '"broken" is not a status; use one of problems, up, degraded, down, unknown, maintenance',
      'rotate=soon is not a duration such as 30s or 2m: not rotating',
    ]);
  });

  it.each([
    ['?sound=1', true],
    ['?sound', true],
    ['?sound=on', true],
    ['?sound=0', false],
    ['', false],
  ])('%s: sound %s', (search, sound) => {
    expect(parseViewQuery(search).sound).toBe(sound);
  });
});
