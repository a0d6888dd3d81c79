import { describe, expect, it } from 'vitest';
import { alertTrackingSchema, applyNotification, applySnapshot, forgetSilent, newBook, type AlertBook } from '../../../server/sources/alert-book';
import { summarize, toObservation } from '../../../server/sources/alert-report';
import { parsePrometheusAlerts } from '../../../server/sources/alert-prometheus-list';
import { parseAlertNotification } from '../../../server/sources/alertmanager-payload';
import { fixture, type Json } from './fixtures';

const SERVICES = ['checkout', 'search', 'auth'];
const options = alertTrackingSchema.parse({ staleAfter: '5h' });
const T0 = Date.parse('2026-11-22T01:34:08Z');
const MIN = 60_000;
const HOUR = 60 * MIN;

/** One webhook arriving `at` ms after T0. */
type Step = { at: number; body: Json };

function replay(steps: Step[], book: AlertBook = newBook()): AlertBook {
  return steps.reduce((current, { at, body }) => {
    const parsed = parseAlertNotification(body);
    if (!parsed.ok) throw new Error(parsed.problem);
    return applyNotification(current, parsed.value, T0 + at).book;
  }, book);
}

/** Status and message of each service, read `at` ms after T0. */
function board(book: AlertBook, at: number, services = SERVICES) {
  const summary = summarize(book, { now: T0 + at, mapping: options, services, staleAfterMs: options.staleAfter });
  return Object.fromEntries([...summary.services].map(([id, report]) => [id, `${report.status}: ${report.message}`]));
}

const firing = () => fixture('alertmanager/webhook-firing.json');
const resolved = () => fixture('alertmanager/webhook-resolved.json');
const partly = () => fixture('alertmanager/webhook-partly-resolved.json');

/** The checkout group with only the alerts named, as its next notification would list them. */
function only(body: Json, ...names: string[]): Json {
  body.alerts = body.alerts.filter((a: Json) => names.includes(a.labels.alertname));
  return body;
}

/** An alert of its own group (grouped by alertname), for a service with several groups. */
function ownGroup(body: Json, name: string, status: 'firing' | 'resolved', severity = 'critical'): Json {
  const alert = body.alerts.find((a: Json) => a.labels.alertname === name);
  alert.status = status;
  alert.labels.severity = severity;
  if (status === 'resolved') alert.endsAt = '2026-11-22T01:40:00Z';
  return { ...body, status, alerts: [alert], groupKey: `{}:{alertname="${name}"}` };
}

const UP = 'up: no alerts firing';
const CHECKOUT_DOWN = 'down: ProbeFailed: HTTP probe of checkout failed; ServiceDown: checkout is down';

