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

  it('a source on an existing service, with its own id, is fine', () => {
    expect(referenceProblems({ services, sources: [push({ service: 'nightly-export' })] })).toEqual([]);
  });
});
