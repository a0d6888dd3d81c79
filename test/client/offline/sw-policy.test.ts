import { describe, expect, it } from 'vitest';
import { cacheName, isGatewayFailure, otherReleases, routeOf } from '../../../client/offline/sw-policy';

const origin = 'http://127.0.0.1:8080';
const get = (path: string, mode = 'cors') => ({ method: 'GET', url: `${origin}${path}`, mode });

describe('what the service worker answers', () => {
  it.each([
    [get('/', 'navigate'), 'page'],
    [get('/?kiosk&team=payments', 'navigate'), 'page'],
    [get('/services/checkout', 'navigate'), 'page'],
    [get('/assets/index-C-67sEwe.js'), 'file'],
    [get('/assets/ServicePage-DRTkb7r_.css', 'no-cors'), 'file'],
    [get('/api/services'), 'board'],
    [get('/api/services?team=x'), null],
    [get('/api/services/checkout'), null],
    [get('/api/uptime?window=30d'), null],
    [get('/socket.io/?EIO=4&transport=polling'), null],
    [get('/'), null], // the soft refresh asking which build the server has: always the network
    [get('/sw.js'), null],
    [{ method: 'POST', url: `${origin}/api/incidents/1/ack`, mode: 'cors' }, null],
    [{ method: 'GET', url: 'https://cdn.example.com/assets/x.js', mode: 'cors' }, null],
  ])('%o → %s', (request, route) => {
    expect(routeOf(request, origin)).toBe(route);
  });

  it.each([
    [502, 'text/html', true],
    [503, 'text/html; charset=utf-8', true],
    [504, null, true],
    [503, 'text/plain', true],
    [503, 'application/json; charset=utf-8', false], // Greenboard's own answer (`/readyz` while it starts)
    [500, 'text/html', false],
    [404, 'text/html', false],
    [200, 'text/html', false],
  ])('a page answered %s (%s) is taken for a server that is away: %s', (status, type, away) => {
    expect(isGatewayFailure(status, type)).toBe(away);
  });
});

describe('one cache per release', () => {
  it("drops every other release's cache and nobody else's", () => {
    const current = cacheName('5cb6b25ee8e61b60');
    expect(otherReleases(['greenboard-0123456789abcdef', current, 'someone-else', 'greenboard-fedcba9876543210'], current)).toEqual([
      'greenboard-0123456789abcdef',
      'greenboard-fedcba9876543210',
    ]);
  });
});
