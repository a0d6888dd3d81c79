import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServicesResponse, ViewsResponse } from '../../../shared/api';
import { startBoard, type RunningBoard } from '../../helpers/board';
import { configFromYaml } from '../../helpers/config';

const YAML = `
teams:
  - { id: payments, name: Payments }
services:
  - { id: checkout, name: Checkout API, team: payments, tags: [eu, customer-facing] }
  - { id: batch, name: Nightly batch }
views:
  - { id: eu, name: EU, tag: eu, status: problems }
paging:
  boardUrl: https://status.example.com/
`;

let board: RunningBoard;

beforeAll(async () => {
  board = await startBoard(YAML);
});

afterAll(async () => {
  await board.close();
});

describe('GET /api/views', () => {
  it("answers the config's views, as boards filter by them, and the board's public address without its trailing slash", async () => {
    const response = await fetch(`${board.url}/api/views`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as ViewsResponse;
    expect(body).toEqual({
      views: [{ id: 'eu', name: 'EU', teams: [], tags: ['eu'], statuses: ['degraded', 'down', 'unknown'] }],
      boardUrl: 'https://status.example.com',
    });
  });

  it('other methods are refused with the methods it takes', async () => {
    const response = await fetch(`${board.url}/api/views`, { method: 'POST' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
  });

  it('a service carries its tags, and none when it has none', async () => {
    const body = (await (await fetch(`${board.url}/api/services`)).json()) as ServicesResponse;
    expect(Object.fromEntries(body.services.map((s) => [s.id, s.tags]))).toEqual({ checkout: ['eu', 'customer-facing'], batch: [] });
  });

  it('a reload that changes the views is answered at once', async () => {
    await board.app.reload(configFromYaml(YAML.replace('name: EU,', 'name: Europe,')));
    const body = (await (await fetch(`${board.url}/api/views`)).json()) as ViewsResponse;
    expect(body.views.map((v) => v.name)).toEqual(['Europe']);
  });

  it('an address that holds a value from the environment is not given out: no board shows such values', async () => {
    const yaml = YAML.replace('https://status.example.com/', 'https://${BOARD_HOST_TOKEN}.example.com');
    await board.app.reload(configFromYaml(yaml, { BOARD_HOST_TOKEN: 's3cr3t-board' }), ['s3cr3t-board']);
    const body = (await (await fetch(`${board.url}/api/views`)).json()) as ViewsResponse;
    expect(body.boardUrl).toBeNull();
  });
});

describe('GET /api/views with no views and no address', () => {
  it('answers empty views and a null address', async () => {
    const other = await startBoard(`services:\n  - { id: a, name: A }\n`);
    try {
      expect(await (await fetch(`${other.url}/api/views`)).json()).toEqual({ views: [], boardUrl: null });
    } finally {
      await other.close();
    }
  });
});
