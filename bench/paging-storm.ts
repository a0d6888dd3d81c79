import type { IncidentsResponse } from '../shared/api';
import { ClientPool } from './lib/clients';
import type { DeliveredReport } from './lib/clients-process';
import { percentile, quickRun, sleep, waitFor, type Benchmark, type Measure } from './lib/measure';
import { cpuMs } from './lib/proc';
import { fetchServices, launchServer, type BoardSpec, type ServiceSpec } from './lib/server';
import { SmtpSink } from './lib/smtp-sink';
import { Target } from './lib/target';

const DEPENDENTS = 479;
const INDEPENDENT = 20;
const CAUSES = 1 + INDEPENDENT;
const APP_TEAMS = 10;
const CLIENTS = Number(process.env.BENCH_STORM_CLIENTS ?? 1_000);
const PROCESSES = 2;
const ROUNDS = quickRun ? 2 : 5;
/** Short, so a round is quick; the time measured starts when the wait is over. */
const GROUP_WAIT_MS = 2_000;
const HOUR = 3_600_000;

const local = (ms: number) => new Date(ms).toISOString().slice(0, 19);
const appId = (i: number) => `app-${String(i).padStart(3, '0')}`;
const soloId = (i: number) => `solo-${String(i).padStart(2, '0')}`;
const check = (url: string) => ({ id: 'health', type: 'http' as const, url, interval: '1s', timeout: '900ms', failureThreshold: 1 });

/**
 * The database every app depends on (on `shared`, with the apps, whose health fails when it
 * does), 479 apps in ten teams, and 20 services of their own teams (on `solo`). Everyone
 * on call is paged by email, through a real SMTP server in this process.
 */
function stormBoard(shared: Target, solo: Target, smtpPort: number): BoardSpec {
  const now = Date.now();
  const teamIds = ['data', ...Array.from({ length: APP_TEAMS }, (_, i) => `apps-${i}`), ...Array.from({ length: INDEPENDENT }, (_, i) => soloId(i))];
  const people = teamIds.map((team) => ({
    id: `oncall-${team}`,
    name: `On call ${team}`,
    contact: { email: `oncall-${team}@example.com` },
    notify: [{ via: 'mail' }],
  }));
  const teams = teamIds.map((team) => ({
    id: team,
    name: team,
    oncall: { rotation: { timezone: 'UTC', shift: '1w', start: local(now - HOUR), members: [`oncall-${team}`] } },
  }));
  const services: ServiceSpec[] = [
    { id: 'db', name: 'Orders DB', team: 'data', checks: [check(shared.url('/db'))] },
    ...Array.from({ length: DEPENDENTS }, (_, i) => ({
      id: appId(i),
      name: `App ${i}`,
      team: `apps-${i % APP_TEAMS}`,
      dependsOn: ['db'],
      checks: [check(shared.url(`/${appId(i)}`))],
    })),
    ...Array.from({ length: INDEPENDENT }, (_, i) => ({ id: soloId(i), name: `Solo ${i}`, team: soloId(i), checks: [check(solo.url(`/${soloId(i)}`))] })),
  ];
  return {
    people,
    teams,
    services,
    notifiers: [{ id: 'mail', type: 'email', host: '127.0.0.1', port: smtpPort, from: 'Greenboard <greenboard@example.com>' }],
    paging: { boardUrl: 'https://status.example.com', groupWait: `${GROUP_WAIT_MS}ms`, quietPeriod: '0s' },
  };
}

/** Per service, the moment the last board had it `down`: the first such report of each process after `since`; null if a process never had it. */
function lastBoardHadDown(perProcess: DeliveredReport[][], since: number): Map<string, number | null> {
  const result = new Map<string, number | null>();
  perProcess.forEach((reports, index) => {
    const firstDown = new Map<string, number>();
    for (const r of reports) if (r.status === 'down' && r.first >= since && !firstDown.has(r.serviceId)) firstDown.set(r.serviceId, r.last);
    const ids = index === 0 ? [...firstDown.keys()] : [...result.keys()];
    for (const id of ids) {
      const here = firstDown.get(id);
      const before = index === 0 ? here! : result.get(id);
      result.set(id, here === undefined || before === null || before === undefined ? null : Math.max(before, here));
    }
  });
  return result;
}

/**
 * paging-storm: 500 services go down within one second — a shared database and the 479
 * apps that depend on it, plus 20 unrelated failures — while 1,000 boards watch. Judged:
 * pages sent (one per cause: 21), the time from each page falling due (its incident's
 * opening + the group wait) to the SMTP server having it, and the boards' fan-out during
 * the storm (each service's first failing answer → the last board has it down).
 */
