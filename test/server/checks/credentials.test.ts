import { describe, expect, it } from 'vitest';
import { credentialParts, isCredentialName, namedSecrets, requestSecrets, secretForms } from '../../../server/checks/credentials';

describe('names that hold credentials', () => {
  it.each([
    'authorization',
    'proxy-authorization',
    'x-auth-token',
    'cookie',
    'password',
    'client_secret',
    'session_id',
    'x-api-key',
    'apikey',
    'api_key',
    'apiKey',
    'key',
    'x-client-key',
    'client_key',
    'clientKey',
    'privateKey',
    'accesskey',
    'Ocp-Apim-Subscription-Key',
    'sig',
    'x-sig',
    'x-signature',
    'X-Hub-Signature-256',
    'X-Amz-Credential',
  ])('%s is one', (name) => {
    expect(isCredentialName(name)).toBe(true);
  });

  it.each(['keep-alive', 'monkey', 'turkey', 'keyboard', 'key-id', 'hotkey', 'signal', 'design', 'x-request-id', 'content-type', 'author', 'www-authenticate'])(
    '%s is not',
    (name) => {
      expect(isCredentialName(name)).toBe(false);
    },
  );

  it('fields named so are found in JSON, however deep', () => {
    expect(namedSecrets({ user: { clientKey: 'ck-1', name: 'demo' }, sig: 'sg-2', monkey: 'banana', keys: ['k-3', 'k-4'] })).toEqual([
      'ck-1',
      'sg-2',
      'k-3',
      'k-4',
    ]);
  });

  it("a header named like a key is among a request's secrets", () => {
    const secrets = requestSecrets({ headers: { 'x-client-key': 'KEYVALUE123', 'keep-alive': 'timeout=5' } });
    expect(secrets).toContain('KEYVALUE123');
    expect(secrets).not.toContain('timeout=5');
  });
});

describe('the secrets of a request', () => {
  const secretsOf = (config: object) => requestSecrets(config);

  it('a bearer token and a basic password are secrets, with the basic header as sent', () => {
    expect(secretsOf({ auth: { bearer: 'tok-123456' } })).toContain('tok-123456');
    const basic = secretsOf({ auth: { basic: { username: 'probe', password: 'pa55-word' } } });
    expect(basic).toEqual(expect.arrayContaining(['pa55-word', Buffer.from('probe:pa55-word').toString('base64')]));
    expect(basic).not.toContain('probe');
  });

  it('the token after a scheme in a credential header is a secret on its own', () => {
    expect(secretsOf({ headers: { Authorization: 'Token abc-123456' } })).toEqual(expect.arrayContaining(['Token abc-123456', 'abc-123456']));
  });

  it.each([
    ['the query', { query: { api_key: 'q-secret-1', page: '2' } }, 'q-secret-1'],
    ['a form', { form: { username: 'demo', password: 'f-secret-2' } }, 'f-secret-2'],
    ['JSON', { json: { login: { password: 'j-secret-3' } } }, 'j-secret-3'],
    ['a raw JSON body', { body: '{"client_secret":"b-secret-4"}' }, 'b-secret-4'],
    ['a raw form body', { body: 'user=demo&password=b-secret-5' }, 'b-secret-5'],
  ])('a field named like a credential in %s is a secret, the others are not', (_where, config, secret) => {
    const found = secretsOf(config);
    expect(found).toContain(secret);
    expect(found).not.toContain('demo');
    expect(found).not.toContain('2');
  });

  it('each secret is also found as it reads once URL-, form- or JSON-encoded', () => {
    expect(secretsOf({ headers: { 'x-api-key': 'a b"c/d' } })).toEqual(expect.arrayContaining(secretForms('a b"c/d')));
  });

  it('a {{variable}} template is not a secret yet', () => {
    expect(secretsOf({ headers: { authorization: 'Bearer {{token}}' }, auth: { bearer: '{{ token }}' } })).toEqual([]);
  });
});

describe('the forms a secret takes', () => {
  it('as written, percent-encoded, form-encoded and JSON-escaped', () => {
    expect(secretForms('a b&"c')).toEqual(['a b&"c', 'a%20b%26%22c', 'a+b%26%22c', 'a b&\\"c']);
  });

  it('a credential header value and the part after its scheme', () => {
    expect(credentialParts('Bearer tok-1')).toEqual(['Bearer tok-1', 'tok-1']);
    expect(credentialParts('plain-key')).toEqual(['plain-key']);
  });
});
