import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCheck } from '../../../server/checks/runner';
import { scenarioCheck } from '../../../server/checks/scenario';
import type { StepReport } from '../../../server/checks/scenario-report';
import { parseConfig } from '../../../server/config/load';
import { checkSchema } from '../../../server/config/schema';
import { configFromYaml } from '../../helpers/config';
import { startHttpTarget, type HttpTarget } from '../../helpers/targets';
import { byTimeout } from '../../helpers/timing';
import { startDemoShop, type DemoShop } from '../../helpers/webapp';

let shop: DemoShop;
let hanging: HttpTarget;
beforeAll(async () => {
  [shop, hanging] = await Promise.all([startDemoShop(), startHttpTarget('hang')]);
});
afterAll(async () => {
  await Promise.all([shop.close(), hanging.close()]);
});
afterEach(() => shop.faults.clear());

const scenario = (steps: unknown[], extra: Record<string, unknown> = {}) =>
  checkSchema.parse({ id: 'journey', type: 'scenario', timeout: '5s', steps, ...extra });
const run = (steps: unknown[], extra: Record<string, unknown> = {}) => runCheck(scenarioCheck, scenario(steps, extra));
const stepsOf = (details: Record<string, unknown> | undefined) => details!.steps as StepReport[];

const json = { accept: 'application/json' };
const jsonLogin = (password = 'demo-password') => ({
  name: 'log in',
  method: 'POST',
  url: `${shopUrl()}login`,
  json: { username: 'demo', password },
  expect: { status: 200, json: { '$.user.name': 'Demo User' } },
  capture: { token: { json: '$.token' } },
});
const shopUrl = () => shop.url;
const search = (q = 'lamp') => ({
  name: 'search',
  url: `${shopUrl()}search`,
  query: { q },
  headers: { ...json, authorization: 'Bearer {{token}}' },
  expect: { json: { '$.results.length': '> 0' } },
});
const upload = () => ({
  name: 'upload',
  method: 'POST',
  url: `${shopUrl()}upload`,
  headers: json,
  multipart: { file: { file: { name: 'hello.txt', content: 'hello world', contentType: 'text/plain' } } },
  expect: { status: 200, json: { '$.uploaded': 'hello.txt', '$.bytes': 11 } },
});
const logout = () => ({ name: 'log out', method: 'POST', url: `${shopUrl()}logout`, headers: json, expect: { json: { '$.signedOut': true } } });

