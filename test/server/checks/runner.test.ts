import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { createRedactor } from '../../../server/checks/redact';
import { formatMs, runCheck } from '../../../server/checks/runner';
import { defineCheckType, type CommonCheckFields } from '../../../server/checks/types';

const common: CommonCheckFields = { id: 'c', type: 'fake', interval: 1_000, timeout: 50, failureThreshold: 1, successThreshold: 1 };
const schema = z.strictObject({ type: z.literal('fake') });

describe('running a check', () => {
  it('a check that ignores its abort signal is still cut at its timeout and reported failed', async () => {
    const deaf = defineCheckType({ type: 'fake', configSchema: schema, describe: () => 'fake', run: () => new Promise(() => undefined) });
    await expect(runCheck(deaf, common)).resolves.toEqual({ outcome: 'failed', message: 'timed out after 50ms', latencyMs: null });
  });

  it('the signal a check receives aborts at the timeout', async () => {
    let aborted = false;
    const listening = defineCheckType({
      type: 'fake',
      configSchema: schema,
      describe: () => 'fake',
      run: (_config, signal) =>
        new Promise((resolve) =>
          signal.addEventListener('abort', () => {
            aborted = true;
            resolve({ outcome: 'failed', message: 'aborted', latencyMs: null });
          }),
        ),
    });
    await runCheck(listening, common);
    expect(aborted).toBe(true);
  });

  it('a check that throws becomes a failed observation, not an exception', async () => {
    const buggy = defineCheckType({
      type: 'fake',
      configSchema: schema,
      describe: () => 'fake',
      run: async () => {
        throw new Error('kaboom');
      },
    });
    const result = await runCheck(buggy, common);
    expect(result.outcome).toBe('failed');
    expect(result.message).toContain('kaboom');
  });

  it('stopping the server cancels a run in flight', async () => {
    const stop = new AbortController();
    const slow = defineCheckType({ type: 'fake', configSchema: schema, describe: () => 'fake', run: () => new Promise(() => undefined) });
    const running = runCheck(slow, { ...common, timeout: 60_000 }, { stop: stop.signal });
    stop.abort();
    await expect(running).resolves.toMatchObject({ outcome: 'failed', message: 'cancelled: server stopping' });
  });

  it("secrets never leave a run: URL passwords, the type's own, and those from the environment", async () => {
    const leaky = defineCheckType({
      type: 'fake',
      configSchema: schema,
      describe: () => 'fake',
      secrets: () => ['Bearer abc123'],
      run: async () => ({
        outcome: 'failed',
        message: 'GET http://admin:hunter22@host/ sent Bearer abc123 with env-secret-value',
        latencyMs: 1,
        details: { headers: { authorization: 'Bearer abc123' }, nested: ['hunter22'] },
      }),
    });
    const config = { ...common, url: 'http://admin:hunter22@host/' } as CommonCheckFields;
    const result = await runCheck(leaky, config, { redact: createRedactor(['env-secret-value']) });
    expect(result.message).toBe('GET http://admin:***@host/ sent *** with ***');
    expect(result.details).toEqual({ headers: { authorization: '***' }, nested: ['***'] });
  });

  it.each([
    [500, '500ms'],
    [2_000, '2s'],
    [1_500, '1.5s'],
  ])('formats %i ms as %s', (ms, text) => {
    expect(formatMs(ms)).toBe(text);
  });
});