describe('tracking alerts from webhooks', () => {
  it.each<[string, Step[], number, Record<string, string>]>([
    ['a firing group takes its service down, naming the alerts', [{ at: 0, body: firing() }], 1000, { checkout: CHECKOUT_DOWN, search: UP, auth: UP }],
    [
      'the resolved notification brings it back',
      [
        { at: 0, body: firing() },
        { at: 8000, body: resolved() },
      ],
      9000,
      { checkout: UP, search: UP, auth: UP },
    ],
    [
      'an alert resolved while another of its group fires leaves the service down',
      [{ at: 0, body: partly() }],
      1000,
      { checkout: UP, search: UP, auth: 'down: ProbeFailed: HTTP probe of auth failed' },
    ],
    [
      'an alert resolved in one group while another group of the service fires leaves that one',
      [
        { at: 0, body: ownGroup(firing(), 'ServiceDown', 'firing') },
        { at: 0, body: ownGroup(firing(), 'ProbeFailed', 'firing', 'warning') },
        { at: 5 * MIN, body: ownGroup(firing(), 'ServiceDown', 'resolved') },
      ],
      6 * MIN,
      { checkout: 'degraded: ProbeFailed: HTTP probe of checkout failed', search: UP, auth: UP },
    ],
    [
      'a lost resolution is repaired by the next notification of the group, which leaves the alert out',
      [
        { at: 0, body: firing() },
        { at: 5 * MIN, body: only(firing(), 'ProbeFailed') },
      ],
      6 * MIN,
      { checkout: 'down: ProbeFailed: HTTP probe of checkout failed', search: UP, auth: UP },
    ],
    [
      'a notification that left alerts out (max_alerts) removes nothing',
      [
        { at: 0, body: firing() },
        { at: 5 * MIN, body: { ...only(firing(), 'ProbeFailed'), truncatedAlerts: 1 } },
      ],
      6 * MIN,
      { checkout: CHECKOUT_DOWN, search: UP, auth: UP },
    ],
    [
      'a lost firing notification is repaired by the re-send after repeat_interval',
      [{ at: 4 * HOUR, body: firing() }],
      4 * HOUR,
      { checkout: CHECKOUT_DOWN, search: UP, auth: UP },
    ],
    [
      'a re-send keeps a long outage fresh',
      [
        { at: 0, body: firing() },
        { at: 4 * HOUR, body: firing() },
      ],
      8 * HOUR,
      { checkout: CHECKOUT_DOWN, search: UP, auth: UP },
    ],
    ['an alert is trusted up to staleAfter without a re-send', [{ at: 0, body: firing() }], 5 * HOUR, { checkout: CHECKOUT_DOWN, search: UP, auth: UP }],
    [
      'an alert not re-sent within staleAfter is unknown, not firing forever',
      [{ at: 0, body: only(firing(), 'ServiceDown') }],
      5 * HOUR + 1,
      { checkout: 'unknown: ServiceDown: checkout is down (not re-sent since 01:34 UTC; it may have ended unseen)', search: UP, auth: UP },
    ],
    [
      'a fresh alert outranks a stale one of the same service',
      [
        { at: 0, body: ownGroup(firing(), 'ServiceDown', 'firing') },
        { at: 4 * HOUR, body: ownGroup(firing(), 'ProbeFailed', 'firing') },
      ],
      6 * HOUR,
      {
        checkout: expect.stringMatching(/^down: ProbeFailed: HTTP probe of checkout failed; ServiceDown: checkout is down \(not re-sent since 01:34 UTC/),
        search: UP,
        auth: UP,
      },
    ],
    [
      'a late resolution of an earlier firing does not clear the alert firing again now',
      [
        { at: 0, body: ownGroup({ ...firing() }, 'ServiceDown', 'firing') },
        { at: 10 * MIN, body: ownGroup(withStart(firing(), '2026-11-22T01:45:00Z'), 'ServiceDown', 'firing') },
        { at: 11 * MIN, body: ownGroup(firing(), 'ServiceDown', 'resolved') },
      ],
      12 * MIN,
      { checkout: 'down: ServiceDown: checkout is down', search: UP, auth: UP },
    ],
    [
      "a Grafana contact point's notification counts like Alertmanager's",
      [{ at: 0, body: { ...firing(), version: '1', orgId: 1, title: 'x', state: 'alerting' } }],
      1000,
      { checkout: CHECKOUT_DOWN, search: UP, auth: UP },
    ],
  ])('%s', (_name, steps, readAt, expected) => {
    expect(board(replay(steps), readAt)).toEqual(expected);
  });

  it('shows each alert on the service page with its labels, summary, start and where it came from', () => {
    const report = summarize(replay([{ at: 0, body: firing() }]), { now: T0, mapping: options, services: SERVICES, staleAfterMs: options.staleAfter });
    expect(report.services.get('checkout')!.alerts[1]).toEqual({
      fingerprint: '1262ec1ad8a317da',
      alertname: 'ServiceDown',
      summary: 'checkout is down',
      labels: { alertname: 'ServiceDown', instance: '127.0.0.1:19100', job: 'demo-services', service: 'checkout', severity: 'critical', team: 'payments' },
      state: 'firing',
      status: 'down',
      startsAt: '2026-11-22T01:34:07.394Z',
      lastSeenAt: '2026-11-22T01:34:08.000Z',
      source: 'Alertmanager http://127.0.0.1:19093',
      generatorURL: 'http://127.0.0.1:19090/graph?g0.expr=app_healthy+%3D%3D+0&g0.tab=1',
    });
  });

  it('names three alerts at most and counts the rest', () => {
    const body = firing();
    const template = body.alerts[1];
    body.alerts = ['A', 'B', 'C', 'D', 'E'].map((name, i) => ({ ...template, fingerprint: `f${i}`, labels: { ...template.labels, alertname: name } }));
    expect(board(replay([{ at: 0, body }]), 0).checkout).toBe('down: A: checkout is down; B: checkout is down; C: checkout is down; and 2 more');
  });

  it('becomes the observation the engine records: failed with the alerts as details', () => {
    const report = summarize(replay([{ at: 0, body: firing() }]), { now: T0, mapping: options, services: SERVICES, staleAfterMs: options.staleAfter });
    const observation = toObservation(report.services.get('checkout')!);
    expect(observation).toMatchObject({ outcome: 'failed', message: CHECKOUT_DOWN.slice('down: '.length), latencyMs: null });
    expect((observation.details!.alerts as unknown[]).length).toBe(2);
    expect(toObservation(report.services.get('search')!)).toMatchObject({ outcome: 'ok', message: 'no alerts firing' });
  });
});

function withStart(body: Json, startsAt: string): Json {
  for (const alert of body.alerts) alert.startsAt = startsAt;
  return body;
}

describe('alerts that map to no service', () => {
  const book = () => {
    const stray = firing();
    stray.alerts[0].labels.service = 'billing';
    delete stray.alerts[1].labels.service;
    return replay([{ at: 0, body: stray }]);
  };

  it('are kept with the reason, and change no service', () => {
    const summary = summarize(book(), { now: T0, mapping: options, services: SERVICES, staleAfterMs: options.staleAfter });
    expect(summary.unmapped.map((a) => [a.alertname, a.reason])).toEqual([
      ['ProbeFailed', 'service="billing" is not a service on the board'],
      ['ServiceDown', 'no service label and no rule matched'],
    ]);
    expect([...summary.services.values()].map((r) => r.status)).toEqual(['up', 'up', 'up']);
  });

  it('find their service once the board has it, without being sent again', () => {
    expect(board(book(), 0, [...SERVICES, 'billing']).billing).toBe('down: ProbeFailed: HTTP probe of checkout failed');
  });
});

describe('letting go of silent alerts', () => {
  it.each<[string, number, string]>([
    ['a stale alert still shows unknown before forgetAfter', 24 * HOUR, 'unknown'],
    ['a stale alert is let go after forgetAfter', 24 * HOUR + 1, 'up'],
  ])('%s', (_name, at, status) => {
    const book = replay([{ at: 0, body: firing() }]);
    forgetSilent(book, T0 + at, options.staleAfter, options.forgetAfter);
    expect(board(book, at).checkout).toMatch(new RegExp(`^${status}:`));
  });

  it('returns the alerts it let go, and none while they are heard of', () => {
    const book = replay([{ at: 0, body: firing() }]);
    expect(forgetSilent(book, T0, options.staleAfter, options.forgetAfter)).toEqual([]);
    const forgotten = forgetSilent(book, T0 + 24 * HOUR + 1, options.staleAfter, options.forgetAfter);
    expect(forgotten.map((t) => t.alert.labels.alertname).sort()).toEqual(['ProbeFailed', 'ServiceDown']);
    expect(book.alerts.size).toBe(0);
    expect(book.groups.size).toBe(0);
  });
});

describe("tracking Prometheus's alert list", () => {
  const poll = (book: AlertBook, file: string, at: number) => {
    const parsed = parsePrometheusAlerts(fixture(`prometheus/${file}`));
    if (!parsed.ok) throw new Error(parsed.problem);
    return applySnapshot(book, parsed.value, 'Prometheus http://127.0.0.1:19090', T0 + at);
  };

  it.each<[string, string[], Record<string, string>]>([
    [
      'firing alerts take services down or degrade them by severity',
      ['alerts-firing.json'],
      {
        checkout: 'down: ProbeFailed: HTTP probe of checkout failed; ServiceDown: checkout is down',
        search: 'degraded: ServiceDegraded: search is degraded',
        auth: UP,
      },
    ],
    ['an alert gone from the list has stopped firing', ['alerts-firing.json', 'alerts-none.json'], { checkout: UP, search: UP, auth: UP }],
  ])('%s', (_name, files, expected) => {
    const book = files.reduce((current, file, i) => poll(current, file, i * MIN), newBook());
    expect(board(book, files.length * MIN)).toEqual(expected);
  });
});

describe('the tracking options', () => {
  it.each<[string, unknown, string]>([
    ['staleAfter is not a duration', { staleAfter: 'soon' }, '"soon" is not a duration'],
    ['staleAfter is too short to wait for a re-send', { staleAfter: '10s' }, 'must be at least 1m'],
  ])('refuse a config where %s', (_name, config, message) => {
    const result = alertTrackingSchema.safeParse(config);
    expect(result.success ? 'accepted' : result.error.issues[0]!.message).toContain(message);
  });

  it('default to a staleAfter above Alertmanager’s default repeat_interval of 4h', () => {
    expect(alertTrackingSchema.parse({})).toMatchObject({ staleAfter: 5 * HOUR, forgetAfter: 24 * HOUR, serviceLabel: 'service' });
  });
});
