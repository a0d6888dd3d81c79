import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryResponse, ServicesResponse } from '../../shared/api';
import type { CheckResultPayload } from '../../shared/events';
import { connectClient, type BoardClient } from '../helpers/board';
import { findSecrets } from '../helpers/leaks';
import { startServerProcess, type ServerProcess } from '../helpers/server-process';
import { closedPort, stablePort } from '../helpers/targets';
import { waitFor } from '../helpers/wait';

/**
 * A value from the environment with characters that every encoding writes differently:
 * space, quote, slash, plus, ampersand and non-ASCII.
 */
const ENV_SECRET = 'pa ss"/+&é-7c1f9e';
/** The same kinds of characters, less the slash, which would end a URL's user info. */
const USER_SECRET = 'us er"+&é-5a2b0d';
/** A session token a scenario captures from a login answer and sends on. */
const SESSION_TOKEN = 'session-token-4b8d21';
const SECRETS = [ENV_SECRET, USER_SECRET, SESSION_TOKEN];

const ENCODERS: Record<string, (text: string) => string> = {
  json: (text) => text,
  'json-ascii': (text) => text.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
  base64: (text) => Buffer.from(text).toString('base64'),
  base64url: (text) => Buffer.from(text).toString('base64url'),
  percent: (text) => encodeURIComponent(text),
  form: (text) => new URLSearchParams({ seen: text }).toString().slice('seen='.length),
  html: (text) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`),
};

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = '';
    req
      .setEncoding('utf8')
      .on('data', (chunk: string) => (body += chunk))
      .on('end', () => resolve(body));
  });
}

/** The values a request carried, decoded: credential headers, query and form fields, a body that is not JSON. */
function receivedValues(req: IncomingMessage, url: URL, body: string): string[] {
  const type = req.headers['content-type'] ?? '';
  const form = type.includes('form') ? [...new URLSearchParams(body).values()] : [];
  const data = type.includes('json') ? [] : [body];
  return [req.headers['x-api-key'], req.headers.authorization, ...url.searchParams.values(), ...form, ...data].filter((v): v is string => Boolean(v));
}

/**
 * A nasty target, like a debugging endpoint: it answers every request with what it
 * received. `/echo/json…` answers as JSON (URL, credential headers, query, body as sent
 * and as decoded, like httpbin); every other encoding its path names writes each
 * decoded value once in that encoding, so each encoded form of each secret reaches a result.
 */
function startEchoingTarget(): Promise<Server> {
  const server = createServer((req, res) => void echo(req, res));
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Answers one request of the echoing target. */
async function echo(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readBody(req);
  if (req.url === '/login') {
    res.writeHead(200, { 'content-type': 'application/json', 'set-cookie': `sid=${SESSION_TOKEN}` });
    res.end(JSON.stringify({ token: SESSION_TOKEN }));
    return;
  }
  const url = new URL(req.url!, 'http://target');
  const encoding = url.pathname.split('/')[2] ?? 'json';
  const encode = ENCODERS[encoding] ?? ENCODERS.json!;
  const values = receivedValues(req, url, body);
  const form = req.headers['content-type']?.includes('form') ? Object.fromEntries(new URLSearchParams(body)) : {};
  const seen = { url: req.url, key: req.headers['x-api-key'], auth: req.headers.authorization, args: Object.fromEntries(url.searchParams), form, data: body };
  res.writeHead(503, { 'content-type': 'text/plain', 'x-echo-auth': String(req.headers.authorization ?? '') });
  res.end(encoding.startsWith('json') ? encode(JSON.stringify(seen)) : values.map(encode).join('\n'));
}

/** One http check per encoding, each planting the secret in a different part of the request. */
function echoChecks(base: string): string {
  const request = [
    `headers: { x-api-key: "\${GB_SECRET}", authorization: "Bearer \${GB_SECRET}" }\n        json: { password: "\${GB_SECRET}", note: "\${GB_SECRET}" }`,
    `form: { token: "\${GB_SECRET}", note: "\${GB_SECRET}" }`,
    `body: "note=\${GB_SECRET}"`,
    `query: { q: "\${GB_SECRET}" }`,
    `auth: { basic: { username: monitor, password: "\${GB_USER_SECRET}" } }`,
  ];
  return Object.keys(ENCODERS)
    .map(
      (encoding, i) => `      - id: ${encoding}
        name: "${encoding} \${GB_SECRET}"
        type: http
        method: POST
        url: "http://monitor:\${GB_USER_SECRET}@${base}/echo/${encoding}/\${GB_SECRET}?key=\${GB_SECRET}"
        ${request[i % request.length]}
        interval: 1s
        failureThreshold: 1
        expect: { status: 200 }
`,
    )
    .join('');
}

function boardConfig(base: string, dbPort: number): string {
  return `teams:
  - id: ops
    name: "Ops \${GB_SECRET}"
people:
  - id: alice
    name: "Alice \${GB_SECRET}"
services:
  - id: api
    name: "API \${GB_SECRET}"
    team: ops
    links: { dashboard: "https://grafana.example/d/abc?auth_token=\${GB_SECRET}" }
    checks:
${echoChecks(base)}  - id: journey
    name: Journey
    checks:
      - id: login-then-search
        type: scenario
        interval: 1s
        failureThreshold: 1
        variables: { apiKey: "\${GB_SECRET}", note: "\${GB_SECRET}" }
        steps:
          - name: log in
            method: POST
            url: "http://${base}/login"
            json: { password: "\${GB_SECRET}" }
            capture: { token: { json: "$.token" } }
          - name: search
            url: "http://${base}/echo/json?session={{token}}&note={{note}}"
            headers: { x-session: "{{token}}", x-api-key: "{{apiKey}}" }
            expect: { status: 200 }
  - id: databases
    name: Databases
    checks:
      - { id: pg, type: postgres, url: "postgres://monitor:\${GB_USER_SECRET}@127.0.0.1:${dbPort}/orders", interval: 1s, failureThreshold: 1 }
      - { id: redis, type: redis, url: "redis://:\${GB_USER_SECRET}@127.0.0.1:${dbPort}/0", interval: 1s, failureThreshold: 1 }
      - { id: mysql, type: mysql, url: "mysql://monitor:\${GB_USER_SECRET}@127.0.0.1:${dbPort}/orders", interval: 1s, failureThreshold: 1 }
`;
}

describe('secrets from the environment stay secret, in every form, everywhere', () => {
  let target: Server;
  let server: ServerProcess;
  let client: BoardClient;
  const results: CheckResultPayload[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'gb-secrets-'));
  const dbFile = join(dir, 'greenboard.db');

  beforeAll(async () => {
    target = await startEchoingTarget();
    const config = join(dir, 'board.yaml');
    writeFileSync(config, boardConfig(`127.0.0.1:${(target.address() as AddressInfo).port}`, await closedPort()));
    const env = { GB_SECRET: ENV_SECRET, GB_USER_SECRET: USER_SECRET, LOG_LEVEL: 'debug' };
    server = await startServerProcess({ config, dbFile, port: await stablePort(), env });
    client = await connectClient(server.url);
    client.socket.on('check:result', (payload) => results.push(payload));
    for (const id of ['api', 'journey', 'databases']) client.socket.emit('service:watch', id);
    // Every check has failed at least once, the board was told, and a service page got a result of each.
    await waitFor(
      () => ['api', 'journey', 'databases'].every((id) => client.service(id)?.checks.every((check) => check.status === 'down')),
      'every check down',
      { timeoutMs: 30_000 },
    );
    const checksOf = (id: string) => client.service(id)!.checks.map((check) => `${id}/${check.id}`);
    const all = ['api', 'journey', 'databases'].flatMap(checksOf);
    await waitFor(() => all.every((key) => results.some((r) => `${r.serviceId}/${r.result.checkId}` === key)), 'a live result of every check', {
      timeoutMs: 30_000,
    });
  }, 60_000);

  afterAll(async () => {
    client?.close();
    await server?.kill();
    await new Promise((resolve) => target?.close(resolve));
  });

  it('the failures are reported, with the echoed answers masked, not dropped', async () => {
    const history = (await (await fetch(`${server.url}/api/services/api/history`)).json()) as HistoryResponse;
    for (const encoding of Object.keys(ENCODERS)) {
      const excerpt = history.latest.find((r) => r.checkId === encoding)?.details?.bodyExcerpt as string | undefined;
      expect(excerpt, encoding).toContain('***');
    }
    expect(client.service('journey')?.checks[0]?.message).toMatch(/step 2 'search'/);
  });

  it('are not in any API answer', async () => {
    const paths = ['/api/services', '/api/uptime?window=24h', '/api/oncall'];
    for (const id of ['api', 'journey', 'databases']) paths.push(`/api/services/${id}`, `/api/services/${id}/history`);
    const bodies = await Promise.all(paths.map(async (path) => (await fetch(`${server.url}${path}`)).text()));
    const services = JSON.parse(bodies[0]!) as ServicesResponse;
    expect(services.services.find((s) => s.id === 'api')).toMatchObject({
      name: 'API ***',
      team: { name: 'Ops ***' },
      links: { dashboard: 'https://grafana.example/d/abc?auth_token=***' },
    });
    expect(findSecrets(bodies.join('\n'), SECRETS)).toEqual([]);
  });

  it('are not in what boards and service pages receive: snapshots, updates, live results', () => {
    expect(client.snapshots[0]!.services.find((s) => s.id === 'api')?.name).toBe('API ***');
    expect(findSecrets(JSON.stringify({ snapshots: client.snapshots, updates: client.updates, results }), SECRETS)).toEqual([]);
  });

  it('are not in the log, even at debug level', () => {
    expect(server.output().length).toBeGreaterThan(0);
    expect(findSecrets(server.output(), SECRETS)).toEqual([]);
  });

  it('are not in the database file', () => {
    const stored = [dbFile, `${dbFile}-wal`].filter(existsSync).map((file) => readFileSync(file).toString('utf8'));
    expect(stored.join('').length).toBeGreaterThan(0);
    expect(findSecrets(stored.join('\n'), SECRETS)).toEqual([]);
  });
});
