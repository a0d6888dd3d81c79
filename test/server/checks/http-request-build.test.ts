import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FormData } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildRequest, RequestProblem } from '../../../server/checks/http-request-build';
import { requestShape } from '../../../server/checks/http-request-schema';

/** A file part of a multipart body, as undici's FormData holds it. */
type UploadedFile = { name: string; type: string; text(): Promise<string> };

const fields = z.object(requestShape(z.string()));
const build = (config: object) => buildRequest(fields.parse(config));

describe('building a request from its fields, before anything is sent', () => {
  it('merges query into the URL, replacing a parameter the URL already has and repeating a list', async () => {
    const request = await build({ url: 'http://127.0.0.1/search?lang=en&q=old', query: { q: 'lamp & shade', tag: ['a', 'b'] } });
    expect(request.url).toBe('http://127.0.0.1/search?lang=en&q=lamp+%26+shade&tag=a&tag=b');
  });

  it('names headers in lower case and turns auth into an authorization header', async () => {
    const request = await build({ url: 'http://127.0.0.1/', headers: { 'X-Trace': 'on' }, auth: { basic: { username: 'probe', password: 'pa55' } } });
    expect(request.headers).toEqual({ 'x-trace': 'on', authorization: `Basic ${Buffer.from('probe:pa55').toString('base64')}` });
    expect(request).not.toHaveProperty('body');
  });

  it('encodes json and form bodies with their content types, unless the config sets one', async () => {
    expect(await build({ url: 'http://127.0.0.1/', method: 'POST', json: { n: 1 } })).toMatchObject({
      body: '{"n":1}',
      headers: { 'content-type': 'application/json' },
    });
    expect(await build({ url: 'http://127.0.0.1/', form: { note: 'a b&c' } })).toMatchObject({
      body: 'note=a+b%26c',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(await build({ url: 'http://127.0.0.1/', headers: { 'Content-Type': 'text/x-mine' }, json: {} })).toMatchObject({
      headers: { 'content-type': 'text/x-mine' },
    });
  });

  it('a multipart body drops any content type, which must carry the boundary chosen when it is sent', async () => {
    const request = await build({
      url: 'http://127.0.0.1/',
      headers: { 'content-type': 'multipart/form-data' },
      multipart: { note: 'hi', doc: { file: { name: 'a.txt', content: 'hello' } } },
    });
    expect(request.headers).toEqual({});
    const form = request.body as FormData;
    expect(form).toBeInstanceOf(FormData);
    expect(form.get('note')).toBe('hi');
    expect(await (form.get('doc') as unknown as UploadedFile).text()).toBe('hello');
  });

  it.each([
    ['a mistyped URL, shown as written', { url: 'http//127.0.0.1/health' }, 'not a valid URL: http//127.0.0.1/health'],
    ['a URL that does not parse, its password masked', { url: 'http://user:hunter22@ho st/' }, 'not a valid URL: http://user:***@ho st/'],
    ['a URL that is not HTTP', { url: 'ftp://user:hunter22@127.0.0.1/' }, 'not an http:// or https:// URL: ftp://user:***@127.0.0.1/'],
    ['two kinds of body', { url: 'http://127.0.0.1/', json: {}, form: { a: '1' } }, 'use only one of body, json, form, multipart'],
  ])('refuses %s, saying so', async (_name, config, message) => {
    const building = build(config);
    await expect(building).rejects.toBeInstanceOf(RequestProblem);
    await expect(building).rejects.toThrow(message);
  });
});

describe("a file uploaded from the server's disk", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'greenboard-upload-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const upload = (path: string) => build({ url: 'http://127.0.0.1/', multipart: { doc: { file: { name: 'report.csv', path, contentType: 'text/csv' } } } });

  it('is read whole, with its name and type', async () => {
    const path = join(dir, 'report.csv');
    await writeFile(path, 'a,b\n1,2\n');
    const file = (await upload(path)).body as FormData;
    const sent = file.get('doc') as unknown as UploadedFile;
    expect({ name: sent.name, type: sent.type, text: await sent.text() }).toEqual({ name: 'report.csv', type: 'text/csv', text: 'a,b\n1,2\n' });
  });

  it('that is missing is a problem naming the path', async () => {
    await expect(upload(join(dir, 'gone.csv'))).rejects.toThrow(`cannot read upload file ${join(dir, 'gone.csv')}`);
  });

  it('larger than 10mb is refused without being read', async () => {
    const path = join(dir, 'huge.bin');
    await writeFile(path, '');
    await truncate(path, 10 * 1024 * 1024 + 1); // sparse: no 10 MB written to disk
    await expect(upload(path)).rejects.toThrow(`upload file ${path} is larger than 10mb`);
  });
});