export const pagingStorm: Benchmark = async ({ cpuProfDir }) => {
  const shared = new Target();
  const solo = new Target();
  const smtp = new SmtpSink();
  await Promise.all([shared.listen(), solo.listen(), smtp.listen()]);
  const server = await launchServer('paging-storm', stormBoard(shared, solo, smtp.port), cpuProfDir);
  const pool = new ClientPool(PROCESSES);
  const expected = new Set(['db', ...Array.from({ length: INDEPENDENT }, (_, i) => soloId(i))]);
  const pageDelays: number[] = [];
  const flipToLastPage: number[] = [];
  const fanout: number[] = [];
  const pagesPerRound: number[] = [];
  const incidentsPerRound: number[] = [];
  let extraPages = 0;
  let causesNotPaged = 0;
  let undelivered = 0;
  try {
    await server.ready();
    const wave = await pool.connect(server.url, CLIENTS, 60_000, { light: true });
    const allUp = async () => ((await fetchServices(server.url)).every((s) => s.status === 'up') ? true : undefined);
    await waitFor('every service to be up', allUp, 30_000, 250);
    const serverCpuAtStart = cpuMs(server.pid);
    const startedAt = performance.now();
    for (let round = 0; round < ROUNDS; round += 1) {
      const recorder = pool.recordDeliveries();
      const mailsBefore = smtp.mails.length;
      const flippedAt = Date.now();
      shared.flip(503);
      solo.flip(503);
      const triggers = () => smtp.mails.slice(mailsBefore).filter((m) => m.subject.startsWith('[DOWN]'));
      await waitFor('a page for every cause', () => (triggers().length >= CAUSES ? true : undefined), 30_000, 50).catch(() => undefined);
      // Pages for symptoms, had there been any, fall due with their causes': give them time to show.
      await sleep(GROUP_WAIT_MS + 3_000);
      recorder.stop();

      const incidents = ((await (await fetch(`${server.url}/api/incidents?from=${new Date(flippedAt).toISOString()}`)).json()) as IncidentsResponse).incidents;
      const byId = new Map(incidents.map((i) => [i.id, i]));
      incidentsPerRound.push(incidents.length);
      const pages = triggers();
      pagesPerRound.push(pages.length);
      const paged = new Set<string>();
      for (const mail of pages) {
        const incident = mail.incidentId ? byId.get(mail.incidentId) : undefined;
        if (!incident) continue;
        paged.add(incident.serviceId);
        pageDelays.push(mail.at - (Date.parse(incident.openedAt) + GROUP_WAIT_MS));
      }
      if (pages.length > 0) flipToLastPage.push(Math.max(...pages.map((m) => m.at)) - flippedAt);
      extraPages = Math.max(extraPages, pages.length - CAUSES);
      causesNotPaged += [...expected].filter((id) => !paged.has(id)).length;

      const lastDown = lastBoardHadDown(recorder.perProcess, flippedAt);
      for (const [target, path] of [
        [shared, '/db'],
        ...Array.from({ length: DEPENDENTS }, (_, i) => [shared, `/${appId(i)}`] as const),
        ...Array.from({ length: INDEPENDENT }, (_, i) => [solo, `/${soloId(i)}`] as const),
      ] as const) {
        const served = target.firstServedByPath.get(path);
        const last = lastDown.get(path.slice(1));
        if (served === undefined || last === undefined || last === null) undelivered += 1;
        else fanout.push(last - served);
      }

      shared.flip(200);
      solo.flip(200);
      await waitFor('every service to be up again', allUp, 30_000, 250);
      // Resolutions go out at once (no quiet period here); let them leave before the next storm.
      await waitFor(
        'the resolutions',
        () => (smtp.mails.slice(mailsBefore).filter((m) => m.subject.startsWith('[RESOLVED]')).length >= pages.length ? true : undefined),
        15_000,
        100,
      ).catch(() => undefined);
      await sleep(1_000);
    }
    const serverCpu = ((cpuMs(server.pid) - serverCpuAtStart) / (performance.now() - startedAt)) * 100;
    const dropped = await pool.close();
    const m = (measure: string, value: number, unit: Measure['unit'], goal?: Measure['goal']): Measure => ({
      benchmark: 'paging-storm',
      measure,
      value,
      unit,
      goal,
    });
    return [
      m(`clients connected (of ${CLIENTS}, ${PROCESSES} processes)`, wave.ok, 'count'),
      m(`pages per storm of 500 failures with ${CAUSES} causes, most in one of ${ROUNDS} storms`, Math.max(...pagesPerRound), 'count'),
      m('pages per storm, fewest', Math.min(...pagesPerRound), 'count'),
      m(
        'incidents opened per storm, most (a dependent caught before its cause opens its own, which then joins the cause)',
        Math.max(...incidentsPerRound),
        'count',
      ),
      m('pages beyond one per cause, most in one storm', extraPages, 'count', { op: '<=', limit: 0 }),
      m('causes not paged, over all storms', causesNotPaged, 'count', { op: '<=', limit: 0 }),
      m(`page due (opening + ${GROUP_WAIT_MS / 1000} s group wait) → SMTP server has it, p50 (${pageDelays.length} pages)`, percentile(pageDelays, 50), 'ms'),
      m('page due → SMTP server has it, p99', percentile(pageDelays, 99), 'ms', { op: '<', limit: 2_000 }),
      m('page due → SMTP server has it, max', percentile(pageDelays, 100), 'ms'),
      m('targets fail → SMTP server has the last page of the storm, p50 (includes detection and the group wait)', percentile(flipToLastPage, 50), 'ms'),
      m(`a service's first failing answer → last of ${wave.ok} boards has it down, p50 (${fanout.length} changes)`, percentile(fanout, 50), 'ms'),
      m('first failing answer → last board has it down, p99', percentile(fanout, 99), 'ms', { op: '<', limit: 250 }),
      m('first failing answer → last board has it down, max', percentile(fanout, 100), 'ms'),
      m('services whose failure did not reach every board within the storm', undelivered, 'count', { op: '<=', limit: 0 }),
      m('server CPU over the storms, % of one core', serverCpu, '%'),
      m('clients dropped by the server during the run', dropped, 'count', { op: '<=', limit: 0 }),
    ];
  } finally {
    await pool.close();
    await server.stop();
    await Promise.all([shared.close(), solo.close(), smtp.close()]);
  }
};
