import { describe, expect, it } from 'vitest';
import { sortForWall } from '../../../client/board/sort';
import { service } from '../fixtures';

describe('sortForWall', () => {
  it('puts problems first: down, degraded, unknown, maintenance, then up', () => {
    const services = [
      service('a-up', 'up'),
      service('b-maint', 'maintenance'),
      service('c-unknown', 'unknown'),
      service('d-down', 'down'),
      service('e-degraded', 'degraded'),
    ];
    expect(sortForWall(services).map((s) => s.status)).toEqual(['down', 'degraded', 'unknown', 'maintenance', 'up']);
  });

  it('orders services of the same status by name', () => {
    const services = [service('x', 'down', { name: 'Orders DB' }), service('y', 'down', { name: 'Checkout API' }), service('z', 'up', { name: 'Auth' })];
    expect(sortForWall(services).map((s) => s.name)).toEqual(['Checkout API', 'Orders DB', 'Auth']);
  });

  it('orders numbers in names as numbers, and ignores case', () => {
    const services = ['web 10', 'web 2', 'Web 1', 'api'].map((name, i) => service(`s${i}`, 'up', { name }));
    expect(sortForWall(services).map((s) => s.name)).toEqual(['api', 'Web 1', 'web 2', 'web 10']);
  });

  it('puts services impacted by a down dependency ahead of others of the same status', () => {
    const services = [
      service('a', 'up', { name: 'Auth' }),
      service('s', 'up', { name: 'Storefront', impactedBy: ['db'] }),
      service('d', 'down', { name: 'DB' }),
    ];
    expect(sortForWall(services).map((s) => s.id)).toEqual(['d', 's', 'a']);
  });

  it('does not reorder the list it was given', () => {
    const services = [service('a', 'up'), service('b', 'down')];
    sortForWall(services);
    expect(services.map((s) => s.id)).toEqual(['a', 'b']);
  });
});
