import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServicesResponse } from '../../shared/api';
import type { CheckResultPayload } from '../../shared/events';
import { connectClient, type BoardClient } from '../helpers/board';
import { startServerProcess, type ServerProcess } from '../helpers/server-process';
import { stablePort } from '../helpers/targets';
import { waitFor } from '../helpers/wait';

/** A value from the environment, used as a password in a URL, a query key and a bearer token. */
const ENV_SECRET = 'env-secret-7c1f9e';
/** A session token a scenario captures from a login answer and sends on. */
const SESSION_TOKEN = 'session-token-4b8d21';

/**
 * A nasty target: it answers every failure by echoing back what it was sent (URL,
 * headers), so any secret the checks send would end up in their messages and details.
 */
function startEchoingTarget(): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.url === '/login') {
      res.writeHead(200, { 'content-type': 'application/json', 'set-cookie': `sid=${SESSION_TOKEN}` });
      res.end(JSON.stringify({ token: SESSION_TOKEN }));
      return;
    }
    res.writeHead(503, { 'content-type': 'application/json', 'x-echo-auth': String(req.headers.authorization ?? '') });
    res.end(JSON.stringify({ error: 'unavailable', url: req.url, headers: req.headers }));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('secrets stay secret', () => {
  let target: Server;
  let server: ServerProcess;
  let client: BoardClient;
  const dir = mkdtempSync(join(tmpdir(), 'gb-secrets-'));
  const dbFile = join(dir, 'greenboard.db');

  beforeAll(async () => {
    target = await startEchoingTarget();
    const base = `127.0.0.1:${(target.address() as AddressInfo).port}`;
    const config = join(dir, 'board.yaml');
    writeFileSync(
      config,
      `services:
  - id: api
    name: API
    checks:
      - id: health
        type: http
        url: "http://monitor:\${GB_SECRET}@${base}/health?key=\${GB_SECRET}"
        headers: { authorization: "Bearer \${GB_SECRET}" }
        interval: 1s
        failureThreshold: 1
        expect: { status: 200, bodyContains: "OK" }
  - id: journey
    name: Journey
    checks:
      - id: login-then-search
        type: scenario
        interval: 1s
        failureThreshold: 1
        steps:
          - name: log in
            method: POST
            url: "http://${base}/login"
            json: { password: "\${GB_SECRET}" }
            capture: { token: { json: "$.token" } }
          - name: search
            url: "http://${base}/search?session={{token}}"
            headers: { x-session: "{{token}}" }
            expect: { status: 200 }
`,
    );
    server = await startServerProcess({ config, dbFile, port: await stablePort(), env: { GB_SECRET: ENV_SECRET, LOG_LEVEL: 'debug' } });
    client = await connectClient(server.url);
    // Both services have failed at least once, and the board was told.
    await waitFor(() => client.service('api')?.status === 'down' && client.service('journey')?.status === 'down', 'both services down');
  });

  afterAll(async () => {
    client?.close();
    await server?.kill();
    await new Promise((resolve) => target?.close(resolve));
  });

  const leaks = (text: string) => [ENV_SECRET, SESSION_TOKEN].filter((secret) => text.includes(secret));

  it('the failures are reported, with what went wrong', () => {
    expect(client.service('api')?.checks[0]?.message).toMatch(/503/);
    expect(client.service('journey')?.checks[0]?.message).toMatch(/step 2 'search'/);
  });

  it('are not in the REST API: services, one service, history', async () => {
    const services = await (await fetch(`${server.url}/api/services`)).text();
    expect((JSON.parse(services) as ServicesResponse).services).toHaveLength(2);
    const bodies = [services];
    for (const id of ['api', 'journey']) {
      bodies.push(await (await fetch(`${server.url}/api/services/${id}`)).text());
      const history = await (await fetch(`${server.url}/api/services/${id}/history`)).text();
      expect(JSON.parse(history).results.length).toBeGreaterThan(0);
      bodies.push(history);
    }
    expect(leaks(bodies.join('\n'))).toEqual([]);
  });

  it('are not in what the boards receive', () => {
    expect(leaks(JSON.stringify({ snapshots: client.snapshots, updates: client.updates }))).toEqual([]);
  });

  it('are not in the live results a service page gets', async () => {
    const results: CheckResultPayload[] = [];
    client.socket.on('check:result', (payload) => results.push(payload));
    client.socket.emit('service:watch', 'api');
    client.socket.emit('service:watch', 'journey');
    await waitFor(() => new Set(results.filter((r) => r.result.outcome === 'failed').map((r) => r.serviceId)).size === 2, 'failed results of both');
    expect(leaks(JSON.stringify(results))).toEqual([]);
  });

  it('are not in the log, even at debug level', () => {
    expect(server.output().length).toBeGreaterThan(0);
    expect(leaks(server.output())).toEqual([]);
  });

  it('are not stored', () => {
    const stored = [dbFile, `${dbFile}-wal`].filter(existsSync).map((file) => readFileSync(file).toString('latin1'));
    expect(stored.join('').length).toBeGreaterThan(0);
    expect(leaks(stored.join('\n'))).toEqual([]);
  });
});
