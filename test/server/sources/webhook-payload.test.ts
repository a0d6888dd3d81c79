import { describe, expect, it } from 'vitest';
import { MAX_DETAILS, MAX_MESSAGE, parseWebhookReports } from '../../../server/sources/webhook-payload';

const ALLOWED = ['checkout', 'api'];

function parsed(body: unknown) {
  const result = parseWebhookReports(body, ALLOWED, 'ci');
  if (!result.ok) throw new Error(result.problem);
  return Object.fromEntries(result.value);
}

function problem(body: unknown): string {
  const result = parseWebhookReports(body, ALLOWED, 'ci');
  if (result.ok) throw new Error('the body was accepted');
  return result.problem;
}

describe('reading a webhook body', () => {
  it.each([
    ['up', 'ok'],
    ['degraded', 'degraded'],
    ['down', 'failed'],
    ['unknown', 'unknown'],
  ])('status %s is recorded as %s', (status, outcome) => {
    expect(parsed({ service: 'checkout', status }).checkout).toEqual({ outcome, message: `reported ${status}`, latencyMs: null });
  });

  it("keeps the sender's message, trimmed, and its details as the result's details", () => {
    const body = { service: 'api', status: 'down', message: '  deploy 412 failed: migrations  ', details: { build: 412, url: 'https://ci.example/412' } };
    expect(parsed(body).api).toEqual({
      outcome: 'failed',
      message: 'deploy 412 failed: migrations',
      latencyMs: null,
      details: { build: 412, url: 'https://ci.example/412' },
    });
  });

  it('takes a list; a later report on a service replaces an earlier one', () => {
    const body = [
      { service: 'checkout', status: 'down' },
      { service: 'api', status: 'up' },
      { service: 'checkout', status: 'degraded', message: 'slow' },
    ];
    expect(parsed(body)).toEqual({
      checkout: { outcome: 'degraded', message: 'slow', latencyMs: null },
      api: { outcome: 'ok', message: 'reported up', latencyMs: null },
    });
  });

  it('takes an empty list as a message that changes no service', () => {
    expect(parsed([])).toEqual({});
  });

  it.each<[string, unknown, string]>([
    [
      'a status it does not know, naming the item',
      [
        { service: 'checkout', status: 'up' },
        { service: 'api', status: 'up' },
        { service: 'api', status: 'red' },
      ],
      '[2].status: expected one of up, degraded, down, unknown',
    ],
    ['a missing status', { service: 'checkout' }, 'status: expected one of up, degraded, down, unknown'],
    ['a missing service', { status: 'down' }, 'service: expected a service id'],
    ['a service id too long to be one', { service: 'x'.repeat(201), status: 'down' }, 'service: must be at most 200 characters'],
    ['a message that is not text', { service: 'checkout', status: 'down', message: 42 }, 'message: expected text'],
    [
      'a message too long for a tile',
      { service: 'checkout', status: 'down', message: 'x'.repeat(MAX_MESSAGE + 1) },
      `message: must be at most ${MAX_MESSAGE} characters`,
    ],
    ['details that are not an object', { service: 'checkout', status: 'down', details: [1, 2] }, 'details: expected an object of facts'],
    [
      'details too large',
      { service: 'checkout', status: 'down', details: { log: 'x'.repeat(MAX_DETAILS) } },
      `details: must be at most ${MAX_DETAILS} characters written as JSON`,
    ],
    ['a misspelt field', { service: 'checkout', staus: 'down' }, 'unknown field "staus"'],
    ['a body that is neither an object nor a list', 'down', 'body: expected a report object'],
    ['a list of something else', ['checkout'], '[0]: expected a report object'],
  ])('refuses %s, naming the field', (_name, body, expected) => {
    expect(problem(body)).toContain(expected);
  });

  it('refuses a report on a service the source may not report on, naming it and the ones it may', () => {
    expect(problem({ service: 'billing', status: 'down' })).toBe('service: "billing" is not a service source "ci" reports on (checkout, api)');
    expect(
      problem([
        { service: 'api', status: 'up' },
        { service: 'billing', status: 'down' },
      ]),
    ).toMatch(/^\[1\]\.service: "billing"/);
  });
});
