import { describe, expect, it } from 'vitest';
import { referenceProblems } from '../../../server/config/references';

const services = [{ id: 'checkout', checks: [{ id: 'health' }] }, { id: 'nightly-export' }];
const push = (fields: object) => ({ id: 'beat', type: 'push', token: 't', grace: '1h', ...fields });

describe('references from sources', () => {
  it('a source naming a service that does not exist is reported with a suggestion', () => {
    expect(referenceProblems({ services, sources: [push({ service: 'nightly-exprt' })] })).toEqual([
      { path: ['sources', 0, 'service'], message: 'no service with id "nightly-exprt"; did you mean "nightly-export"?' },
    ]);
  });

  it("duplicate source ids and a source id equal to one of its service's check ids are reported together", () => {
    const problems = referenceProblems({ services, sources: [push({ service: 'checkout', id: 'health' }), push({ service: 'checkout', id: 'health' })] });
    expect(problems.map((p) => p.path)).toEqual([
      ['sources', 1, 'id'],
      ['sources', 0, 'id'],
      ['sources', 1, 'id'],
    ]);
  });

  it('a source that may report on any service (alerts name theirs) must not share an id with any check', () => {
    const alerts = { id: 'health', type: 'alertmanager', token: 't' };
    expect(referenceProblems({ services, sources: [alerts] })).toEqual([
      {
        path: ['sources', 0, 'id'],
        message: 'service "checkout" has a check with the same id; this source may report on any service, so its id must differ from every check id',
      },
    ]);
    expect(referenceProblems({ services, sources: [{ ...alerts, id: 'am' }] })).toEqual([]);
  });

  it('a source listing its services: each must exist, and none may have a check with its id', () => {
    const ci = (fields: object) => ({ id: 'ci', type: 'webhook', token: 't', services: ['checkout', 'nightly-export'], ...fields });
    expect(referenceProblems({ services, sources: [ci({})] })).toEqual([]);
    expect(referenceProblems({ services, sources: [ci({ services: ['checkout', 'nightly-exprt'] })] })).toEqual([
      { path: ['sources', 0, 'services', 1], message: 'no service with id "nightly-exprt"; did you mean "nightly-export"?' },
    ]);
    expect(referenceProblems({ services, sources: [ci({ id: 'health' })] })).toEqual([
      { path: ['sources', 0, 'id'], message: `service "checkout" has a check with the same id; a source's id must differ from its services' check ids` },
    ]);
    // Only the services it lists count: another service's check may share its id.
    expect(referenceProblems({ services, sources: [ci({ id: 'health', services: ['nightly-export'] })] })).toEqual([]);
  });

  it('a source on an existing service, with its own id, is fine', () => {
    expect(referenceProblems({ services, sources: [push({ service: 'nightly-export' })] })).toEqual([]);
  });
});
