import { afterEach, describe, expect, it } from 'vitest';
import type { ServicesResponse } from '../../shared/api';
import { startBoard, type RunningBoard } from '../helpers/board';

const SOURCES = 5_000;
const token = (i: number) => `heartbeat-token-${String(i).padStart(5, '0')}`;

function yaml(): string {
  const sources = Array.from({ length: SOURCES }, (_, i) => `  - { id: job-${i}, type: push, token: ${token(i)}, service: jobs, grace: 1h }`);
  return ['services:', '  - { id: jobs, name: Jobs }', 'sources:', ...sources].join('\n');
}

const boards: RunningBoard[] = [];
afterEach(async () => {
  await Promise.all(boards.splice(0).map((b) => b.close()));
});

describe('a board with thousands of sources', () => {
  it('still answers the API, and a push to the last token is taken and masked', async () => {
    const board = await startBoard(yaml());
    boards.push(board);

    const services = await fetch(`${board.url}/api/services`);
    expect(services.status).toBe(200);
    const pushed = await fetch(`${board.url}/api/push/${token(SOURCES - 1)}?msg=${encodeURIComponent(`done, ${token(SOURCES - 2)}`)}`);
    expect(pushed.status).toBe(202);

    const jobs = ((await (await fetch(`${board.url}/api/services`)).json()) as ServicesResponse).services[0]!;
    const last = jobs.checks.find((c) => c.id === `job-${SOURCES - 1}`)!;
    expect(last).toMatchObject({ status: 'up', message: 'done, ***' });
    expect((await fetch(`${board.url}/api/push/not-a-token-of-this-board`)).status).toBe(404);
  }, 60_000);
});
