import { afterEach, describe, expect, it } from 'vitest';
import type { ServicesResponse, SourcesResponse } from '../../shared/api';
import { parseConfig } from '../../server/config/load';
import { connectClient, startBoard, type RunningBoard } from '../helpers/board';
import { capturingLogger } from '../helpers/log-lines';
import { waitFor } from '../helpers/wait';

const TOKEN = 'nightly-7f3a9c21e4b8d605';

function pushConfig(grace: string) {
  const yaml = `
services:
  - id: nightly-export
    name: Nightly export
sources:
  - id: heartbeat-nightly
    type: push
    token: \${NIGHTLY_TOKEN}
    service: nightly-export
    grace: ${grace}
`;
  return { text: yaml, ...parseConfig(yaml, 'test.yaml', { NIGHTLY_TOKEN: TOKEN }) };
}

const boards: RunningBoard[] = [];
afterEach(async () => {
  await Promise.all(boards.splice(0).map((b) => b.close()));
});

async function board(grace = '1h', options: Parameters<typeof startBoard>[1] = {}) {
  const { config, secrets } = pushConfig(grace);
  const running = await startBoard('', { config, secrets, ...options });
  boards.push(running);
  return running;
}

async function nightly(url: string) {
  const body = (await (await fetch(`${url}/api/services`)).json()) as ServicesResponse;
  return body.services.find((s) => s.id === 'nightly-export')!;
}

async function sources(url: string) {
  return ((await (await fetch(`${url}/api/sources`)).json()) as SourcesResponse).sources;
}

