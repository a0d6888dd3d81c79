import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createTlsServer, type Server as TlsServer } from 'node:tls';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheck } from '../../../server/checks/runner';
import { tlsCheck } from '../../../server/checks/tls';
import { judgeCertificate, type CertificateFacts } from '../../../server/checks/tls-cert';
import { checkSchema } from '../../../server/config/schema';
import { configFromYaml } from '../../helpers/config';
import { requirement } from '../../helpers/requirements';
import { closedPort, startHttpTarget, startTcpTarget } from '../../helpers/targets';
import { waitFor } from '../../helpers/wait';

const DAY = 24 * 60 * 60 * 1_000;

describe('judging a certificate', () => {
  const now = new Date('2026-11-22T12:00:00Z');
  const cert = (validTo: string, validFrom = '2026-01-01T00:00:00Z'): CertificateFacts => ({
    subject: 'CN=shop.example.com',
    issuer: 'CN=Example CA',
    subjectAltNames: ['DNS:shop.example.com'],
    validFrom: new Date(validFrom),
    validTo: new Date(validTo),
    fingerprint: 'AB:CD',
  });
  const trusted = { hostname: 'shop.example.com', chainError: null, hostnameMatches: true };

  it.each([
    ['90 days left is ok', cert('2027-02-20T12:00:00Z'), trusted, 'ok', 'certificate valid for 90 days (until 2027-02-20)'],
    ['exactly warnDays left is ok', cert('2026-12-06T12:00:00Z'), trusted, 'ok', 'certificate valid for 14 days (until 2026-12-06)'],
    ['fewer than warnDays left is degraded', cert('2026-11-27T13:00:00Z'), trusted, 'degraded', 'certificate expires in 5 days (2026-11-27)'],
    ['one day left is degraded', cert('2026-11-23T13:00:00Z'), trusted, 'degraded', 'certificate expires in 1 day (2026-11-23)'],
    ['hours left is degraded', cert('2026-11-22T18:00:00Z'), trusted, 'degraded', 'certificate expires within a day (2026-11-22)'],
    [
      'expired is failed with its date',
      cert('2026-11-19T12:00:00Z'),
      { ...trusted, chainError: 'CERT_HAS_EXPIRED' },
      'failed',
      'certificate expired 3 days ago (2026-11-19)',
    ],
    ['just expired is failed', cert('2026-11-22T11:00:00Z'), trusted, 'failed', 'certificate expired less than a day ago (2026-11-22)'],
    [
      'not yet valid is failed',
      cert('2027-11-01T00:00:00Z', '2026-12-01T00:00:00Z'),
      { ...trusted, chainError: 'CERT_NOT_YET_VALID' },
      'failed',
      'certificate is not valid before 2026-12-01',
    ],
    [
      'an expired intermediate is failed',
      cert('2027-02-20T12:00:00Z'),
      { ...trusted, chainError: 'CERT_HAS_EXPIRED' },
      'failed',
      'a certificate in the chain has expired',
    ],
    [
      'self-signed is failed',
      cert('2027-02-20T12:00:00Z'),
      { ...trusted, chainError: 'DEPTH_ZERO_SELF_SIGNED_CERT' },
      'failed',
      'self-signed certificate (not trusted)',
    ],
    [
      'an unknown issuer is failed',
      cert('2027-02-20T12:00:00Z'),
      { ...trusted, chainError: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' },
      'failed',
      'certificate issuer is not trusted (unknown issuer)',
    ],
    [
      'an unlisted chain error is failed with its code',
      cert('2027-02-20T12:00:00Z'),
      { ...trusted, chainError: 'CERT_UNTRUSTED' },
      'failed',
      'certificate is not trusted (CERT_UNTRUSTED)',
    ],
    [
      'another name is failed',
      cert('2027-02-20T12:00:00Z'),
      { ...trusted, hostname: 'api.example.com', hostnameMatches: false },
      'failed',
      'certificate does not match api.example.com (it names DNS:shop.example.com)',
    ],
    [
      'every problem is named',
      cert('2026-11-19T12:00:00Z'),
      { hostname: 'api.example.com', chainError: 'DEPTH_ZERO_SELF_SIGNED_CERT', hostnameMatches: false },
      'failed',
      'certificate expired 3 days ago (2026-11-19); self-signed certificate (not trusted); certificate does not match api.example.com (it names DNS:shop.example.com)',
    ],
  ] as const)('%s', (_, certificate, verification, outcome, message) => {
    const result = judgeCertificate({ certificate, verification, now, warnDays: 14, latencyMs: 12 });
    expect(result).toMatchObject({ outcome, message, latencyMs: 12 });
  });

  it('reports the facts of an invalid certificate too', () => {
    const result = judgeCertificate({
      certificate: cert('2026-11-19T12:00:00Z'),
      verification: { hostname: 'shop.example.com', chainError: 'DEPTH_ZERO_SELF_SIGNED_CERT', hostnameMatches: true },
      now,
      warnDays: 14,
      latencyMs: 12,
    });
    expect(result.details).toEqual({
      subject: 'CN=shop.example.com',
      issuer: 'CN=Example CA',
      subjectAltNames: ['DNS:shop.example.com'],
      validFrom: '2026-01-01T00:00:00.000Z',
      validTo: '2026-11-19T12:00:00.000Z',
      daysLeft: -3,
      fingerprint: 'AB:CD',
      hostname: 'shop.example.com',
      trusted: false,
      chainError: 'DEPTH_ZERO_SELF_SIGNED_CERT',
      hostnameMatches: true,
    });
  });
});

const run = promisify(execFile);
const opensslPresent = await run('openssl', ['version']).then(
  () => true,
  () => false,
);
const openssl = requirement('openssl', opensslPresent, 'install it (apt-get install -y openssl) to make test certificates');

/** A test CA in a temp dir that signs leaf certificates with any validity dates. */
async function createCa(dir: string) {
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  const path = (name: string) => join(dir, name);
  await writeFile(path('index.txt'), '');
  await writeFile(
    path('ca.cnf'),
    [
      '[ca]',
      'default_ca = test',
      '[test]',
      `database = ${path('index.txt')}`,
      `new_certs_dir = ${dir}`,
      'rand_serial = yes',
      'default_md = sha256',
      'policy = any',
      'copy_extensions = copy',
      'unique_subject = no',
      '[any]',
      'commonName = supplied',
      '',
    ].join('\n'),
  );
  await run('openssl', ['req', '-x509', ...ec, '-keyout', path('ca.key'), '-out', path('ca.pem'), '-days', '2', '-subj', '/CN=Greenboard Test CA']);
  // openssl wants dates as YYYYMMDDHHMMSSZ.
  const stamp = (ms: number) => `${new Date(ms).toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
  return {
    caFile: path('ca.pem'),
    async leaf(name: string, { names, from, to }: { names: string; from: number; to: number }) {
      const subject = ['-subj', `/CN=${names.split(',')[0]!.replace(/^\w+:/, '')}`, '-addext', `subjectAltName=${names}`];
      await run('openssl', ['req', '-new', ...ec, '-keyout', path(`${name}.key`), '-out', path(`${name}.csr`), ...subject]);
      const ca = ['-batch', '-notext', '-config', path('ca.cnf'), '-cert', path('ca.pem'), '-keyfile', path('ca.key')];
      await run('openssl', ['ca', ...ca, '-in', path(`${name}.csr`), '-out', path(`${name}.pem`), '-startdate', stamp(from), '-enddate', stamp(to)]);
      return { key: await readFile(path(`${name}.key`)), cert: await readFile(path(`${name}.pem`)) };
    },
    async selfSigned(name: string, names: string) {
      await run('openssl', [
        'req',
        '-x509',
        ...ec,
        '-keyout',
        path(`${name}.key`),
        '-out',
        path(`${name}.pem`),
        '-days',
        '30',
        '-subj',
        '/CN=localhost',
        '-addext',
        `subjectAltName=${names}`,
      ]);
      return { key: await readFile(path(`${name}.key`)), cert: await readFile(path(`${name}.pem`)) };
    },
  };
}

async function startTlsServer(credentials: { key: Buffer; cert: Buffer }): Promise<{ port: number; close(): Promise<void> }> {
  const server: TlsServer = createTlsServer(credentials, (socket) => socket.end());
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe.skipIf(openssl.skip)('the tls check against real TLS servers with certificates made here', () => {
  const LOCAL = 'DNS:localhost,IP:127.0.0.1';
  let dir: string;
  let caFile: string;
  const ports: Record<string, number> = {};
  const closers: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tls-check-'));
    const ca = await createCa(dir);
    caFile = ca.caFile;
    const now = Date.now();
    const certificates = {
      valid: await ca.leaf('valid', { names: LOCAL, from: now - DAY, to: now + 90 * DAY + 60 * 60 * 1_000 }),
      expiring: await ca.leaf('expiring', { names: LOCAL, from: now - DAY, to: now + 5 * DAY + 60 * 60 * 1_000 }),
      expired: await ca.leaf('expired', { names: LOCAL, from: Date.parse('2020-01-01T00:00:00Z'), to: Date.parse('2020-02-01T00:00:00Z') }),
      otherName: await ca.leaf('other', { names: 'DNS:other.example', from: now - DAY, to: now + 90 * DAY }),
      selfSigned: await ca.selfSigned('self', LOCAL),
    };
    for (const [name, credentials] of Object.entries(certificates)) {
      const server = await startTlsServer(credentials);
      ports[name] = server.port;
      closers.push(() => server.close());
    }
  });
  afterAll(async () => {
    await Promise.all(closers.map((close) => close()));
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const check = (fields: Record<string, unknown>) => checkSchema.parse({ id: 'cert', type: 'tls', host: '127.0.0.1', timeout: '2s', ...fields });

  it('a certificate from a trusted CA with months left is ok, with its facts in the details', async () => {
    const result = await runCheck(tlsCheck, check({ port: ports.valid, caFile }));
    expect(result.outcome).toBe('ok');
    expect(result.message).toMatch(/^certificate valid for 90 days \(until \d{4}-\d\d-\d\d\)$/);
    expect(result.latencyMs).toBeGreaterThan(0);
    expect(result.details).toMatchObject({
      subject: 'CN=localhost',
      issuer: 'CN=Greenboard Test CA',
      subjectAltNames: ['DNS:localhost', 'IP Address:127.0.0.1'],
      daysLeft: 90,
      trusted: true,
      hostnameMatches: true,
      host: '127.0.0.1',
      port: ports.valid,
    });
    expect((result.details as { fingerprint: string }).fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(Date.parse((result.details as { validTo: string }).validTo)).toBeGreaterThan(Date.now() + 90 * DAY);
  });

  it('the SNI name given as servername is the name verified', async () => {
    const result = await runCheck(tlsCheck, check({ port: ports.valid, servername: 'localhost', caFile }));
    expect(result).toMatchObject({ outcome: 'ok', details: { hostname: 'localhost' } });
  });

  it('a certificate within warnDays of expiry is degraded with the expiry date', async () => {
    const result = await runCheck(tlsCheck, check({ port: ports.expiring, caFile, warnDays: 14 }));
    const date = (result.details as { validTo: string }).validTo.slice(0, 10);
    expect(result).toMatchObject({ outcome: 'degraded', message: `certificate expires in 5 days (${date})`, details: { daysLeft: 5 } });
  });

  it('the same certificate is ok when warnDays is lower', async () => {
    const result = await runCheck(tlsCheck, check({ port: ports.expiring, caFile, warnDays: 3 }));
    expect(result.outcome).toBe('ok');
  });

  it('an expired certificate is failed with its expiry date in the message', async () => {
    const result = await runCheck(tlsCheck, check({ port: ports.expired, caFile }));
    expect(result.outcome).toBe('failed');
    expect(result.message).toMatch(/^certificate expired \d+ days ago \(2020-02-01\)$/);
    expect(result.details).toMatchObject({ validTo: '2020-02-01T00:00:00.000Z', subject: 'CN=localhost' });
  });

  it('a self-signed certificate is failed as untrusted, and its facts are still shown', async () => {
    const result = await runCheck(tlsCheck, check({ port: ports.selfSigned, caFile }));
    expect(result).toMatchObject({
      outcome: 'failed',
      message: 'self-signed certificate (not trusted)',
      details: { subject: 'CN=localhost', issuer: 'CN=localhost', trusted: false, chainError: 'DEPTH_ZERO_SELF_SIGNED_CERT' },
    });
  });

  it('a certificate from a CA that is not trusted is failed: unknown issuer', async () => {
    const result = await runCheck(tlsCheck, check({ port: ports.valid }));
    expect(result).toMatchObject({ outcome: 'failed', message: 'certificate issuer is not trusted (unknown issuer)' });
  });

  it('a certificate for another name is failed, naming both', async () => {
    const result = await runCheck(tlsCheck, check({ port: ports.otherName, servername: 'localhost', caFile }));
    expect(result).toMatchObject({
      outcome: 'failed',
      message: 'certificate does not match localhost (it names DNS:other.example)',
      details: { hostnameMatches: false, trusted: true },
    });
  });

  it('a port that speaks plain HTTP is failed: not TLS', async () => {
    const http = await startHttpTarget('up');
    const result = await runCheck(tlsCheck, check({ port: http.port }));
    await http.close();
    expect(result).toEqual({ outcome: 'failed', message: 'the server did not answer with TLS', latencyMs: null });
  });

  it('a closed port is failed: connection refused', async () => {
    const result = await runCheck(tlsCheck, check({ port: await closedPort() }));
    expect(result).toEqual({ outcome: 'failed', message: 'connection refused', latencyMs: null });
  });

  it('a caFile that does not exist is failed with the path in the message', async () => {
    const missing = join(dir, 'missing.pem');
    const result = await runCheck(tlsCheck, check({ port: ports.valid, caFile: missing }));
    expect(result).toEqual({ outcome: 'failed', message: `cannot read caFile ${missing}: no such file`, latencyMs: null });
  });

  it('a caFile without a certificate in it is failed as such, not as an unknown issuer', async () => {
    const notPem = join(dir, 'not.pem');
    await writeFile(notPem, 'this is not a certificate\n');
    const result = await runCheck(tlsCheck, check({ port: ports.valid, caFile: notPem }));
    expect(result).toEqual({ outcome: 'failed', message: `caFile ${notPem} holds no PEM certificate`, latencyMs: null });
  });
});

describe('the tls check against a server that never completes the handshake', () => {
  it('is cut at its timeout and reported failed', async () => {
    const silent = await startTcpTarget();
    const result = await runCheck(tlsCheck, checkSchema.parse({ id: 'c', type: 'tls', host: '127.0.0.1', port: silent.port, timeout: '300ms' }));
    await silent.close();
    expect(result).toEqual({ outcome: 'failed', message: 'timed out after 300ms', latencyMs: null });
  });

  it('closes its connection when aborted', async () => {
    const open = new Set<Socket>();
    const server = createTcpServer((socket) => {
      open.add(socket);
      // Reading is what lets the server see the client hang up.
      socket.resume();
      socket.on('close', () => open.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const controller = new AbortController();
    const config = checkSchema.parse({ id: 'c', type: 'tls', host: '127.0.0.1', port: (server.address() as AddressInfo).port });
    const running = tlsCheck.run(config as never, controller.signal, { artifacts: { save: async () => '' } });
    await waitFor(() => open.size === 1, 'the check to connect');
    controller.abort();
    expect(await running).toMatchObject({ outcome: 'failed', message: 'aborted during the handshake' });
    await waitFor(() => open.size === 0, 'the connection to close');
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
});

describe('tls check config', () => {
  const yaml = (fields: string) => `
services:
  - id: shop
    name: Shop
    checks:
      - id: cert
        type: tls
${fields}`;

  it('defaults to port 443 and a warning 14 days ahead', () => {
    const config = configFromYaml(yaml('        host: shop.example.com\n'));
    expect(config.services[0]!.checks[0]).toMatchObject({ host: 'shop.example.com', port: 443, warnDays: 14 });
  });

  it('a bad port is reported with its line and field', () => {
    expect(() => configFromYaml(yaml('        host: shop.example.com\n        port: 70000\n'))).toThrow(/test\.yaml:9: services\[0\]\.checks\[0\]\.port/);
  });

  it('a missing host is reported with the field', () => {
    expect(() => configFromYaml(yaml('        warnDays: 7\n'))).toThrow(/services\[0\]\.checks\[0\]\.host: expected text/);
  });

  it('a fractional warnDays is rejected', () => {
    expect(() => configFromYaml(yaml('        host: a.example\n        warnDays: 1.5\n'))).toThrow(/warnDays: expected a whole number of days/);
  });
});
