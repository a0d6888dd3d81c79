import { describe, expect, it } from 'vitest';
import { alertMappingSchema, impactOf, parseMatcher, targetOf } from '../../../server/sources/alert-mapping';
import { describeIssues } from '../../../server/sources/alertmanager-payload';

const SERVICES = new Set(['checkout', 'search', 'auth', 'payments-db']);
const mapping = (options: unknown = {}) => alertMappingSchema.parse(options);
const checkoutDown = { alertname: 'ServiceDown', service: 'checkout', severity: 'critical', team: 'payments', job: 'demo-services' };

describe('reading a label matcher', () => {
  it.each<[string, string, string, string]>([
    ['team="payments"', 'team', '=', 'payments'],
    ['team=payments', 'team', '=', 'payments'],
    [' env != "dev" ', 'env', '!=', 'dev'],
    ['alertname=~"Probe.*"', 'alertname', '=~', 'Probe.*'],
    ['instance!~".*:9100"', 'instance', '!~', '.*:9100'],
    ['summary="say \\"hi\\""', 'summary', '=', 'say "hi"'],
    ['team=""', 'team', '=', ''],
  ])('%s', (text, name, op, value) => {
    expect(parseMatcher(text)).toMatchObject({ name, op, value });
  });

  it.each<[string, string]>([
    ['team', 'is not a matcher; write a matcher as Alertmanager does'],
    ['9team="x"', 'is not a matcher'],
    ['team=="x"', "the value's quotes do not match"],
    ['team="payments', "the value's quotes do not match"],
    ['alertname=~"(Probe"', 'not a valid regular expression'],
  ])('refuses %s and says why', (text, problem) => {
    const result = parseMatcher(text);
    expect(typeof result === 'string' ? result : 'accepted').toContain(problem);
  });
});

describe('the mapping options', () => {
  it('default to the service label and the usual severities', () => {
    expect(mapping()).toEqual({
      serviceLabel: 'service',
      rules: [],
      severityLabel: 'severity',
      severities: { critical: 'down', page: 'down', warning: 'degraded' },
      otherSeverity: 'degraded',
      keepAlive: [],
    });
  });

  it('add configured severities to the usual ones and override them', () => {
    expect(mapping({ severities: { warning: 'down', info: 'degraded' } }).severities).toEqual({
      critical: 'down',
      page: 'down',
      warning: 'down',
      info: 'degraded',
    });
  });

  it.each<[string, unknown, string]>([
    ['a rule with a bad matcher', { rules: [{ matchers: ['team="a"', 'oops'], service: 'checkout' }] }, 'rules[0].matchers[1]: "oops" is not a matcher'],
    ['a rule without matchers', { rules: [{ matchers: [], service: 'checkout' }] }, 'rules[0].matchers: a rule needs at least one matcher'],
    ['a rule naming no valid service id', { rules: [{ matchers: ['a=b'], service: 'Check Out' }] }, 'rules[0].service: ids use only a-z'],
    ['a severity mapped to a status alerts cannot have', { severities: { info: 'up' } }, 'severities.info: expected "down" or "degraded"'],
    ['an empty service label', { serviceLabel: '' }, 'serviceLabel: must not be empty'],
  ])('refuse %s, naming the field', (_name, options, expected) => {
    const result = alertMappingSchema.safeParse(options);
    expect(result.success ? 'accepted' : describeIssues(result.error)).toContain(expected);
  });
});

