import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HEALTH_SAVE_DELAY_MS, HealthBook } from '../../../server/sources/source-health';
import type { StoredSourceHealth } from '../../../server/store/store';

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(Date.parse('2026-11-22T09:00:00Z'));
});
afterEach(() => {
  vi.useRealTimers();
});

function book(stored: StoredSourceHealth | null = null, save = vi.fn<(health: StoredSourceHealth) => Promise<void>>(async () => undefined)) {
  const errors: unknown[] = [];
  const made = new HealthBook({ sourceId: 'ci', stored, save, onSaveError: (error) => errors.push(error), now: Date.now });
  return { book: made, save, errors };
}

describe("a source's health", () => {
  it('goes on from what was saved before the start', () => {
    const { book: health } = book({
      sourceId: 'ci',
      lastReceivedAt: 1_000,
      received: 7,
      errors: 2,
      lastError: 'wrong or missing bearer token',
      lastErrorAt: 500,
    });
    health.noteReceived();
    expect(health.view()).toEqual({
      lastReceivedAt: '2026-11-22T09:00:00.000Z',
      received: 8,
      errors: 2,
      lastError: 'wrong or missing bearer token',
      lastErrorAt: '1970-01-01T00:00:00.500Z',
    });
  });

  it('a flood of messages is saved once a second, with the latest counts', async () => {
    const { book: health, save } = book();
    for (let i = 0; i < 500; i++) health.noteReceived();
    health.noteFailed('request body is not valid JSON');
    expect(save).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(HEALTH_SAVE_DELAY_MS);
    expect(save).toHaveBeenCalledTimes(1);
    expect(save.mock.calls[0]![0]).toMatchObject({ sourceId: 'ci', received: 500, errors: 1, lastError: 'request body is not valid JSON' });
    await vi.advanceTimersByTimeAsync(10 * HEALTH_SAVE_DELAY_MS);
    expect(save).toHaveBeenCalledTimes(1);
  });

  it('closing saves what is not saved yet, at once, and nothing after', async () => {
    const { book: health, save } = book();
    health.noteReceived();
    await health.close();
    expect(save).toHaveBeenCalledTimes(1);
    health.noteReceived();
    await vi.advanceTimersByTimeAsync(10 * HEALTH_SAVE_DELAY_MS);
    expect(save).toHaveBeenCalledTimes(1);
  });

  it('a save that fails is told, and the counts are saved at the next change', async () => {
    const save = vi.fn<(health: StoredSourceHealth) => Promise<void>>(async () => undefined).mockRejectedValueOnce(new Error('database or disk is full'));
    const { book: health, errors } = book(null, save);
    health.noteReceived();
    await vi.advanceTimersByTimeAsync(HEALTH_SAVE_DELAY_MS);
    expect(errors).toEqual([new Error('database or disk is full')]);
    health.noteReceived();
    await vi.advanceTimersByTimeAsync(HEALTH_SAVE_DELAY_MS);
    expect(save).toHaveBeenLastCalledWith(expect.objectContaining({ received: 2 }));
  });
});
