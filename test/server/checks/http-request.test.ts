import { describe, expect, it } from 'vitest';
import { describeSize, isCredentialName, namedSecrets, requestSecrets, type RequestConfig } from '../../../server/checks/http-request';

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
    expect(namedSecrets({ user: { clientKey: 'ck-1', name: 'demo' }, sig: 'sg-2', monkey: 'banana', keys: ['k-3', 'k-4'] })).toEqual(['ck-1', 'sg-2', 'k-3', 'k-4']);
  });

  it('a header named like a key is among a request\'s secrets', () => {
    const secrets = requestSecrets({ headers: { 'x-client-key': 'KEYVALUE123', 'keep-alive': 'timeout=5' } } as Partial<RequestConfig>);
    expect(secrets).toContain('KEYVALUE123');
    expect(secrets).not.toContain('timeout=5');
  });
});

describe('sizes as people read them', () => {
  it.each<[number, string]>([
    [1024 * 1024, '1 MB'],
    [1.5 * 1024 * 1024, '1.5 MB'],
    [100 * 1024 * 1024, '100 MB'],
    [512 * 1024, '512 KB'],
    [1024, '1 KB'],
    [1500, '1500 bytes'],
    [1, '1 byte'],
  ])('%i bytes read "%s"', (bytes, text) => {
    expect(describeSize(bytes)).toBe(text);
  });
});
