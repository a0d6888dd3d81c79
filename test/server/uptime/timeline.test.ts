import { describe, expect, it } from 'vitest';
import type { UptimeInput } from '../../../server/uptime/model';
import { at, day, DAY, moves } from './one-day';
import { statusTimeline } from '../../../server/uptime/timeline';

/** The timeline as `[from, to, status]` in UTC times of day, for reading against the story. */
const readable = (input: UptimeInput) =>
  statusTimeline(input).map((segment) => [
    new Date(segment.from).toISOString().slice(11, 19),
    new Date(segment.to).toISOString().slice(11, 19),
    segment.status,
  ]);

describe('the status timeline of a service over a window', () => {
  it('is one segment when nothing changed and Greenboard watched throughout', () => {
    expect(statusTimeline(day())).toEqual([{ from: DAY.from, to: DAY.to, status: 'up' }]);
  });

  it('follows the transitions, each status lasting until the next', () => {
    expect(readable(day({ transitions: moves(['09:00', 'degraded'], ['09:20', 'down'], ['09:50', 'up']) }))).toEqual([
      ['00:00:00', '09:00:00', 'up'],
      ['09:00:00', '09:20:00', 'degraded'],
      ['09:20:00', '09:50:00', 'down'],
      ['09:50:00', '00:00:00', 'up'],
    ]);
  });

  it('counts the hours Greenboard itself was stopped as unknown, not as down', () => {
    // The service failed at 09:00, Greenboard was stopped 10:00–12:00 and, started again,
    // saw it up with its first check at 12:00:05. Nobody knows what happened in between.
    const input = day({
      transitions: moves(['09:00', 'down'], ['12:00:05', 'up']),
      monitored: [
        { from: DAY.from, to: at('10:00') },
        { from: at('12:00'), to: DAY.to },
      ],
    });
    expect(readable(input)).toEqual([
      ['00:00:00', '09:00:00', 'up'],
      ['09:00:00', '10:00:00', 'down'],
      ['10:00:00', '12:00:00', 'unknown'],
      ['12:00:00', '12:00:05', 'down'],
      ['12:00:05', '00:00:00', 'up'],
    ]);
  });

  it('keeps a stopped Greenboard unknown even when the store says the service was up', () => {
    const input = day({ monitored: [{ from: at('06:00'), to: at('18:00') }] });
    expect(readable(input)).toEqual([
      ['00:00:00', '06:00:00', 'unknown'],
      ['06:00:00', '18:00:00', 'up'],
      ['18:00:00', '00:00:00', 'unknown'],
    ]);
  });

  it('shows checks gone stale as unknown for as long as they were', () => {
    expect(readable(day({ transitions: moves(['14:00', 'unknown'], ['14:30', 'up']) }))).toEqual([
      ['00:00:00', '14:00:00', 'up'],
      ['14:00:00', '14:30:00', 'unknown'],
      ['14:30:00', '00:00:00', 'up'],
    ]);
  });

  it('cuts an outage that began before the window and one that goes on after it at the window edges', () => {
    const input = day({ statusBefore: 'down', transitions: moves(['01:30', 'up'], ['23:00', 'down']) });
    expect(readable(input)).toEqual([
      ['00:00:00', '01:30:00', 'down'],
      ['01:30:00', '23:00:00', 'up'],
      ['23:00:00', '00:00:00', 'down'],
    ]);
  });

  it('starts at the service’s first transition when it was added during the window', () => {
    const input = day({ statusBefore: null, firstSeenAt: at('12:00'), transitions: moves(['12:00', 'up'], ['20:00', 'down'], ['21:00', 'up']) });
    expect(readable(input)).toEqual([
      ['12:00:00', '20:00:00', 'up'],
      ['20:00:00', '21:00:00', 'down'],
      ['21:00:00', '00:00:00', 'up'],
    ]);
  });

  it('is empty for a service with no transitions at all, or whose first comes after the window', () => {
    expect(statusTimeline(day({ firstSeenAt: null, statusBefore: null }))).toEqual([]);
    expect(statusTimeline(day({ firstSeenAt: DAY.to, statusBefore: null }))).toEqual([]);
  });

  it('is unknown until the first transition when nothing is known from before the window', () => {
    expect(readable(day({ statusBefore: null, transitions: moves(['03:00', 'up']) }))).toEqual([
      ['00:00:00', '03:00:00', 'unknown'],
      ['03:00:00', '00:00:00', 'up'],
    ]);
  });

  it('takes the last of transitions at the same instant, leaving no empty segment', () => {
    expect(statusTimeline(day({ transitions: moves(['10:00', 'down'], ['10:00', 'up']) }))).toEqual([{ from: DAY.from, to: DAY.to, status: 'up' }]);
    expect(readable(day({ transitions: moves(['10:00', 'up'], ['10:00', 'down']) }))).toEqual([
      ['00:00:00', '10:00:00', 'up'],
      ['10:00:00', '00:00:00', 'down'],
    ]);
  });

  it('joins repeated transitions to the same status into one segment', () => {
    expect(statusTimeline(day({ transitions: moves(['04:00', 'up'], ['05:00', 'up']) }))).toEqual([{ from: DAY.from, to: DAY.to, status: 'up' }]);
  });

  it('reads transitions and monitored stretches given out of order and overlapping', () => {
    const input = day({
      transitions: moves(['16:00', 'up'], ['15:00', 'down']),
      monitored: [
        { from: at('12:00'), to: DAY.to },
        { from: DAY.from, to: at('08:00') },
        { from: at('06:00'), to: at('10:00') },
        { from: at('13:00'), to: at('14:00') },
      ],
    });
    expect(readable(input)).toEqual([
      ['00:00:00', '10:00:00', 'up'],
      ['10:00:00', '12:00:00', 'unknown'],
      ['12:00:00', '15:00:00', 'up'],
      ['15:00:00', '16:00:00', 'down'],
      ['16:00:00', '00:00:00', 'up'],
    ]);
  });

  it('ignores transitions at or after the end of the window', () => {
    expect(statusTimeline(day({ transitions: [{ at: DAY.to, to: 'down' }] }))).toEqual([{ from: DAY.from, to: DAY.to, status: 'up' }]);
  });
});
