import { describe, expect, it } from 'vitest';
import type { ServiceView } from '../../shared/api';
import { EVERY_SERVICE, isEveryService, matchesFilter, statusesOf } from '../../shared/view-filter';

const svc = (status: ServiceView['status'], team: string | null, tags?: string[]) =>
  ({ id: 'x', name: 'X', status, team: team && { id: team, name: team }, tags }) as ServiceView;

describe('view filters', () => {
  it.each([
    ['problems', ['degraded', 'down', 'unknown']],
    ['down', ['down']],
    ['maintenance', ['maintenance']],
    ['Down', null],
    ['problem', null],
  ])('"%s" stands for %j', (word, statuses) => {
    expect(statusesOf(word)).toEqual(statuses);
  });

  it.each<[string, Partial<typeof EVERY_SERVICE>, ServiceView, boolean]>([
    ['an empty filter lets every service through', {}, svc('up', null), true],
    ['a team of the list', { teams: ['a', 'b'] }, svc('up', 'b'), true],
    ['another team', { teams: ['a'] }, svc('down', 'b'), false],
    ['no team when teams are asked for', { teams: ['a'] }, svc('up', null), false],
    ['any one of the tags', { tags: ['eu', 'us'] }, svc('up', null, ['us', 'beta']), true],
    ['no tags at all when tags are asked for', { tags: ['eu'] }, svc('up', null), false],
    ['a status of the list', { statuses: ['down', 'degraded'] }, svc('degraded', null), true],
    ['every list must match', { teams: ['a'], statuses: ['down'] }, svc('up', 'a'), false],
  ])('%s', (_name, part, service, expected) => {
    expect(matchesFilter({ ...EVERY_SERVICE, ...part }, service)).toBe(expected);
  });

  it('knows a filter that lets everything through', () => {
    expect(isEveryService(EVERY_SERVICE)).toBe(true);
    expect(isEveryService({ ...EVERY_SERVICE, tags: ['eu'] })).toBe(false);
  });
});
