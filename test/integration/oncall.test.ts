import { afterEach, describe, expect, it } from 'vitest';
import type { OncallResponse, ServicesResponse } from '../../shared/api';
import { connectClient, startBoard, type RunningBoard } from '../helpers/board';
import { configFromYaml } from '../helpers/config';
import { waitFor } from '../helpers/wait';

const HOUR = 3_600_000;
/** A UTC instant as the local date-time a config writes (`timezone: UTC`), to the second. */
const local = (ms: number) => new Date(ms).toISOString().slice(0, 19);

function yaml({ start, override }: { start: number; override?: { from: number; to: number } }) {
  return `
people:
  - { id: alice, name: Alice Liddell, contact: { email: alice@example.com, phone: "+441234567890" } }
  - { id: bob, name: Bob Marley }
  - { id: dave, name: Dave Grohl }
teams:
  - id: payments
    name: Payments
    oncall:
      rotation: { timezone: UTC, shift: 1w, start: "${local(start)}", members: [alice, bob] }
${override ? `      overrides: [{ person: dave, from: "${local(override.from)}", to: "${local(override.to)}" }]` : ''}
  - { id: web, name: Web }
services:
  - { id: checkout, name: Checkout, team: payments }
  - { id: site, name: Site, team: web }
`;
}

describe('who is on call, on a running board', () => {
  let board: RunningBoard | null = null;
  afterEach(async () => {
    await board?.close();
    board = null;
  });

  it('GET /api/oncall says who is on call per team, since and until when, who is next, and from what', async () => {
    const start = Math.floor(Date.now() / 1000) * 1000 - HOUR;
    board = await startBoard(yaml({ start }));
    const answer = (await (await fetch(`${board.url}/api/oncall`)).json()) as OncallResponse;
    expect(answer.teams).toEqual([
      {
        team: { id: 'payments', name: 'Payments' },
        layers: [
          {
            layer: 'primary',
            now: {
              person: { id: 'alice', name: 'Alice Liddell', contact: { email: 'alice@example.com', phone: '+441234567890' } },
              since: new Date(start).toISOString(),
              until: new Date(start + 168 * HOUR).toISOString(),
            },
            next: {
              person: { id: 'bob', name: 'Bob Marley', contact: {} },
              from: new Date(start + 168 * HOUR).toISOString(),
              until: new Date(start + 336 * HOUR).toISOString(),
            },
            source: { provider: 'rotation', asOf: expect.any(String), problem: null },
          },
        ],
      },
    ]);
    // Every service view carries its team's on-call; a team without a schedule has none.
    const services = ((await (await fetch(`${board.url}/api/services`)).json()) as ServicesResponse).services;
    expect(services.find((s) => s.id === 'checkout')!.oncall?.person?.id).toBe('alice');
    expect(services.find((s) => s.id === 'site')!.oncall).toBeNull();
  });

  it('a secondary layer is listed after the primary, and a service view carries only the primary', async () => {
    const start = Math.floor(Date.now() / 1000) * 1000 - HOUR;
    board = await startBoard(
      yaml({ start }).replace(
        `members: [alice, bob] }\n`,
        `members: [alice, bob] }\n      secondary:\n        rotation: { timezone: UTC, shift: 1w, start: "${local(start)}", members: [dave] }\n`,
      ),
    );
    const { teams } = (await (await fetch(`${board.url}/api/oncall`)).json()) as OncallResponse;
    expect(teams[0]!.layers.map((l) => [l.layer, l.now.person?.id])).toEqual([
      ['primary', 'alice'],
      ['secondary', 'dave'],
    ]);
    const services = ((await (await fetch(`${board.url}/api/services`)).json()) as ServicesResponse).services;
    expect(services.find((s) => s.id === 'checkout')!.oncall?.person?.id).toBe('alice');
  });

  it('a handoff reaches every board at its instant, as oncall:update and in the service views, without a reload', async () => {
    const now = Date.now();
    const from = Math.ceil(now / 1000) * 1000 + 2_000;
    board = await startBoard(yaml({ start: now - HOUR, override: { from, to: from + HOUR } }));
    const client = await connectClient(board.url);
    expect(client.oncall[0]?.layers[0]?.now.person?.id).toBe('alice');
    const update = await waitFor(() => client.oncallUpdates.find((u) => u.teams[0]?.layers[0]?.now.person?.id === 'dave'), 'dave to take over');
    // At the instant, not before it.
    expect(update.at).toBeGreaterThanOrEqual(from);
    await waitFor(() => client.service('checkout')?.oncall?.person?.id === 'dave', 'the service view to follow');
    expect(client.oncall[0]!.layers[0]!.next?.person.id).toBe('alice');
    client.close();
  });

  it('refuses an override of someone not in people, one ending before it starts, and two that overlap, each naming its field', () => {
    const start = Date.parse('2026-11-02T09:00:00Z');
    const text = yaml({ start }).replace(
      '      rotation:',
      `      overrides:
        - { person: dvae, from: "2026-11-20T18:00", to: "2026-11-21T09:00" }
        - { person: bob, from: "2026-11-22T18:00", to: "2026-11-22T09:00" }
        - { person: alice, from: "2026-11-21T08:00", to: "2026-11-21T10:00" }
      rotation:`,
    );
    let message = '';
    try {
      configFromYaml(text);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('teams[0].oncall.overrides[0].person: no person with id "dvae" in people; did you mean "dave"?');
    expect(message).toContain('teams[0].oncall.overrides[1].to: ends before it starts');
    expect(message).toContain('teams[0].oncall.overrides[2]: overlaps override 1; one person at a time');
  });
});
