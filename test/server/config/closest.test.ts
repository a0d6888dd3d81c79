import { describe, expect, it } from 'vitest';
import { closestName, editDistance } from '../../../server/config/closest';

describe('edit distance', () => {
  it.each([
    ['', '', 0],
    ['', 'abc', 3],
    ['abc', '', 3],
    ['services', 'services', 0],
    ['service', 'services', 1], // one letter missing
    ['servicess', 'services', 1], // one too many
    ['servixes', 'services', 1], // one wrong
    ['sevrices', 'services', 1], // two swapped
    ['kitten', 'sitting', 3],
    ['orders-db', 'ordersdb', 1],
    ['abc', 'cba', 2],
  ])('%j → %j is %i', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
    expect(editDistance(b, a)).toBe(distance);
  });
});

describe('the closest known name', () => {
  const fields = ['people', 'teams', 'services'];
  it.each([
    ['service', fields, 'services'],
    ['Services', fields, 'services'], // letter case is free
    ['tems', fields, 'teams'],
    ['teem', fields, null], // two slips in four letters is a different word,
    ['intervall', ['interval', 'timeout', 'name'], 'interval'],
    ['dependson', ['dependsOn', 'checks', 'links'], 'dependsOn'],
    ['orders-dbb', ['orders-db', 'orders-api', 'checkout'], 'orders-db'],
    ['htp', ['http', 'tcp', 'dns'], 'http'],
    // Nothing close enough: no wild guess.
    ['colour', fields, null],
    ['x', fields, null],
    ['payments-api', ['orders-db'], null],
    ['anything', [], null],
  ])('for %j among %j is %j', (written, known, expected) => {
    expect(closestName(written, known)).toBe(expected);
  });

  it('prefers the nearest of several close names', () => {
    expect(closestName('checkot', ['checkouts', 'checkout'])).toBe('checkout');
  });
});
