import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ServiceResponse, ServicesResponse, UnmappedAlertsResponse } from '../../../shared/api';
import { connectClient, startBoard, type RunningBoard } from '../../helpers/board';
import { capturingLogger, ERROR, type LogLine } from '../../helpers/log-lines';
import { waitFor } from '../../helpers/wait';
import { fixture, type Json } from './fixtures';

const TOKEN = 'am-webhook-token-0123456789abcdef';

const yaml = `
services:
  - { id: checkout, name: Checkout, checks: [] }
  - { id: auth, name: Auth, checks: [] }
sources:
  - { id: am, type: alertmanager, token: ${TOKEN} }
`;

describe('the alertmanager source, on a real board', () => {
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

  const post = (body: Json, { token = TOKEN, id = 'am' }: { token?: string | null; id?: string } = {}) =>
    fetch(`${board.url}/api/sources/${id}/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token === null ? {} : { authorization: `Bearer ${token}` }) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  const entry = async (service: string) => {
    const body = (await (await fetch(`${board.url}/api/services/${service}`)).json()) as ServiceResponse;
    return { status: body.service.status, am: body.service.checks.find((c) => c.id === 'am')! };
  };

  it('until a webhook comes, every service reads "no alerts firing"', async () => {
    await waitFor(async () => (await entry('auth')).am.message === 'no alerts firing', 'auth to read no alerts firing');
    expect((await entry('checkout')).status).toBe('up');
  });

  it('a firing webhook turns the mapped service down, naming the alerts; the resolved one turns it up', async () => {
    expect((await post(fixture('alertmanager/webhook-firing.json'))).status).toBe(202);
    await waitFor(async () => (await entry('checkout')).status === 'down', 'checkout to go down');
    const { am } = await entry('checkout');
    expect(am.message).toContain('ServiceDown: checkout is down');
    expect(am.message).toContain('ProbeFailed: HTTP probe of checkout failed');
    expect((await entry('auth')).status).toBe('up');

    expect((await post(fixture('alertmanager/webhook-resolved.json'))).status).toBe(202);
    await waitFor(async () => (await entry('checkout')).status === 'up', 'checkout to come back up');
  });

  it("a webhook larger than the API's usual 256 KB, but under 1 MB, is taken", async () => {
    const big = { ...fixture('alertmanager/webhook-firing.json'), padding: 'x'.repeat(600_000) };
    expect((await post(big)).status).toBe(202);
    await waitFor(async () => (await entry('checkout')).status === 'down', 'checkout to go down');
  });

  it('the details of the down entry carry the alerts, with name, summary and labels', async () => {
    await post(fixture('alertmanager/webhook-firing.json'));
    await waitFor(async () => (await entry('checkout')).status === 'down', 'checkout to go down');
    const history = (await (await fetch(`${board.url}/api/services/checkout/history`)).json()) as { results: Array<{ checkId: string; details: Json }> };
    const alerts = history.results.filter((r) => r.checkId === 'am').at(-1)!.details.alerts as Json[];
    expect(alerts.map((a: Json) => [a.alertname, a.summary, a.labels.service])).toEqual(
      expect.arrayContaining([
        ['ServiceDown', 'checkout is down', 'checkout'],
        ['ProbeFailed', 'HTTP probe of checkout failed', 'checkout'],
      ]),
    );
  });

  it('when one alert of a group resolves while another still fires, the service stays down on the other', async () => {
    const firing = fixture('alertmanager/webhook-partly-resolved.json');
    // First both alerts of the group fire.
    for (const alert of firing.alerts) alert.status = 'firing';
    for (const alert of firing.alerts) alert.endsAt = '0001-01-01T00:00:00Z';
    await post(firing);
    await waitFor(async () => (await entry('auth')).am.message.includes('ServiceDown'), 'auth to show ServiceDown');
    await post(fixture('alertmanager/webhook-partly-resolved.json'));
    await waitFor(async () => !(await entry('auth')).am.message.includes('ServiceDown'), 'ServiceDown to clear from auth');
    const auth = await entry('auth');
    expect(auth.status).toBe('down');
    expect(auth.am.message).toContain('ProbeFailed');
  });

  it.each([
    ['a wrong token', () => post(fixture('alertmanager/webhook-firing.json'), { token: 'not-the-token-at-all-00000' }), 401],
    ['no token', () => post(fixture('alertmanager/webhook-firing.json'), { token: null }), 401],
    [
      'a wrong token on a body over 1 MB (refused before the body is read)',
      () => post({ padding: 'x'.repeat(1_100_000) }, { token: 'not-the-token-at-all-00000' }),
      401,
    ],
    ['an unknown source id', () => post(fixture('alertmanager/webhook-firing.json'), { id: 'nope' }), 404],
    ['a body over 1 MB', () => post({ ...fixture('alertmanager/webhook-firing.json'), padding: 'x'.repeat(1_100_000) }), 413],
    ['malformed JSON', () => post('{"alerts": ['), 400],
  ])('%s changes nothing and is not logged as an error', async (_name, send, status) => {
    await waitFor(async () => (await entry('checkout')).am.message === 'no alerts firing', 'checkout to read no alerts firing');
    const answer = await send();
    expect(answer.status).toBe(status);
    await answer.text();
    expect((await entry('checkout')).status).toBe('up');
    expect(lines.filter((line) => line.level >= ERROR)).toEqual([]);
  });

  it('a body of the wrong shape is a 400 naming the field, and changes nothing', async () => {
    const body = fixture('alertmanager/webhook-firing.json');
    body.alerts[1].status = 'burning';
    const answer = await post(body);
    expect(answer.status).toBe(400);
    expect((await answer.json()).error.message).toContain('alerts[1].status');
    expect((await entry('checkout')).status).toBe('up');
  });

  it('an alert that maps to no service is listed as unmapped, not dropped', async () => {
    const body = fixture('alertmanager/webhook-firing.json');
    body.alerts[0].labels.service = 'billing';
    await post(body);
    await waitFor(async () => (await entry('checkout')).status === 'down', 'checkout to go down');
    const unmapped = (await (await fetch(`${board.url}/api/alerts/unmapped`)).json()) as UnmappedAlertsResponse;
    expect(unmapped.alerts.map((a) => [a.alertname, a.reason])).toEqual([['ProbeFailed', 'service="billing" is not a service on the board']]);
  });

  it('alerts that fit no service are counted on every board, live, and the count goes once they resolve', async () => {
    const client = await connectClient(board.url);
    const body = fixture('alertmanager/webhook-firing.json');
    body.alerts[0].labels.service = 'billing';
    await post(body);
    const notice = await waitFor(() => client.notices.find((n) => n.code === 'unmapped-alerts'), 'the boards to be told of the unmapped alert');
    expect(notice.message).toBe('1 alert fits no service on this board: ProbeFailed (service=billing).');
    const listed = (await (await fetch(`${board.url}/api/services`)).json()) as ServicesResponse;
    expect(listed.notices).toEqual([notice]);

    const resolved = fixture('alertmanager/webhook-resolved.json');
    resolved.alerts[0].labels.service = 'billing';
    await post(resolved);
    await waitFor(() => client.notices.length === 0, 'the notice to go once the alert resolved');
    expect(((await (await fetch(`${board.url}/api/services`)).json()) as ServicesResponse).notices).toEqual([]);
    client.close();
  });

  it('after a restart, the alerts held before are still held: a firing service stays down', async () => {
    await post(fixture('alertmanager/webhook-firing.json'));
    await waitFor(async () => (await entry('checkout')).status === 'down', 'checkout to go down');
    const { dbFile } = board;
    await board.close();
    board = await startBoard(yaml, { dbFile, log: capturingLogger().log });
    expect((await entry('checkout')).status).toBe('down');
    await post(fixture('alertmanager/webhook-resolved.json'));
    await waitFor(async () => (await entry('checkout')).status === 'up', 'checkout to come back up after the restart');
  });

  it('a rule sends an alert to the service it names, before the service label', async () => {
    await board.close();
    const withRule = yaml.replace(`token: ${TOKEN} }`, `token: ${TOKEN}, rules: [{ matchers: ['alertname="ProbeFailed"'], service: auth }] }`);
    board = await startBoard(withRule, { log: capturingLogger().log });
    await post(fixture('alertmanager/webhook-firing.json'));
    await waitFor(async () => (await entry('auth')).am.message.includes('ProbeFailed'), 'ProbeFailed to land on auth');
    expect((await entry('checkout')).am.message).toBe('ServiceDown: checkout is down');
  });

  it('a keep-alive alert (keepAlive) is taken as a message but is neither on a service nor unmapped', async () => {
    await board.close();
    board = await startBoard(yaml.replace(`token: ${TOKEN} }`, `token: ${TOKEN}, keepAlive: ['alertname="Watchdog"'] }`), { log: capturingLogger().log });
    const client = await connectClient(board.url);
    const body = fixture('alertmanager/webhook-firing.json');
    body.alerts[0].labels = { alertname: 'Watchdog' };
    body.alerts[1].labels.service = 'billing';
    expect((await post(body)).status).toBe(202);
    // The other alert, which fits no service, is what the boards are told of.
    const notice = await waitFor(() => client.notices.find((n) => n.code === 'unmapped-alerts'), 'the unmapped alert to be counted');
    expect(notice.message).toBe('1 alert fits no service on this board: ServiceDown (service=billing).');
    const unmapped = (await (await fetch(`${board.url}/api/alerts/unmapped`)).json()) as UnmappedAlertsResponse;
    expect(unmapped.alerts.map((a) => a.alertname)).toEqual(['ServiceDown']);
    expect((await entry('checkout')).status).toBe('up');
    client.close();
  });

  it('the token never appears in an answer or a log line', async () => {
    await post(fixture('alertmanager/webhook-firing.json'));
    await post(fixture('alertmanager/webhook-firing.json'), { token: `${TOKEN}x` });
    const answers = await Promise.all(
      ['/api/sources', '/api/services', '/api/services/checkout', '/api/alerts/unmapped'].map(async (path) => (await fetch(`${board.url}${path}`)).text()),
    );
    for (const text of answers) expect(text).not.toContain(TOKEN);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(JSON.stringify(line)).not.toContain(TOKEN);
  });
});
