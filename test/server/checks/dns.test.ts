import { createSocket } from 'node:dgram';
import dnsPacket, { type Answer, type StringAnswer } from 'dns-packet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { judgeAnswers, normaliseValue, type DnsExpectation, type RecordType } from '../../../server/checks/dns-answers';
import { dnsCheck } from '../../../server/checks/dns';
import { runCheck } from '../../../server/checks/runner';
import { checkSchema } from '../../../server/config/schema';
import { configFromYaml } from '../../helpers/config';
import { wellBefore } from '../../helpers/timing';
import { waitFor } from '../../helpers/wait';

describe('judging DNS answers', () => {
  const answered = (recordType: RecordType, answers: string[]) => ({ domain: 'app.test', recordType, answers, resolver: '127.0.0.1:53', latencyMs: 3 });

  it.each<[string, RecordType, string[], DnsExpectation, string, string]>([
    ['answers with no expectation are ok', 'A', ['10.0.0.1', '10.0.0.2'], {}, 'ok', 'A 10.0.0.1, 10.0.0.2'],
    ['equals is a set: order does not matter', 'A', ['10.0.0.2', '10.0.0.1'], { equals: ['10.0.0.1', '10.0.0.2'] }, 'ok', 'A 10.0.0.2, 10.0.0.1'],
    ['equals fails on a different answer', 'A', ['10.0.0.2'], { equals: ['10.0.0.1'] }, 'failed', 'expected A 10.0.0.1, got 10.0.0.2'],
    ['equals fails on an extra answer', 'A', ['10.0.0.1', '10.0.0.2'], { equals: ['10.0.0.1'] }, 'failed', 'expected A 10.0.0.1, got 10.0.0.1, 10.0.0.2'],
    ['contains passes when every value is there', 'A', ['10.0.0.1', '10.0.0.2'], { contains: ['10.0.0.2'] }, 'ok', 'A 10.0.0.1, 10.0.0.2'],
    ['contains names what is missing', 'A', ['10.0.0.1'], { contains: ['10.0.0.1', '10.0.0.9'] }, 'failed', 'expected A to include 10.0.0.9, got 10.0.0.1'],
    ['minAnswers fails on too few', 'A', ['10.0.0.1'], { minAnswers: 2 }, 'failed', 'expected at least 2 A answers, got 1'],
    ['names compare without case or final dot', 'MX', ['10 mail.app.test'], { equals: ['10  Mail.App.Test.'] }, 'ok', 'MX 10 mail.app.test'],
    ['IPv6 addresses compare in their short form', 'AAAA', ['2001:db8::1'], { equals: ['2001:0DB8:0:0:0:0:0:1'] }, 'ok', 'AAAA 2001:db8::1'],
    ['TXT compares exactly', 'TXT', ['v=spf1 -all'], { contains: ['V=SPF1 -all'] }, 'failed', 'expected TXT to include V=SPF1 -all, got v=spf1 -all'],
    ['no answers at all is failed', 'NS', [], {}, 'failed', 'app.test: no NS records'],
    [
      'a long list is shortened in the message',
      'A',
      ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4', '10.0.0.5', '10.0.0.6', '10.0.0.7'],
      {},
      'ok',
      'A 10.0.0.1, 10.0.0.2, 10.0.0.3, 10.0.0.4, 10.0.0.5 (+2 more)',
    ],
  ])('%s', (_, recordType, answers, expectation, outcome, message) => {
    const result = judgeAnswers(answered(recordType, answers), expectation);
    expect(result).toMatchObject({ outcome, message, latencyMs: 3, details: { answers, resolver: '127.0.0.1:53' } });
  });

  it('keeps SRV numbers and lower-cases the target', () => {
    expect(normaliseValue('SRV', ' 10 5 5060 SIP.app.test. ')).toBe('10 5 5060 sip.app.test');
  });
});

type DnsMode = 'answer' | 'silent' | 'servfail';
const NXDOMAIN = 3;
const SERVFAIL = 2;

