import { describe, expect, it } from 'vitest';
import { parsePrometheusAlerts } from '../../../server/sources/alert-prometheus-list';
import { labelKey, parseAlertNotification } from '../../../server/sources/alertmanager-payload';
import { fixture, type Json } from './fixtures';

const ms = (iso: string) => Date.parse(iso);

/** A parse that must succeed; the problem line is the failure message when it does not. */
function parsed(body: unknown) {
  const result = parseAlertNotification(body);
  if (!result.ok) throw new Error(result.problem);
  return result.value;
}

/** A problem line that must come back for the body. */
function problem(body: unknown): string {
  const result = parseAlertNotification(body);
  if (result.ok) throw new Error('the body was accepted');
  return result.problem;
}

/** Grafana alerting's contact point sends Alertmanager's shape with version "1" and more fields. */
function asGrafana(body: Json): Json {
  body.version = '1';
  body.orgId = 1;
  body.title = '[FIRING:2] checkout';
  body.state = 'alerting';
  body.message = 'two alerts';
  for (const alert of body.alerts) {
    Object.assign(alert, {
      values: { B: 0, C: 1 },
      valueString: '[ var=B value=0 ]',
      silenceURL: 'http://127.0.0.1:3000/alerting/silence/new',
      dashboardURL: '',
      panelURL: '',
    });
    alert.startsAt = '2026-11-22T02:34:07.394+01:00';
  }
  return body;
}

describe('reading an Alertmanager webhook', () => {
  it.each([
    [
      'webhook-firing.json',
      'firing alerts of the checkout group',
      [
        ['bc74c56dfcd3f005', 'firing', 'ProbeFailed', '2026-11-22T01:34:07.394Z', null],
        ['1262ec1ad8a317da', 'firing', 'ServiceDown', '2026-11-22T01:34:07.394Z', null],
      ],
    ],
    [
      'webhook-resolved.json',
      'the same alerts resolved, with the time they ended',
      [
        ['bc74c56dfcd3f005', 'resolved', 'ProbeFailed', '2026-11-22T01:34:07.394Z', '2026-11-22T01:34:15.394Z'],
        ['1262ec1ad8a317da', 'resolved', 'ServiceDown', '2026-11-22T01:34:07.394Z', '2026-11-22T01:34:15.394Z'],
      ],
    ],
    [
      'webhook-partly-resolved.json',
      'one alert firing and one resolved in the auth group',
      [
        ['33613a43456f07de', 'firing', 'ProbeFailed', '2026-11-22T01:34:23.394Z', null],
        ['9daea30e874b3c3f', 'resolved', 'ServiceDown', '2026-11-22T01:34:24.394Z', '2026-11-22T01:34:25.394Z'],
      ],
    ],
  ] as const)('%s as sent by Alertmanager 0.25 gives the %s', (file, _what, expected) => {
    const notification = parsed(fixture(`alertmanager/${file}`));
    expect(notification.sender).toBe('alertmanager');
    expect(notification.externalURL).toBe('http://127.0.0.1:19093');
    expect(notification.truncatedAlerts).toBe(0);
    const seen = notification.alerts.map((a) => [a.fingerprint, a.status, a.labels.alertname, a.startsAt, a.endsAt]);
    expect(seen).toEqual(expected.map(([fp, status, name, starts, ends]) => [fp, status, name, ms(starts), ends === null ? null : ms(ends)]));
  });

  it('keeps the group key, the summaries and the rule link with its & decoded', () => {
    const notification = parsed(fixture('alertmanager/webhook-firing.json'));
    expect(notification.groupKey).toBe('{}:{service="checkout", team="payments"}');
    expect(notification.alerts[1]!.annotations.summary).toBe('checkout is down');
    expect(notification.alerts[1]!.generatorURL).toBe('http://127.0.0.1:19090/graph?g0.expr=app_healthy+%3D%3D+0&g0.tab=1');
  });

  it("accepts Grafana alerting's contact point body, with its extra fields and a time with an offset", () => {
    const notification = parsed(asGrafana(fixture('alertmanager/webhook-firing.json')));
    expect(notification.sender).toBe('grafana');
    expect(notification.alerts.map((a) => [a.fingerprint, a.startsAt])).toEqual([
      ['bc74c56dfcd3f005', ms('2026-11-22T01:34:07.394Z')],
      ['1262ec1ad8a317da', ms('2026-11-22T01:34:07.394Z')],
    ]);
  });

  it('accepts an alert without annotations or times, as a hand-written sender may send it', () => {
    const body = fixture('alertmanager/webhook-firing.json');
    body.alerts = [{ status: 'firing', labels: { alertname: 'Manual', service: 'checkout' } }];
    expect(parsed(body).alerts[0]).toMatchObject({ annotations: {}, startsAt: null, endsAt: null, generatorURL: null });
  });

  it('identifies an alert sent without a fingerprint by its label set', () => {
    const body = fixture('alertmanager/webhook-firing.json');
    delete body.alerts[0].fingerprint;
    const alert = parsed(body).alerts[0]!;
    expect(alert.fingerprint).toBe(labelKey(alert.labels));
    expect(alert.fingerprint).toBe(
      '{alertname="ProbeFailed", instance="http://127.0.0.1:19100/svc/checkout", job="blackbox-http", service="checkout", severity="critical", team="payments"}',
    );
  });

  it.each<[string, (body: Json) => unknown, string]>([
    ['a body that is not an object', () => 'firing', "body: expected a JSON object: Alertmanager's webhook body (version 4)"],
    ['a version from another sender', (b) => ({ ...b, version: '3' }), 'version: expected "4" (Alertmanager) or "1" (Grafana alerting)'],
    ['no alerts list', (b) => ({ ...b, alerts: undefined }), 'alerts: expected a list of alerts'],
    ['an alert that is not an object', (b) => ({ ...b, alerts: ['ServiceDown'] }), 'alerts[0]: expected an alert object'],
    ['an alert status Alertmanager never sends', (b) => ((b.alerts[1].status = 'pending'), b), 'alerts[1].status: expected "firing" or "resolved"'],
    ['a label that is not text', (b) => ((b.alerts[0].labels.service = 7), b), 'alerts[0].labels.service: expected a text value'],
    ['labels that are a list', (b) => ((b.alerts[0].labels = ['service']), b), 'alerts[0].labels: expected an object of text values'],
    ['a start time that is not a time', (b) => ((b.alerts[0].startsAt = 'yesterday'), b), 'alerts[0].startsAt: expected an RFC 3339 time, got "yesterday"'],
    ['a date without a time of day', (b) => ((b.alerts[1].endsAt = '2026-11-22'), b), 'alerts[1].endsAt: expected an RFC 3339 time, got "2026-11-22"'],
    ['an empty fingerprint', (b) => ((b.alerts[0].fingerprint = ''), b), 'alerts[0].fingerprint: must not be empty'],
    ['a negative count of left-out alerts', (b) => ({ ...b, truncatedAlerts: -1 }), 'truncatedAlerts: must be 0 or more'],
    ['many wrong fields at once', (b) => ({ ...b, version: 4, status: 'odd', receiver: 1, alerts: 'x', groupLabels: 'y' }), '(and 2 more)'],
  ])('refuses %s and names the field', (_name, change, expected) => {
    expect(problem(change(fixture('alertmanager/webhook-firing.json')))).toContain(expected);
  });
});

