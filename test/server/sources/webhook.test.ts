import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sourceSchema } from '../../../server/config/schema';
import type { ServiceResponse, ServicesResponse, SourceView, SourcesResponse } from '../../../shared/api';
import { startBoard, type RunningBoard } from '../../helpers/board';
import { configFromYaml } from '../../helpers/config';
import { capturingLogger, ERROR, type LogLine } from '../../helpers/log-lines';
import { waitFor } from '../../helpers/wait';

const TOKEN = 'ci-webhook-token-0123456789abcdef';

const yaml = `
services:
  - { id: checkout, name: Checkout, checks: [] }
  - { id: api, name: API, checks: [] }
  - { id: billing, name: Billing, checks: [] }
sources:
  - { id: ci, type: webhook, token: ${TOKEN}, services: [checkout, api] }
`;

type Body = unknown;

describe('the webhook source, on a real board', () => {
  let board: RunningBoard;
  let lines: LogLine[];

  beforeEach(async () => {
    const captured = capturingLogger();
    lines = captured.lines;
    board = await startBoard(yaml, { log: captured.log });
  });
  afterEach(async () => {
    await board.close();
  });

  const post = (body: Body, { token = TOKEN, id = 'ci', raw = false }: { token?: string | null; id?: string; raw?: boolean } = {}) =>
    fetch(`${board.url}/api/sources/${id}/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token === null ? {} : { authorization: `Bearer ${token}` }) },
      body: raw ? (body as string) : JSON.stringify(body),
    });

  const entry = async (service: string) => {
    const body = (await (await fetch(`${board.url}/api/services/${service}`)).json()) as ServiceResponse;
    return { status: body.service.status, ci: body.service.checks.find((c) => c.id === 'ci') };
  };

  const source = async (): Promise<SourceView> => {
    const body = (await (await fetch(`${board.url}/api/sources`)).json()) as SourcesResponse;
    return body.sources.find((s) => s.id === 'ci')!;
  };

  /** Everything a report could change: each service as listed, and how many results its history holds. */
  const everything = async () => {
    const services = ((await (await fetch(`${board.url}/api/services`)).json()) as ServicesResponse).services;
    const histories = await Promise.all(
      services.map(async (s) => ((await (await fetch(`${board.url}/api/services/${s.id}/history`)).json()) as { results: unknown[] }).results.length),
    );
    return { services: services.map((s) => [s.id, s.status, s.checks.map((c) => [c.id, c.status, c.message])]), histories };
  };

  it('each service it may report on has an entry that reads "nothing received yet" until its first report', async () => {
    expect(await entry('checkout')).toMatchObject({ status: 'unknown', ci: { status: 'unknown', message: 'nothing received yet', origin: 'source' } });
    expect((await entry('billing')).ci).toBeUndefined();
    expect((await source()).services).toEqual(['checkout', 'api']);
  });

  it('a report turns its service to the status it names, with its message; a list reports on each', async () => {
    const answer = await post({ service: 'checkout', status: 'down', message: 'deploy 412 failed' });
    expect(answer.status).toBe(202);
    expect(await answer.json()).toEqual({ accepted: true });
    await waitFor(async () => (await entry('checkout')).status === 'down', 'checkout to go down');
    expect((await entry('checkout')).ci!.message).toBe('deploy 412 failed');

    expect(
      (
        await post([
          { service: 'checkout', status: 'up' },
          { service: 'api', status: 'degraded', message: 'slow' },
        ])
      ).status,
    ).toBe(202);
    await waitFor(async () => (await entry('checkout')).status === 'up', 'checkout to come back up');
    expect(await entry('api')).toMatchObject({ status: 'degraded', ci: { message: 'slow' } });
    expect(await source()).toMatchObject({ health: { received: 2, errors: 0, lastError: null } });
  });

  it("the sender's details are kept with the result, for the service page", async () => {
    await post({ service: 'api', status: 'down', details: { build: 412, url: 'https://ci.example/builds/412' } });
    await waitFor(async () => (await entry('api')).status === 'down', 'api to go down');
    const history = (await (await fetch(`${board.url}/api/services/api/history`)).json()) as { results: Array<{ checkId: string; details: unknown }> };
    expect(history.results.filter((r) => r.checkId === 'ci').at(-1)!.details).toEqual({ build: 412, url: 'https://ci.example/builds/412' });
  });

  it.each<[string, () => Promise<Response>, number, string]>([
    ['a wrong token', () => post({ service: 'checkout', status: 'down' }, { token: 'not-the-token-at-all-00000' }), 401, 'wrong or missing bearer token'],
    ['no token', () => post({ service: 'checkout', status: 'down' }, { token: null }), 401, 'wrong or missing bearer token'],
    [
      'a wrong token on a body over 1 MB (refused before the body is read)',
      () => post({ padding: 'x'.repeat(1_100_000) }, { token: 'nope-nope-nope-nope-0000' }),
      401,
      'wrong or missing bearer token',
    ],
    ['an unknown source id', () => post({ service: 'checkout', status: 'down' }, { id: 'nope' }), 404, 'unknown source'],
    ['malformed JSON', () => post('{"service": "checkout", "status": "do', { raw: true }), 400, 'request body is not valid JSON'],
    [
      'a body over 1 MB',
      () => post({ service: 'checkout', status: 'down', details: { padding: 'x'.repeat(1_100_000) } }),
      413,
      'request body larger than 1048576 bytes',
    ],
    [
      'a list with one bad item (none of it is applied)',
      () =>
        post([
          { service: 'checkout', status: 'down' },
          { service: 'api', status: 'down' },
          { service: 'api', status: 'red' },
        ]),
      400,
      '[2].status: expected one of up, degraded, down, unknown',
    ],
    [
      'a report on a service the source may not report on',
      () => post({ service: 'billing', status: 'down' }),
      400,
      'service: "billing" is not a service source "ci" reports on (checkout, api)',
    ],
    [
      'a report on a service not on the board',
      () => post({ service: 'nowhere', status: 'down' }),
      400,
      'service: "nowhere" is not a service source "ci" reports on',
    ],
  ])('%s changes nothing, says why, and is not logged as an error', async (_name, send, status, reason) => {
    await post({ service: 'checkout', status: 'up' });
    await waitFor(async () => (await entry('checkout')).status === 'up', 'checkout to be up');
    const before = await everything();
    const health = (await source()).health;

    const answer = await send();
    expect(answer.status).toBe(status);
    expect(((await answer.json()) as { error: { message: string } }).error.message).toContain(reason);
    expect(await everything()).toEqual(before);
    expect(lines.filter((line) => line.level >= ERROR)).toEqual([]);
    const after = (await source()).health;
    expect(after.received).toBe(health.received);
    // A request for another source is no refusal of this one.
    if (status === 404) expect(after).toEqual(health);
    else expect(after).toMatchObject({ errors: health.errors + 1, lastError: expect.stringContaining(reason) });
  });

  it('after a restart, each entry reads the last report stored, and the health is as it was', async () => {
    await post({ service: 'checkout', status: 'down', message: 'deploy 412 failed' });
    await post({ service: 'checkout', status: 'sideways' });
    await waitFor(async () => (await entry('checkout')).status === 'down', 'checkout to go down');
    const health = (await source()).health;
    expect(health).toMatchObject({ received: 1, errors: 1, lastError: expect.stringContaining('status') });

    const { dbFile } = board;
    await board.close();
    board = await startBoard(yaml, { dbFile, log: capturingLogger().log });
    expect(await entry('checkout')).toMatchObject({ status: 'down', ci: { message: 'deploy 412 failed' } });
    expect((await entry('api')).ci!.message).toBe('nothing received yet');
    expect((await source()).health).toEqual(health);

    await post({ service: 'checkout', status: 'up' });
    await waitFor(async () => (await entry('checkout')).status === 'up', 'checkout to come back up after the restart');
    expect((await source()).health.received).toBe(2);
  });

  it('a config reload keeps the health of a source that stays', async () => {
    await post({ service: 'api', status: 'up' });
    await post({ service: 'api', status: 'sideways' });
    const health = (await source()).health;
    expect(health).toMatchObject({ received: 1, errors: 1 });
    await board.app.reload(configFromYaml(yaml.replace('services: [checkout, api]', 'services: [checkout, api, billing]')));
    expect(await source()).toMatchObject({ services: ['checkout', 'api', 'billing'], health });
  });

  it('the token never appears in an answer or a log line', async () => {
    await post({ service: 'checkout', status: 'down', message: `the token is ${TOKEN}` });
    await post({ service: 'checkout', status: 'down' }, { token: `${TOKEN}x` });
    await post({ service: TOKEN, status: 'down' });
    await waitFor(async () => (await entry('checkout')).status === 'down', 'checkout to go down');
    const answers = await Promise.all(
      ['/api/sources', '/api/services', '/api/services/checkout', '/api/services/checkout/history'].map(async (path) =>
        (await fetch(`${board.url}${path}`)).text(),
      ),
    );
    for (const text of answers) expect(text).not.toContain(TOKEN);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(JSON.stringify(line)).not.toContain(TOKEN);
  });
});

describe('a webhook source in the config', () => {
  const problems = (fields: object) =>
    sourceSchema.safeParse({ id: 'ci', type: 'webhook', token: TOKEN, services: ['checkout'], ...fields }).error?.issues.map((i) => [i.path, i.message]) ?? [];

  it.each<[string, object, Array<[PropertyKey[], string]>]>([
    ['a valid one', {}, []],
    ['no services', { services: [] }, [[['services'], 'must name at least one service']]],
    ['a service named twice', { services: ['checkout', 'checkout'] }, [[['services'], 'names a service twice']]],
    ['a short token', { token: 'short' }, [[['token'], 'must be at least 16 characters: anyone who knows it can report']]],
  ])('%s', (_name, fields, expected) => {
    expect(problems(fields)).toEqual(expected);
  });
});