describe('push heartbeats', () => {
  it('a push turns the service up, and a push saying down turns it down with its message', async () => {
    const { url } = await board();
    expect((await nightly(url)).status).toBe('unknown');

    const pushed = await fetch(`${url}/api/push/${TOKEN}`);
    expect(pushed.status).toBe(202);
    const up = await nightly(url);
    expect(up.status).toBe('up');
    expect(up.checks).toEqual([expect.objectContaining({ id: 'heartbeat-nightly', type: 'push', origin: 'source', status: 'up' })]);

    const down = await fetch(`${url}/api/push/${TOKEN}?status=down&msg=${encodeURIComponent('export failed: disk full')}`, { method: 'POST' });
    expect(down.status).toBe(202);
    const after = await nightly(url);
    expect(after.status).toBe('down');
    expect(after.checks[0]!.message).toBe('export failed: disk full');
  });

  it('a form body, as curl -d sends it, is read like the query', async () => {
    const { url } = await board();
    const answer = await fetch(`${url}/api/push/${TOKEN}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'status=degraded&msg=slow+export',
    });
    expect(answer.status).toBe(202);
    expect(await nightly(url)).toMatchObject({ status: 'degraded', checks: [expect.objectContaining({ message: 'slow export' })] });
    expect((await fetch(`${url}/api/push/${TOKEN}`, { method: 'PUT' })).status).toBe(405);
  });

  it('with no push within grace, the service goes down saying since when and how often one was expected', async () => {
    const { url } = await board('1s');
    await fetch(`${url}/api/push/${TOKEN}`, { method: 'POST' });
    const missed = await waitFor(async () => {
      const service = await nightly(url);
      return service.status === 'down' && service;
    }, 'the heartbeat to be missed');
    expect(missed.checks[0]!.message).toMatch(/^no heartbeat since \d\d:\d\d UTC \(expected every 1s\)$/);
  });

  it('an unknown token answers 404 and changes nothing', async () => {
    const { url } = await board();
    const before = await nightly(url);
    const answer = await fetch(`${url}/api/push/not-the-token-at-all-123`, { method: 'POST' });
    expect(answer.status).toBe(404);
    expect(await answer.json()).toEqual({ error: { code: 'not_found', message: 'unknown push token' } });
    expect(await nightly(url)).toEqual(before);
    expect((await sources(url))[0]!.health.received).toBe(0);
  });

  it('a bad status answers 400 naming the field and changes nothing', async () => {
    const { url } = await board();
    const answer = await fetch(`${url}/api/push/${TOKEN}?status=sideways`);
    expect(answer.status).toBe(400);
    expect(((await answer.json()) as { error: { message: string } }).error.message).toMatch(/^status /);
    expect((await nightly(url)).status).toBe('unknown');
    expect((await sources(url))[0]!.health).toMatchObject({ received: 0, errors: 1, lastError: 'bad status' });
  });

  it('a loop pushing too fast is refused with 429 and Retry-After, and only the allowed pushes are stored', async () => {
    const { url, store } = await board();
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 15; i += 1) {
      const answer = await fetch(`${url}/api/push/${TOKEN}`, { method: 'POST' });
      statuses.push(answer.status);
      if (answer.status === 429) retryAfter = answer.headers.get('retry-after');
    }
    expect(statuses.filter((s) => s === 202).length).toBeLessThanOrEqual(11);
    expect(statuses).toContain(429);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    const history = await store.serviceHistory('nightly-export', 0, Date.now() + 1, 1_000);
    expect(history.results.length).toBe(statuses.filter((s) => s === 202).length);
  });

  it('the token never shows in /api/sources, the services, a snapshot or a log line', async () => {
    const { log, lines } = capturingLogger();
    const { url } = await board('1h', { log });
    await fetch(`${url}/api/push/${TOKEN}?msg=${encodeURIComponent(`token is ${TOKEN}`)}`);
    await fetch(`${url}/api/push/${TOKEN}?status=nope`);
    await fetch(`${url}/api/push/${TOKEN}x`);
    const client = await connectClient(url);
    const listed = await sources(url);
    expect(listed).toEqual([expect.objectContaining({ id: 'heartbeat-nightly', type: 'push', services: ['nightly-export'] })]);
    const seen = JSON.stringify([listed, await nightly(url), client.snapshots, lines]);
    client.close();
    expect(seen).not.toContain(TOKEN);
  });
});

describe('a push token written in the file itself', () => {
  it('is masked in what a push says, as one from the environment is', async () => {
    const literal = parseConfig(pushConfig('1h').text.replace('${NIGHTLY_TOKEN}', TOKEN), 'test.yaml', {});
    const { url } = await board('1h', { config: literal.config, secrets: literal.secrets });
    await fetch(`${url}/api/push/${TOKEN}?msg=${encodeURIComponent(`token is ${TOKEN}`)}`);
    const service = await nightly(url);
    expect(service.status).toBe('up');
    expect(JSON.stringify(service)).not.toContain(TOKEN);
  });
});

describe('push heartbeats across a reload', () => {
  it('a reload keeps the last push: a shorter grace judges it from that push', async () => {
    const { url, app } = await board('1h');
    await fetch(`${url}/api/push/${TOKEN}`);
    const { config, secrets } = pushConfig('1s');
    await app.reload(config, secrets);
    const missed = await waitFor(async () => {
      const service = await nightly(url);
      return service.status === 'down' && service;
    }, 'the overdue heartbeat to be reported');
    expect(missed.checks[0]!.message).toMatch(/^no heartbeat since \d\d:\d\d UTC \(expected every 1s\)$/);
    expect((await fetch(`${url}/api/push/${TOKEN}`)).status).toBe(202);
    expect((await nightly(url)).status).toBe('up');
  });
});

describe('push heartbeats across a restart', () => {
  it('a heartbeat on time stays up after a restart, and one that becomes overdue goes down from the last push', async () => {
    const first = await board('1h');
    await fetch(`${first.url}/api/push/${TOKEN}`);
    const dbFile = first.dbFile;
    await boards.splice(0).at(0)!.close();

    const again = await board('1h', { dbFile });
    expect((await nightly(again.url)).status).toBe('up');
    await boards.splice(0).at(0)!.close();

    // The same job, now expected every second: the push before the restarts is overdue.
    const later = await board('1s', { dbFile });
    const missed = await waitFor(async () => {
      const service = await nightly(later.url);
      return service.status === 'down' && service;
    }, 'the overdue heartbeat to be reported');
    expect(missed.checks[0]!.message).toMatch(/^no heartbeat since \d\d:\d\d UTC/);
  });
});
