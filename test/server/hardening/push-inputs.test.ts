import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBoard, type RunningBoard } from '../../helpers/board';
import { awkwardText, intoUrl, percentGarbage, queryString } from './awkward-input';
import type { HistoryResponse } from '../../../shared/api';
import { boardState, described, expectHealthy, expectNoServerError, send, servicesResponse, type RawRequest } from './answers';
import { runs } from './runs';

/**
 * Several jobs push, each to a token of its own: each push source allows a burst of ten,
 * so with several the right token is accepted often enough to matter.
 */
const JOBS = ['export', 'import', 'backup', 'report', 'reindex', 'cleanup'];
const tokenOf = (job: string) => `push-${job}-7f3a9c21e4b8d605`;
/** Its own push source, pushed to once before the properties and never by them. */
const LEDGER_TOKEN = 'ledger-0123456789abcdef0123';

const yaml = `
services:
${JOBS.map((job) => `  - { id: ${job}, name: ${job} }`).join('\n')}
  - { id: ledger, name: Ledger }
sources:
${JOBS.map((job) => `  - { id: ${job}-push, type: push, token: ${tokenOf(job)}, service: ${job}, grace: 1h }`).join('\n')}
  - { id: ledger-push, type: push, token: ${LEDGER_TOKEN}, service: ledger, grace: 1h }
`;

/** The right tokens, near misses of them, and anything else. */
const token = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...JOBS.map(tokenOf)) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom(...JOBS.map(tokenOf)), fc.nat(), fc.constantFrom('drop', 'extra', 'case', 'space', 'slash', 'encoded'))
      .map(([right, at, how]) => {
        const i = at % right.length;
        if (how === 'drop') return right.slice(0, i) + right.slice(i + 1);
        if (how === 'extra') return `${right.slice(0, i)}x${right.slice(i)}`;
        if (how === 'case') return right.toUpperCase();
        if (how === 'space') return ` ${right} `;
        if (how === 'slash') return `${right}/`;
        return `${right.slice(0, i)}%${right.charCodeAt(i).toString(16)}${right.slice(i + 1)}`;
      }),
  },
  { weight: 2, arbitrary: awkwardText(30_000) },
  { weight: 1, arbitrary: percentGarbage },
);

/** What a job could say as its status or message: the words a push takes, near misses, names Object has, anything. */
const pushValue = fc.oneof(
  fc.constantFrom('up', 'down', 'degraded', 'UP', 'unknown', 'sideways', '', 'constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'),
  awkwardText(2_000),
);
const pushFields = fc.record({ status: pushValue, msg: pushValue }, { requiredKeys: [] });

/** A body of any kind, with a content type that may or may not match it. */
const body = fc.oneof(
  fc.constant(undefined),
  pushFields.map((fields) => ({ type: 'application/json', text: JSON.stringify(fields) })),
  fc.jsonValue().map((value) => ({ type: 'application/json', text: JSON.stringify(value) })),
  pushFields.map((fields) => ({
    type: 'application/x-www-form-urlencoded',
    text: new URLSearchParams(fields as Record<string, string>).toString(),
  })),
  fc.record({
    type: fc.constantFrom(
      'application/json',
      'application/json; charset=latin1',
      'application/x-www-form-urlencoded',
      'text/plain',
      'multipart/form-data; boundary=x',
      'application/vnd.api+json',
      '',
      ';;;',
      'application/json; charset="',
    ),
    text: fc.oneof(awkwardText(20_000), queryString(['status', 'msg'])),
  }),
);

const pushRequest = fc
  .record({
    method: fc.constantFrom('GET', 'POST', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'),
    token,
    rawToken: fc.boolean(),
    query: fc.oneof(
      fc.constant(''),
      pushFields.map((fields) => new URLSearchParams(fields as Record<string, string>).toString()),
      queryString(['status', 'msg'], { maxValue: 2_000 }),
    ),
    body,
  })
  .map(({ method, token, rawToken, query, body }): RawRequest => {
    const headers: Record<string, string> = {};
    if (body?.type) headers['content-type'] = body.type;
    return { method, path: `/api/push/${intoUrl(token, rawToken)}${query ? `?${query}` : ''}`, headers, body: body?.text };
  });

/** The job whose token the path names, as the server decodes it. */
function jobOf(path: string): string | undefined {
  // The route takes one trailing slash, as Express routes do.
  const token = decodeURIComponent(path.slice('/api/push/'.length).split('?')[0]!.replace(/\/$/, ''));
  return JOBS.find((job) => tokenOf(job) === token);
}

describe('push URLs, for any request', () => {
  let board: RunningBoard;

  beforeAll(async () => {
    board = await startBoard(yaml);
    expect((await fetch(`${board.url}/api/push/${LEDGER_TOKEN}?msg=nightly%20ledger%20closed`)).status).toBe(202);
  });
  afterAll(() => board?.close());

  /** An accepted push shows on its job's service only, with a status a push can say, and is its latest stored result. */
  const expectRecorded = async (job: string | undefined, changed: string[]) => {
    expect(job, 'a push accepted for no job').toBeDefined();
    expect(changed.every((id) => id === job)).toBe(true);
    const service = (await servicesResponse(board.url)).services.find((s) => s.id === job)!;
    expect(['up', 'degraded', 'down']).toContain(service.status);
    const history = (await (await fetch(`${board.url}/api/services/${job}/history`)).json()) as HistoryResponse;
    const latest = history.latest.find((r) => r.checkId === `${job!}-push`);
    expect(latest).toMatchObject({ at: service.checks[0]!.lastCheckedAt, message: service.checks[0]!.message });
  };

  it('never answers 5xx, answers errors in the API shape, changes nothing on a refusal and never touches another job’s service', async () => {
    const ledger = (await boardState(board.url)).get('ledger')!;
    expect(ledger).toMatchObject({ status: 'up', checks: [{ message: 'nightly ledger closed' }] });
    await fc.assert(
      fc.asyncProperty(pushRequest, async (request) => {
        const before = await boardState(board.url);
        const answer = await send(board.url, request);
        expectNoServerError(request, answer);
        const after = await boardState(board.url);
        expect(after.get('ledger'), 'the ledger, which nothing pushed to').toEqual(ledger);
        // A refusal changes nothing; an accepted push changes its own job's service only, and is recorded.
        const changed = [...after].filter(([id, state]) => JSON.stringify(state) !== JSON.stringify(before.get(id))).map(([id]) => id);
        if (answer.status !== 202) expect(changed, described(request, answer)).toEqual([]);
        else await expectRecorded(jobOf(request.path), changed);
        expect((await servicesResponse(board.url)).notices, 'notices on the board').toEqual([]);
        await expectHealthy(board.url);
      }),
      { numRuns: runs(250) },
    );
  });

  // Found by the property above: a status was looked up with `in`, so the names of
  // Object.prototype's members passed as statuses; the push was accepted, turned the
  // service degraded, and its result could not be stored.
  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])(
    'a push saying status=%s is refused naming the field, and changes nothing',
    async (status) => {
      const before = await boardState(board.url);
      // The ledger's token: the jobs' may have used up their rate in the property above.
      const answer = await send(board.url, { method: 'GET', path: `/api/push/${LEDGER_TOKEN}?status=${status}` });
      expect(answer.status).toBe(400);
      expect(answer.json).toEqual({ error: { code: 'bad_request', message: 'status must be one of up, degraded, down' } });
      expect(await boardState(board.url)).toEqual(before);
    },
  );
});