describe('finding the service of an alert', () => {
  const rules = [
    { matchers: ['alertname=~"Probe.*"', 'team="payments"'], service: 'payments-db' },
    { matchers: ['team="payments"'], service: 'checkout' },
    { matchers: ['job!="demo-services"', 'env!~"dev|test"'], service: 'search' },
  ];
  it.each<[string, Record<string, string>, unknown, string | null]>([
    ['by its service label', checkoutDown, {}, 'checkout'],
    ['by another label when configured so', { component: 'auth' }, { serviceLabel: 'component' }, 'auth'],
    ['by the first rule that matches, in order', { alertname: 'ProbeFailed', team: 'payments', service: 'auth' }, { rules }, 'payments-db'],
    ['by a later rule when an earlier one does not match', { alertname: 'ServiceDown', team: 'payments' }, { rules }, 'checkout'],
    ['with a regex matched whole, not in part', { alertname: 'NoProbeFailed', team: 'payments' }, { rules }, 'checkout'],
    ['with != and !~ holding when the label is missing', { job: 'node' }, { rules }, 'search'],
    ['with !~ refusing a matching value', { job: 'node', env: 'dev', service: 'auth' }, { rules }, 'auth'],
    ['falling back to the label when no rule matches', { job: 'demo-services', service: 'auth' }, { rules }, 'auth'],
    ['nowhere when the label names no service on the board', { service: 'billing' }, {}, null],
    ['nowhere without the label or a rule', { alertname: 'Watchdog' }, {}, null],
  ])('%s', (_name, labels, options, service) => {
    expect(targetOf(labels, mapping(options), SERVICES).service).toBe(service);
  });

  it.each<[string, Record<string, string>, unknown, string]>([
    ['unknown service', { service: 'billing' }, {}, 'service="billing" is not a service on the board'],
    ['no label', { alertname: 'Watchdog' }, { serviceLabel: 'app' }, 'no app label and no rule matched'],
    [
      'rule to a missing service',
      { team: 'x' },
      { rules: [{ matchers: ['team="x"'], service: 'gone' }] },
      'a rule names service "gone", which the board does not have',
    ],
  ])('says why an alert has no service: %s', (_name, labels, options, reason) => {
    expect(targetOf(labels, mapping(options), SERVICES)).toEqual({ service: null, reason });
  });

  it('takes an alert matching every keepAlive matcher as a keep-alive: no service, and not unmapped, before any rule or label', () => {
    const options = mapping({ keepAlive: ['alertname="Watchdog"', 'severity="none"'], rules: [{ matchers: ['team="x"'], service: 'auth' }] });
    expect(targetOf({ alertname: 'Watchdog', severity: 'none', team: 'x', service: 'checkout' }, options, SERVICES)).toEqual({
      service: null,
      reason: 'a keep-alive alert (keepAlive)',
      keepAlive: true,
    });
    // One matcher failing is enough for an ordinary alert.
    expect(targetOf({ alertname: 'Watchdog', severity: 'critical', service: 'checkout' }, options, SERVICES)).toEqual({ service: 'checkout' });
    expect(alertMappingSchema.safeParse({ keepAlive: ['nope'] }).success).toBe(false);
  });
});

describe('what an alert does to its service', () => {
  it.each<[string, Record<string, string>, unknown, string]>([
    ['critical takes it down', { severity: 'critical' }, {}, 'down'],
    ['page takes it down', { severity: 'page' }, {}, 'down'],
    ['warning degrades it', { severity: 'warning' }, {}, 'degraded'],
    ['an unlisted severity degrades it', { severity: 'info' }, {}, 'degraded'],
    ['no severity degrades it', {}, {}, 'degraded'],
    ['an unlisted severity takes it down when configured so', { severity: 'info' }, { otherSeverity: 'down' }, 'down'],
    ['a configured severity wins over the usual one', { severity: 'warning' }, { severities: { warning: 'down' } }, 'down'],
    [
      'the severity is read from the configured label',
      { priority: 'P1', severity: 'warning' },
      { severityLabel: 'priority', severities: { P1: 'down' } },
      'down',
    ],
    ['a label named like an object property is just unlisted', { severity: 'constructor' }, {}, 'degraded'],
  ])('%s', (_name, labels, options, impact) => {
    expect(impactOf(labels, mapping(options))).toBe(impact);
  });
});
