import { describe, expect, it } from 'vitest';
import { notifierSchema } from '../../../server/notify/config';
import { notifierTypes } from '../../../server/notify/registry';
import { DeliveryError, type NotifierType } from '../../../server/notify/types';
import { closedPort, deliveryContext, samplePage } from './sample';

/** A valid config and route target of each registered type, with a secret in each; and the same pointed at a port nothing listens on. */
const VALID: Record<
  string,
  { config: Record<string, unknown>; target: Record<string, unknown>; at(port: number): { config?: Record<string, unknown>; target?: Record<string, unknown> } }
> = {
  webhook: {
    config: { type: 'webhook', url: 'https://hooks.example.com/gb/hk7Qm2Zp9Xw4Rt6Yb1Nc3Vd8', secret: 'shape-test-secret-0123456789' },
    target: {},
    at: (port) => ({ config: { url: `http://127.0.0.1:${port}/gb/hk7Qm2Zp9Xw4Rt6Yb1Nc3Vd8` } }),
  },
  slack: {
    config: { type: 'slack' },
    target: { url: 'https://hooks.slack.com/services/T0ABCDEF1/B0GHIJKL2/xK9fPq2LmZ7vRt4WbN8cYd3H' },
    at: (port) => ({ target: { url: `http://127.0.0.1:${port}/services/T0ABCDEF1/B0GHIJKL2/xK9fPq2LmZ7vRt4WbN8cYd3H` } }),
  },
  email: {
    config: { type: 'email', host: 'smtp.example.com', from: 'Greenboard <pages@example.com>', username: 'greenboard', password: 'shape-test-password' },
    target: {},
    at: (port) => ({ config: { host: '127.0.0.1', port } }),
  },
  pagerduty: {
    config: { type: 'pagerduty' },
    target: { routingKey: 'R0c4f8e2a6b1d9c3e7f5a0b8d2c6e4f1' },
    at: (port) => ({ config: { url: `http://127.0.0.1:${port}/v2/enqueue` } }),
  },
  ntfy: {
    config: { type: 'ntfy', token: 'tk_7eevizlsiwf9yi4uxsrs83r4352o0' },
    target: { topic: 'alice-pages' },
    at: (port) => ({ config: { url: `http://127.0.0.1:${port}` } }),
  },
};

const CONTACT = { email: 'alice@example.com', slack: '@alice' };

/** The same expectations for every registered notifier type, so the fifth is as sound as the first. */
describe.each(Object.entries(notifierTypes) as Array<[string, NotifierType]>)('notifier type %s', (name, type) => {
  const valid = () => {
    const found = VALID[name];
    if (!found) throw new Error(`notifier type "${name}" has no valid config in this test`);
    return found;
  };
  const parsed = (fields: Record<string, unknown> = {}) => notifierSchema.parse({ id: 'n', ...valid().config, ...fields }) as never;
  const target = (fields: Record<string, unknown> = {}) => type.targetSchema.parse({ ...valid().target, ...fields }) as never;

  it('is registered under its own type name and its valid config and target are accepted', () => {
    expect(type.type).toBe(name);
    expect(notifierSchema.safeParse({ id: 'n', ...valid().config }).success).toBe(true);
    expect(type.targetSchema.safeParse(valid().target).success).toBe(true);
    expect(type.problem(parsed(), target(), CONTACT)).toBeNull();
  });

  it('refuses an unknown field, in the config and in a route', () => {
    expect(notifierSchema.safeParse({ id: 'n', ...valid().config, surprise: true }).success).toBe(false);
    expect(type.targetSchema.safeParse({ ...valid().target, surprise: true }).success).toBe(false);
  });

  it('meets garbage in any of its fields with a config problem, never an exception', () => {
    const garbage: unknown[] = ['', '%%%', 42, -1, null, {}, [], 'x'.repeat(10_000)];
    for (const field of Object.keys(valid().config))
      for (const value of garbage) expect(() => notifierSchema.safeParse({ id: 'n', ...valid().config, [field]: value }), field).not.toThrow();
    for (const field of Object.keys(valid().target))
      for (const value of garbage) expect(() => type.targetSchema.safeParse({ ...valid().target, [field]: value }), field).not.toThrow();
  });

  it('names its secrets, and shows an address that holds none of them', () => {
    const secrets = type.secrets(parsed(), target());
    expect(secrets.length).toBeGreaterThan(0);
    const address = type.address(parsed(), target(), CONTACT);
    expect(address.length).toBeGreaterThan(0);
    for (const secret of secrets) expect(address).not.toContain(secret);
  });

  it('rejects with a DeliveryError worth retrying, holding no secret, when its receiver is unreachable', async () => {
    const port = await closedPort();
    const unreachable = valid().at(port);
    const config = parsed(unreachable.config);
    const routeFields = target(unreachable.target);

    const error: unknown = await type.send(config, routeFields, samplePage(), deliveryContext({ contact: CONTACT })).then(
      () => null,
      (reason: unknown) => reason,
    );

    expect(error).toBeInstanceOf(DeliveryError);
    expect((error as DeliveryError).retryable).toBe(true);
    expect((error as DeliveryError).message).toMatch(/unreachable: connection refused$/);
    for (const secret of type.secrets(config, routeFields)) expect((error as DeliveryError).message).not.toContain(secret);
  });
});

describe('the notifiers: list in a config', () => {
  it('names the known types when the type is unknown, with a suggestion', () => {
    const result = notifierSchema.safeParse({ id: 'n', type: 'slak' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/unknown notifier type "slak"; known types: webhook, slack, email, pagerduty, ntfy.*did you mean "slack"/);
  });
});
