import { describe, expect, it } from 'vitest';
import type { PreparedRequest } from '../../../server/checks/http-request-build';
import { RequestProblem } from '../../../server/checks/http-request-build';
import { describeRequestError, redirectedRequest } from '../../../server/checks/http-send';

const post: PreparedRequest = {
  url: 'http://shop.test/login',
  method: 'POST',
  headers: { authorization: 'Bearer tok', cookie: 'a=1', 'content-type': 'application/json', 'x-trace': 'on' },
  body: '{"user":"demo"}',
};

describe('the request after a redirect, as a browser makes it', () => {
  it.each<[string, number, string, Partial<PreparedRequest>]>([
    [
      '303 turns a POST into a GET without its body or content headers',
      303,
      '/home',
      { url: 'http://shop.test/home', method: 'GET', headers: { authorization: 'Bearer tok', cookie: 'a=1', 'x-trace': 'on' } },
    ],
    ['302 after a POST does the same', 302, '/home', { method: 'GET' }],
    ['307 repeats the POST with its body', 307, '/login2', { url: 'http://shop.test/login2', method: 'POST', body: post.body }],
    ['308 repeats the POST with its body', 308, '/login2', { method: 'POST', body: post.body }],
  ])('%s', (_name, status, location, expected) => {
    const next = redirectedRequest(post, status, location);
    expect(next).toMatchObject(expected);
    if (expected.method === 'GET') expect(next).not.toHaveProperty('body');
  });

  it('a 303 after a HEAD stays a HEAD', () => {
    expect(redirectedRequest({ url: 'http://shop.test/', method: 'HEAD', headers: {} }, 303, '/x').method).toBe('HEAD');
  });

  it('credentials are not handed to another site; other headers are', () => {
    const next = redirectedRequest(post, 307, 'https://elsewhere.test/login');
    expect(next.headers).toEqual({ 'content-type': 'application/json', 'x-trace': 'on' });
  });

  it('a redirect to another scheme of the same host counts as another site', () => {
    expect(redirectedRequest(post, 307, 'https://shop.test/login').headers).not.toHaveProperty('authorization');
  });

  it('a redirect away from HTTP is a problem, any password in it masked', () => {
    const redirect = () => redirectedRequest(post, 302, 'ftp://user:hunter22@files.test/');
    expect(redirect).toThrow(RequestProblem);
    expect(redirect).toThrow('redirected to a non-HTTP URL: ftp://user:***@files.test/');
  });
});

describe('a failed request in one line', () => {
  it.each<[string, unknown, string]>([
    ["the request's own problem", new RequestProblem('more than 5 redirects, the last to http://x.test/'), 'more than 5 redirects, the last to http://x.test/'],
    [
      'a self-signed certificate',
      Object.assign(new Error('fetch failed'), { cause: Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }) }),
      'certificate not trusted: self-signed certificate (tls.insecure accepts it)',
    ],
    [
      'an expired certificate',
      Object.assign(new Error('certificate has expired'), { code: 'CERT_HAS_EXPIRED' }),
      'certificate not trusted: certificate has expired (tls.insecure accepts it)',
    ],
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }), 'connection refused'],
  ])('%s', (_name, error, line) => {
    expect(describeRequestError(error)).toBe(line);
  });
});