/** A loopback server that records each request and answers with `handle`. */
async function startRecorder(handle: (req: IncomingMessage, res: ServerResponse) => void) {
  const seen: IncomingMessage[] = [];
  const server = createServer((req, res) => {
    seen.push(req);
    handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    seen,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('the scenario check against the demo shop', () => {
  it('the whole journey (log in, search, upload, log out) is ok, with a timing for every step', async () => {
    const result = await run([jsonLogin(), search(), upload(), logout()]);
    expect(result).toMatchObject({ outcome: 'ok', message: '4 steps ok' });
    const steps = stepsOf(result.details);
    expect(steps.map((s) => [s.name, s.method, s.status, s.outcome])).toEqual([
      ['log in', 'POST', 200, 'ok'],
      ['search', 'GET', 200, 'ok'],
      ['upload', 'POST', 200, 'ok'],
      ['log out', 'POST', 200, 'ok'],
    ]);
    for (const step of steps) expect(step.latencyMs).toBeGreaterThanOrEqual(0);
    expect(result.latencyMs).toBeGreaterThanOrEqual(steps.reduce((sum, s) => sum + s.latencyMs!, 0) - 4);
    expect(steps[1]!.url).toBe(`${shop.url}search?q=lamp`);
  });

  it('a wrong password fails at step 1, naming it, and nothing after it runs', async () => {
    const result = await run([jsonLogin('wrong-password'), search(), upload(), logout()]);
    expect(result).toMatchObject({ outcome: 'failed', message: "step 1 'log in': expected status 200, got 401" });
    expect(stepsOf(result.details).map((s) => s.outcome)).toEqual(['failed', 'not run', 'not run', 'not run']);
    expect(stepsOf(result.details)[0]!.bodyExcerpt).toContain('Wrong user or password');
  });

  it('a broken upload fails at step 3 of 4 and marks step 4 not run', async () => {
    shop.faults.add('upload');
    const result = await run([jsonLogin(), search(), upload(), logout()]);
    expect(result).toMatchObject({ outcome: 'failed', message: "step 3 'upload': expected status 200, got 500" });
    const steps = stepsOf(result.details);
    expect(steps.map((s) => s.outcome)).toEqual(['ok', 'ok', 'failed', 'not run']);
    expect(steps[3]).toMatchObject({ name: 'log out', method: 'POST', status: null, latencyMs: null, message: 'not run' });
  });

  it('a search without results fails with the JSON value named', async () => {
    shop.faults.add('search');
    const result = await run([jsonLogin(), search()]);
    expect(result.message).toBe("step 2 'search': $.results.length: expected > 0, got 0");
  });

  it('the cookie jar carries the session from a form login to the next step, with no Authorization header', async () => {
    const result = await run([
      {
        name: 'sign in',
        method: 'POST',
        url: `${shop.url}login`,
        form: { username: 'demo', password: 'demo-password' },
        followRedirects: false,
        expect: { status: 303 },
      },
      { name: 'search', url: `${shop.url}search?q=desk`, headers: json, expect: { json: { '$.results[0]': 'desk (small)' } } },
      { name: 'search page', url: `${shop.url}search?q=desk`, expect: { bodyContains: ['Signed in as Demo User', '2 results'] } },
    ]);
    expect(result).toMatchObject({ outcome: 'ok', message: '3 steps ok' });
  });

  it('without the jar the same search is refused, so it is the cookie that signed in', async () => {
    const result = await run([{ name: 'search', url: `${shop.url}search?q=desk`, headers: json }]);
    expect(result.message).toBe("step 1 'search': expected status 2xx, got 401");
  });

  it('a token captured from JSON is sent as {{token}} in a Bearer header, and never shown', async () => {
    const recorder = await startRecorder((_req, res) => void res.writeHead(500).end('server echoes nothing'));
    try {
      const result = await run([jsonLogin(), { name: 'echo', url: recorder.url, auth: { bearer: '{{token}}' }, expect: { status: 200 } }]);
      expect(result.message).toBe("step 2 'echo': expected status 200, got 500");
      const sent = recorder.seen[0]!.headers.authorization!;
      const token = /^Bearer (\w{16,})$/.exec(sent)![1]!;
      // The token is a live session of the shop.
      expect((await fetch(`${shop.url}search?q=x`, { headers: { authorization: sent } })).status).toBe(200);
      expect(JSON.stringify(result)).not.toContain(token);
    } finally {
      await recorder.close();
    }
  });

  it('a captured token that a failing step would echo is masked in its message, URL and body', async () => {
    const result = await run([jsonLogin(), { ...search(), query: { q: '{{token}}' }, expect: { json: { '$.query': 'lamp' } } }]);
    expect(result.outcome).toBe('failed');
    expect(result.message).toBe("step 2 'search': $.query: expected lamp, got ***");
    const step = stepsOf(result.details)[1]!;
    expect(step.url).toBe(`${shop.url}search?q=***`);
    expect(step.bodyExcerpt).toContain('"query":"***"');
  });

  it('a plain variable filled into a credential field is masked like the field itself', async () => {
    const echo = { ...search(), query: { q: '{{pw}}' }, expect: { json: { '$.query': 'lamp' } } };
    const result = await run([jsonLogin('{{pw}}'), echo], { variables: { pw: 'demo-password' } });
    expect(result.outcome).toBe('failed');
    expect(result.message).toBe("step 2 'search': $.query: expected lamp, got ***");
    expect(JSON.stringify(result)).not.toContain('demo-password');
  });

  it('values are captured by regex and by header, and used in the next request', async () => {
    const recorder = await startRecorder((req, res) => {
      if (req.url === '/start') return void res.setHeader('x-request-id', 'req-4242').end('<a href="/next?token=abc123xyz">go</a>');
      res.end('OK');
    });
    try {
      const result = await run([
        { name: 'start', url: `${recorder.url}start`, capture: { tok: { regex: 'token=(\\w+)' }, rid: { header: 'X-Request-Id', secret: false } } },
        { name: 'next', url: `${recorder.url}next/{{rid}}`, query: { token: '{{tok}}' } },
      ]);
      expect(result).toMatchObject({ outcome: 'ok', message: '2 steps ok' });
      expect(recorder.seen[1]!.url).toBe('/next/req-4242?token=abc123xyz');
      // rid is not secret, so it shows; tok is masked by default.
      expect(stepsOf(result.details)[1]!.url).toBe(`${recorder.url}next/req-4242?token=***`);
    } finally {
      await recorder.close();
    }
  });

  it('initial variables fill {{name}} in the first steps', async () => {
    const result = await run(
      [
        {
          name: 'search',
          url: `${shop.url}login`,
          method: 'POST',
          form: { username: '{{user}}', password: '{{password}}' },
          followRedirects: false,
          expect: { status: 303 },
        },
      ],
      {
        variables: { user: 'demo', password: 'demo-password' },
      },
    );
    expect(result.outcome).toBe('ok');
  });

  it('a base URL from a variable is used, and checked when the step runs', async () => {
    const steps = [{ name: 'home', url: '{{shop}}/', expect: { bodyContains: 'Sign in' } }];
    expect(await run(steps, { variables: { shop: shop.url.replace(/\/$/, '') } })).toMatchObject({ outcome: 'ok' });
    expect(await run(steps, { variables: { shop: 'shop.example' } })).toMatchObject({
      outcome: 'failed',
      message: "step 1 'home': not a valid URL: shop.example/",
    });
  });

  it('an undefined variable fails its step with the name, before anything is sent', async () => {
    const result = await run([jsonLogin(), { ...search(), headers: { authorization: 'Bearer {{tokn}}' } }, logout()]);
    expect(result).toMatchObject({ outcome: 'failed', message: "step 2 'search': undefined variable {{tokn}}" });
    expect(stepsOf(result.details).map((s) => s.outcome)).toEqual(['ok', 'failed', 'not run']);
  });

  it('a capture that finds nothing fails its step, the token in its body masked', async () => {
    const result = await run([{ ...jsonLogin(), capture: { token: { json: '$.access_token' } } }, search()]);
    expect(result.message).toBe("step 1 'log in': capture token: nothing at $.access_token");
    expect(stepsOf(result.details)[0]!.bodyExcerpt).toMatch(/^\{"token":"\*\*\*","user":\{"name":"Demo User"\}\}$/);
  });

  it("a file from the server's disk is uploaded", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'greenboard-scenario-'));
    try {
      await writeFile(join(dir, 'report.csv'), 'a,b\n1,2\n');
      const step = {
        ...upload(),
        multipart: { note: 'monthly', file: { file: { name: 'report.csv', path: join(dir, 'report.csv') } } },
        expect: { json: { '$.uploaded': 'report.csv', '$.bytes': 8 } },
      };
      const result = await run([jsonLogin(), step]);
      expect(result).toMatchObject({ outcome: 'ok' });
      const missing = await run([jsonLogin(), { ...step, multipart: { file: { file: { name: 'x', path: join(dir, 'gone.csv') } } } }]);
      expect(missing.message).toBe(`step 2 'upload': cannot read upload file ${join(dir, 'gone.csv')}`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("a hanging step is cut by the check's timeout, naming the step, with earlier steps reported", async () => {
    const started = Date.now();
    // Long enough for the first step on a busy machine: the second waits out whatever is left.
    const result = await run([jsonLogin(), { name: 'stuck', url: hanging.url }, logout()], { timeout: '2s' });
    expect(Date.now() - started).toBeLessThan(byTimeout(2_000));
    expect(result).toMatchObject({ outcome: 'failed', message: "step 2 'stuck': timed out after 2s" });
    expect(stepsOf(result.details).map((s) => s.outcome)).toEqual(['ok', 'failed', 'not run']);
  });

  it('a slow step makes the scenario degraded, naming the step', async () => {
    const slow = await startHttpTarget('slow');
    slow.slowMs = 60;
    try {
      const result = await run([jsonLogin(), { name: 'slow page', url: slow.url, expect: { maxResponseTime: '10ms' } }]);
      expect(result.outcome).toBe('degraded');
      expect(result.message).toMatch(/^step 2 'slow page': slow: took \d+ms, limit 10ms$/);
    } finally {
      await slow.close();
    }
  });

  it('steps without a name are called "step N", in the message without repeating it', async () => {
    const result = await run([{ url: `${shop.url}` }, { url: `${shop.url}search` }]);
    expect(result.message).toBe('step 2: expected status 2xx, got 401');
    expect(stepsOf(result.details).map((s) => s.name)).toEqual(['step 1', 'step 2']);
  });

  it('a step whose body is larger than its maxBodySize fails, naming the limit; one within it is ok', async () => {
    const endless = await startHttpTarget('endless');
    const sized = await startRecorder((req, res) => void res.end('a'.repeat(Number(req.url!.slice(1)))));
    try {
      const within = await run([
        { name: 'exact', url: `${sized.url}1024`, maxBodySize: '1kb' },
        { name: 'under', url: `${sized.url}10`, maxBodySize: '1kb' },
      ]);
      expect(within).toMatchObject({ outcome: 'ok', message: '2 steps ok' });
      const result = await run([jsonLogin(), { name: 'feed', url: endless.url, maxBodySize: '64kb' }, logout()]);
      expect(result).toMatchObject({ outcome: 'failed', message: "step 2 'feed': response body larger than maxBodySize (64 KB); stopped reading" });
      expect(stepsOf(result.details).map((s) => s.outcome)).toEqual(['ok', 'failed', 'not run']);
      expect(stepsOf(result.details)[1]).toMatchObject({ status: 200, bodyExcerpt: expect.stringMatching(/^x{500}$/) });
    } finally {
      await Promise.all([endless.close(), sized.close()]);
    }
  });

  it('a login step failing its expect shows its body with the tokens it hands out masked', async () => {
    const login = await startRecorder(
      (_req, res) =>
        void res.setHeader('content-type', 'application/json').end(JSON.stringify({ access_token: 'LEAKYTOKEN-999', user: 'demo', mfa: 'required' })),
    );
    try {
      const result = await run([{ name: 'log in', method: 'POST', url: login.url, json: { username: 'demo' }, expect: { json: { '$.mfa': 'done' } } }]);
      expect(result.message).toBe("step 1 'log in': $.mfa: expected done, got required");
      expect(stepsOf(result.details)[0]!.bodyExcerpt).toBe('{"access_token":"***","user":"demo","mfa":"required"}');
      const missed = await run([{ name: 'log in', method: 'POST', url: login.url, capture: { token: { json: '$.token' } } }]);
      expect(missed.message).toBe("step 1 'log in': capture token: nothing at $.token");
      expect(stepsOf(missed.details)[0]!.bodyExcerpt).toBe('{"access_token":"***","user":"demo","mfa":"required"}');
      expect(JSON.stringify([result, missed])).not.toContain('LEAKYTOKEN-999');
    } finally {
      await login.close();
    }
  });

  it('the journey in the example config is green against the demo shop', async () => {
    const text = await readFile(new URL('../../../examples/greenboard.yaml', import.meta.url), 'utf8');
    const service = parseConfig(text, 'greenboard.yaml', {}).config.services.find((s) => s.id === 'demo-shop-journey')!;
    const check = service.checks[0]!;
    if (check.type !== 'scenario') throw new Error('the example journey is not a scenario');
    const againstTestShop = { ...check, variables: { shop: shop.url.replace(/\/$/, '') } };
    const result = await runCheck(scenarioCheck, againstTestShop);
    expect(result).toMatchObject({ outcome: 'ok', message: '4 steps ok' });
  });

  it('describes the journey by its step names and host', () => {
    expect(scenarioCheck.describe(scenario([jsonLogin(), search()]) as never)).toBe(`scenario on ${new URL(shop.url).host}: log in → search`);
  });

  it('counts step credentials and URL passwords among its secrets', () => {
    const secrets = scenarioCheck.secrets!(
      scenario([{ url: 'http://user:url-pass-11@127.0.0.1:9/', auth: { basic: { username: 'u', password: 'basic-pass-22' } } }]) as never,
    );
    expect(secrets).toEqual(expect.arrayContaining(['url-pass-11', 'basic-pass-22']));
  });
});

describe('scenario config errors name the file, the line and the field', () => {
  const yaml = (steps: string[]) =>
    ['services:', '  - id: shop', '    name: Shop', '    checks:', '      - id: journey', '        type: scenario', '        steps:', ...steps].join('\n');
  it.each<[string, string[], string]>([
    [
      'a misspelt field in a step',
      [
        '          - name: log in',
        '            url: http://127.0.0.1:9/login',
        '          - name: search',
        '            url: http://127.0.0.1:9/search',
        '            exepct: { status: 200 }',
      ],
      'test.yaml:12: services[0].checks[0].steps[1].exepct: unknown field "exepct"',
    ],
    [
      'a step that is not a URL',
      ['          - url: "localhost/{{path}}"'],
      'test.yaml:8: services[0].checks[0].steps[0].url: expected an http:// or https:// URL (it may use {{variables}})',
    ],
    [
      'two bodies in a step',
      ['          - url: http://127.0.0.1:9/', '            json: {}', '            form: { a: b }'],
      'test.yaml:10: services[0].checks[0].steps[0].form: use only one of json, form',
    ],
    [
      'a capture from two places',
      ['          - url: http://127.0.0.1:9/', '            capture:', '              token: { json: $.token, header: x-token }'],
      'test.yaml:10: services[0].checks[0].steps[0].capture.token: a capture takes exactly one of json, header or regex',
    ],
    [
      'a capture name that cannot be a variable',
      ['          - url: http://127.0.0.1:9/', '            capture:', '              my-token: { json: $.token }'],
      'services[0].checks[0].steps[0].capture.my-token: "my-token" is not a variable name',
    ],
    ['no steps', ['          []'], 'services[0].checks[0].steps: a scenario needs at least one step'],
  ])('%s', (_name, steps, message) => {
    expect(() => configFromYaml(yaml(steps))).toThrow(message);
  });

  it('a step with a {{variable}} in its host is a valid URL', () => {
    expect(() => configFromYaml(yaml(['          - url: "http://{{host}}:8080/health"']))).not.toThrow();
  });
});