describe("reading Prometheus's alert list", () => {
  it('gives the firing alerts with their labels, summaries and the time they became active', () => {
    const result = parsePrometheusAlerts(fixture('prometheus/alerts-firing.json'));
    expect(result.ok && result.value.map((a) => [a.labels.alertname, a.labels.service, a.status, a.annotations.summary, a.startsAt])).toEqual([
      ['ServiceDown', 'checkout', 'firing', 'checkout is down', ms('2026-11-22T01:34:07.394Z')],
      ['ProbeFailed', 'checkout', 'firing', 'HTTP probe of checkout failed', ms('2026-11-22T01:34:07.394Z')],
      ['ServiceDegraded', 'search', 'firing', 'search is degraded', ms('2026-11-22T01:34:07.394Z')],
    ]);
    expect(result.ok && result.value.map((a) => a.fingerprint)).toEqual(result.ok && result.value.map((a) => labelKey(a.labels)));
  });

  it('gives no alerts when nothing is wrong', () => {
    expect(parsePrometheusAlerts(fixture('prometheus/alerts-none.json'))).toEqual({ ok: true, value: [] });
  });

  it('leaves out alerts still pending their for: time', () => {
    const body = fixture('prometheus/alerts-firing.json');
    body.data.alerts[2].state = 'pending';
    const result = parsePrometheusAlerts(body);
    expect(result.ok && result.value.map((a) => a.labels.alertname)).toEqual(['ServiceDown', 'ProbeFailed']);
  });

  it.each<[string, unknown, string]>([
    ['an error answer', { status: 'error', errorType: 'bad_data', error: 'parse error' }, 'Prometheus answered bad_data: parse error'],
    ['an unknown envelope status', { status: 'maybe' }, 'status: expected "success" or "error"'],
    ['a list that is not a list', { status: 'success', data: { alerts: {} } }, 'data.alerts: expected a list of alerts'],
    [
      'an alert in an unknown state',
      { status: 'success', data: { alerts: [{ labels: {}, state: 'burning' }] } },
      'data.alerts[0].state: expected "firing", "pending" or "inactive"',
    ],
  ])('refuses %s and says why', (_name, body, expected) => {
    const result = parsePrometheusAlerts(body);
    expect(result.ok ? 'accepted' : result.problem).toContain(expected);
  });
});