/** A tiny authoritative DNS server on 127.0.0.1 (UDP) answering from `zone`. */
async function startDnsServer(zone: Answer[]) {
  const socket = createSocket('udp4');
  const server = { port: 0, mode: 'answer' as DnsMode, queries: 0, close: () => new Promise<void>((resolve) => socket.close(() => resolve())) };
  const recordsFor = (name: string, type: string): Answer[] => {
    const own = zone.filter((r) => r.name === name);
    const exact = own.filter((r) => r.type === type);
    const alias = own.find((r): r is StringAnswer => r.type === 'CNAME');
    // Like a real server: an alias is answered with itself and what it points to.
    if (exact.length === 0 && alias && type !== 'CNAME') return [alias, ...recordsFor(alias.data, type)];
    return exact;
  };
  socket.on('message', (message, peer) => {
    server.queries += 1;
    if (server.mode === 'silent') return;
    const query = dnsPacket.decode(message);
    const question = query.questions![0]!;
    const name = question.name.toLowerCase();
    const known = zone.some((r) => r.name === name);
    const rcode = server.mode === 'servfail' ? SERVFAIL : known ? 0 : NXDOMAIN;
    const answers = rcode === 0 ? recordsFor(name, question.type) : [];
    const reply = dnsPacket.encode({ type: 'response', id: query.id, flags: dnsPacket.AUTHORITATIVE_ANSWER | rcode, questions: query.questions, answers });
    socket.send(reply, peer.port, peer.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  server.port = socket.address().port;
  return server;
}

const zone: Answer[] = [
  { name: 'app.test', type: 'A', ttl: 60, data: '10.0.0.1' },
  { name: 'app.test', type: 'A', ttl: 60, data: '10.0.0.2' },
  { name: 'app.test', type: 'AAAA', ttl: 60, data: '2001:db8::1' },
  { name: 'app.test', type: 'MX', ttl: 60, data: { preference: 10, exchange: 'mail.app.test' } },
  { name: 'app.test', type: 'TXT', ttl: 60, data: ['v=spf1 include:_spf.app.test', ' -all'] },
  { name: 'app.test', type: 'NS', ttl: 60, data: 'ns1.app.test' },
  { name: 'www.app.test', type: 'CNAME', ttl: 60, data: 'app.test' },
  { name: 'mail.app.test', type: 'A', ttl: 60, data: '10.0.0.25' },
  { name: '_sip._udp.app.test', type: 'SRV', ttl: 60, data: { priority: 10, weight: 5, port: 5060, target: 'sip.app.test' } },
];

describe('the dns check against a real DNS server on loopback', () => {
  let dns: Awaited<ReturnType<typeof startDnsServer>>;
  beforeAll(async () => {
    dns = await startDnsServer(zone);
  });
  afterAll(async () => {
    await dns.close();
  });

  const check = (fields: Record<string, unknown>) => checkSchema.parse({ id: 'dns', type: 'dns', resolver: `127.0.0.1:${dns.port}`, timeout: '2s', ...fields });

  it.each<[RecordType, string, string[]]>([
    ['A', 'app.test', ['10.0.0.1', '10.0.0.2']],
    ['AAAA', 'app.test', ['2001:db8::1']],
    ['CNAME', 'www.app.test', ['app.test']],
    ['MX', 'app.test', ['10 mail.app.test']],
    ['TXT', 'app.test', ['v=spf1 include:_spf.app.test -all']],
    ['SRV', '_sip._udp.app.test', ['10 5 5060 sip.app.test']],
    ['NS', 'app.test', ['ns1.app.test']],
  ])('%s records of %s are resolved and shown as text', async (recordType, domain, answers) => {
    dns.mode = 'answer';
    const result = await runCheck(dnsCheck, check({ domain, recordType }));
    expect(result).toMatchObject({ outcome: 'ok', message: `${recordType} ${answers.join(', ')}`, details: { answers, resolver: `127.0.0.1:${dns.port}` } });
    expect(result.latencyMs).toBeGreaterThan(0);
  });

  it('an A query for an alias follows it to the addresses', async () => {
    dns.mode = 'answer';
    const result = await runCheck(dnsCheck, check({ domain: 'www.app.test' }));
    expect(result).toMatchObject({ outcome: 'ok', details: { answers: ['10.0.0.1', '10.0.0.2'] } });
  });

  it('answers that match expect.equals in another order are ok', async () => {
    dns.mode = 'answer';
    const result = await runCheck(dnsCheck, check({ domain: 'app.test', expect: { equals: ['10.0.0.2', '10.0.0.1'], minAnswers: 2 } }));
    expect(result.outcome).toBe('ok');
  });

  it('an unexpected address is failed with what was expected and what came', async () => {
    dns.mode = 'answer';
    const result = await runCheck(dnsCheck, check({ domain: 'mail.app.test', expect: { equals: ['10.0.0.1'] } }));
    expect(result).toMatchObject({ outcome: 'failed', message: 'expected A 10.0.0.1, got 10.0.0.25' });
  });

  it('a missing MX host is failed; names match without case or final dot', async () => {
    dns.mode = 'answer';
    const ok = await runCheck(dnsCheck, check({ domain: 'app.test', recordType: 'MX', expect: { contains: '10 Mail.App.Test.' } }));
    expect(ok.outcome).toBe('ok');
    const missing = await runCheck(dnsCheck, check({ domain: 'app.test', recordType: 'MX', expect: { contains: ['20 backup.app.test'] } }));
    expect(missing).toMatchObject({ outcome: 'failed', message: 'expected MX to include 20 backup.app.test, got 10 mail.app.test' });
  });

  it('an unknown name is failed: NXDOMAIN', async () => {
    dns.mode = 'answer';
    const result = await runCheck(dnsCheck, check({ domain: 'nothing.invalid' }));
    expect(result).toMatchObject({ outcome: 'failed', message: 'nothing.invalid: no such name (NXDOMAIN)', latencyMs: null });
  });

  it('a name without records of the type is failed', async () => {
    dns.mode = 'answer';
    const result = await runCheck(dnsCheck, check({ domain: 'mail.app.test', recordType: 'AAAA' }));
    expect(result).toMatchObject({ outcome: 'failed', message: 'mail.app.test: no AAAA records' });
  });

  it('a resolver that fails is failed: SERVFAIL', async () => {
    dns.mode = 'servfail';
    const result = await runCheck(dnsCheck, check({ domain: 'app.test' }));
    expect(result).toMatchObject({ outcome: 'failed', message: 'app.test: the resolver could not answer (SERVFAIL)' });
  });

  it('a resolver that never replies is cut at the timeout', async () => {
    dns.mode = 'silent';
    const result = await runCheck(dnsCheck, check({ domain: 'app.test', timeout: '300ms' }));
    expect(result.outcome).toBe('failed');
    expect(result.message).toMatch(/^(timed out after 300ms|no answer from resolver 127\.0\.0\.1:\d+)$/);
  });

  it('an abort cancels the query at once', async () => {
    dns.mode = 'silent';
    const before = dns.queries;
    const controller = new AbortController();
    const running = dnsCheck.run(check({ domain: 'app.test', timeout: '10s' }) as never, controller.signal, { artifacts: { save: async () => '' } });
    await waitFor(() => dns.queries > before, 'the query to arrive');
    const started = Date.now();
    controller.abort();
    expect(await running).toMatchObject({ outcome: 'failed', message: 'aborted' });
    expect(Date.now() - started).toBeLessThan(wellBefore(10_000));
  });
});

describe('dns check config', () => {
  const yaml = (fields: string) => `
services:
  - id: shop
    name: Shop
    checks:
      - id: dns
        type: dns
${fields}`;

  it('defaults to A records from the system resolver; a single contains value becomes a list', () => {
    const config = configFromYaml(yaml('        domain: shop.example.com\n        expect: { contains: 10.0.0.1 }\n'));
    expect(config.services[0]!.checks[0]).toMatchObject({ domain: 'shop.example.com', recordType: 'A', expect: { contains: ['10.0.0.1'] } });
    expect(config.services[0]!.checks[0]).not.toHaveProperty('resolver');
  });

  it('the name looked up is `domain`, so `name` stays the label for people', () => {
    const config = configFromYaml(yaml('        name: Shop DNS\n        domain: shop.example.com\n'));
    expect(config.services[0]!.checks[0]).toMatchObject({ name: 'Shop DNS', domain: 'shop.example.com' });
  });

  it('a missing domain is reported with its field', () => {
    expect(() => configFromYaml(yaml('        recordType: MX\n'))).toThrow(/services\[0\]\.checks\[0\]\.domain: expected text/);
  });

  it('an unsupported record type is reported with its line, field and the choices', () => {
    expect(() => configFromYaml(yaml('        domain: a.example\n        recordType: PTR\n'))).toThrow(
      /test\.yaml:9: services\[0\]\.checks\[0\]\.recordType: expected one of A, AAAA, CNAME, MX, TXT, SRV, NS/,
    );
  });

  it.each(['dns.example.com', '10.0.0.300', '10.0.0.53:99999', '[10.0.0.1]:53'])(
    'a resolver "%s" that is not an address with an optional port is rejected',
    (resolver) => {
      expect(() => configFromYaml(yaml(`        domain: a.example\n        resolver: "${resolver}"\n`))).toThrow(
        /resolver: expected an IP address with an optional port/,
      );
    },
  );

  it.each(['10.0.0.53', '10.0.0.53:5353', '::1', '[::1]:5353'])('a resolver "%s" is accepted', (resolver) => {
    expect(configFromYaml(yaml(`        domain: a.example\n        resolver: "${resolver}"\n`)).services[0]!.checks[0]).toMatchObject({ resolver });
  });
});
