import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STATUSES, type Status } from '../../../shared/status';
import { hourRollupOf, HOUR_MS, MINUTE_MS } from '../../../server/history/hour-rollup';
import { emptyRollup, mergeRollup, OUTCOMES, rollUp, type RawSample, type Rollup } from '../../../server/history/rollup';
import { decodeHours, decodeMinutes, decodeRollup, encodeHours, encodeMinutes, encodeRollup } from '../../../server/history/rollup-codec';
import { SKETCH_RELATIVE_ERROR, sketchCount, sketchQuantile } from '../../../server/history/sketch';
import type { RollupFacts } from '../../../server/store/store';

const HOUR = 10 * HOUR_MS;

/** The exact nearest-rank quantile of raw values. */
function exactQuantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1]!;
}

const sampleArb = fc.record({
  at: fc.integer({ min: HOUR, max: HOUR + HOUR_MS - 1 }),
  outcome: fc.constantFrom(...OUTCOMES),
  // Up to ten minutes, in tenths of a millisecond; a few runs get no response time.
  latencyTenths: fc.option(fc.integer({ min: 0, max: 6_000_000 }), { freq: 8 }),
});
const transitionArb = fc.record({ at: fc.integer({ min: HOUR - HOUR_MS, max: HOUR + HOUR_MS }), to: fc.constantFrom(...STATUSES) });

const factsArb = fc.record({
  samples: fc.array(sampleArb, { maxLength: 300 }).map((s) => s.sort((a, b) => a.at - b.at)),
  statusBefore: fc.option(fc.constantFrom(...STATUSES)),
  transitions: fc.array(transitionArb, { maxLength: 12 }).map((t) => t.sort((a, b) => a.at - b.at)),
  watchedFrom: fc.integer({ min: HOUR - HOUR_MS, max: HOUR + HOUR_MS }),
});

const factsOf = (f: { samples: RawSample[]; statusBefore: Status | null; transitions: Array<{ at: number; to: Status }> }): RollupFacts => ({
  serviceId: 'checkout',
  checkId: 'health',
  samples: f.samples,
  statusBefore: f.statusBefore,
  transitions: f.transitions.filter((t) => t.at >= HOUR && t.at < HOUR + HOUR_MS),
  firstSeenAt: f.statusBefore === null ? (f.transitions[0]?.at ?? null) : HOUR - HOUR_MS,
});

describe('rollups equal the raw data they replace', () => {
  it('runs by outcome, the slowest time, and time in each status, minute by minute and for the hour', () => {
    fc.assert(
      fc.property(factsArb, (f) => {
        const monitored = [{ from: f.watchedFrom, to: HOUR + HOUR_MS }];
        const rolled = hourRollupOf(factsOf(f), monitored, HOUR);
        const inHour = f.samples;
        if (rolled === null) {
          expect(inHour).toEqual([]);
          return;
        }
        for (const outcome of OUTCOMES) expect(rolled.rollup.runs[outcome]).toBe(inHour.filter((s) => s.outcome === outcome).length);
        const latencies = inHour.flatMap((s) => (s.latencyTenths === null ? [] : [s.latencyTenths]));
        expect(rolled.rollup.maxTenths).toBe(latencies.length === 0 ? null : Math.max(...latencies));
        expect(sketchCount(rolled.rollup.latency)).toBe(latencies.length);
        // Time is never counted twice nor outside the hour.
        const counted = STATUSES.reduce((sum, s) => sum + rolled.rollup.statusMs[s], 0);
        expect(counted).toBeLessThanOrEqual(HOUR_MS);
        for (const [minute, r] of rolled.minutes) {
          const from = HOUR + minute * MINUTE_MS;
          const own = inHour.filter((s) => s.at >= from && s.at < from + MINUTE_MS);
          expect(OUTCOMES.reduce((n, o) => n + r.runs[o], 0)).toBe(own.length);
          expect(STATUSES.reduce((sum, s) => sum + r.statusMs[s], 0)).toBeLessThanOrEqual(MINUTE_MS);
        }
        // The hour is its minutes merged: exactly, sketch included.
        const merged = emptyRollup();
        for (const r of rolled.minutes.values()) mergeRollup(merged, r);
        expect(merged).toEqual(rolled.rollup);
      }),
    );
  });

  it('percentiles read from merged rollups are within the stated error of the exact ones', () => {
    // A week of hours: their sketches merged give the week's p50 and p95.
    fc.assert(
      fc.property(fc.array(fc.array(fc.integer({ min: 0, max: 6_000_000 }), { minLength: 1, maxLength: 60 }), { minLength: 1, maxLength: 24 }), (hours) => {
        const week = emptyRollup();
        hours.forEach((values, i) => {
          const samples = values.map((latencyTenths) => ({ at: i * HOUR_MS, outcome: 'ok' as const, latencyTenths }));
          for (const r of rollUp(samples, [], 0, HOUR_MS, hours.length).values()) mergeRollup(week, r);
        });
        const all = hours.flat();
        for (const q of [0.5, 0.95, 0.99, 1]) {
          const exact = exactQuantile(all, q);
          const read = sketchQuantile(week.latency, q, week.maxTenths)!;
          expect(Math.abs(read - exact)).toBeLessThanOrEqual(exact * SKETCH_RELATIVE_ERROR + 1e-9);
        }
      }),
    );
  });

  it('time in each status follows the transitions, and time nobody watched is unknown', () => {
    const facts = factsOf({
      samples: [],
      statusBefore: 'up',
      transitions: [
        { at: HOUR + 10 * MINUTE_MS, to: 'down' },
        { at: HOUR + 25 * MINUTE_MS + 30_000, to: 'up' },
      ],
    });
    // The server was stopped for the hour's last five minutes.
    const rolled = hourRollupOf(facts, [{ from: 0, to: HOUR + 55 * MINUTE_MS }], HOUR)!;
    expect(rolled.rollup.statusMs).toEqual({ up: 39.5 * MINUTE_MS, degraded: 0, down: 15.5 * MINUTE_MS, unknown: 5 * MINUTE_MS, maintenance: 0 });
    expect(rolled.minutes.get(25)!.statusMs).toEqual({ up: 30_000, degraded: 0, down: 30_000, unknown: 0, maintenance: 0 });
    expect(rolled.minutes.size).toBe(60);
  });
});

describe('rollups as bytes', () => {
  const rollupArb = fc
    .array(sampleArb, { maxLength: 200 })
    .chain((samples) => fc.record({ samples: fc.constant(samples), statusMs: fc.tuple(...STATUSES.map(() => fc.integer({ min: 0, max: HOUR_MS }))) }))
    .map(({ samples, statusMs }): Rollup => {
      const [r] = [...rollUp(samples, [], HOUR, HOUR_MS, 1).values()];
      const rollup = r ?? emptyRollup();
      STATUSES.forEach((s, i) => (rollup.statusMs[s] = statusMs[i]!));
      return rollup;
    });

  it('read back exactly what was written', () => {
    fc.assert(
      fc.property(rollupArb, (rollup) => {
        expect(decodeRollup(encodeRollup(rollup))).toEqual(rollup);
      }),
    );
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: 59 }), rollupArb), { selector: ([m]) => m, maxLength: 60 }), (minutes) => {
        const map = new Map(minutes);
        expect(decodeMinutes(encodeMinutes(map))).toEqual(map);
      }),
    );
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: 23 }), rollupArb), { selector: ([h]) => h, maxLength: 24 }), (hours) => {
        const map = new Map(hours);
        expect(decodeHours(encodeHours(map))).toEqual(map);
      }),
    );
  });

  it('an hour of a 30 s check, all well, takes about two bytes a run; an hour of a service all up a few bytes', () => {
    const samples = Array.from({ length: 120 }, (_, i) => ({ at: HOUR + i * 30_000, outcome: 'ok' as const, latencyTenths: 200 + ((i * 37) % 300) }));
    const rolled = hourRollupOf(factsOf({ samples, statusBefore: 'up', transitions: [] }), [{ from: 0, to: HOUR + HOUR_MS }], HOUR)!;
    expect(encodeRollup(rolled.rollup).length).toBeLessThan(80);
    expect(encodeMinutes(rolled.minutes).length).toBeLessThan(300);
    const quiet = hourRollupOf({ ...factsOf({ samples: [], statusBefore: 'up', transitions: [] }), checkId: null }, [{ from: 0, to: HOUR + HOUR_MS }], HOUR)!;
    expect(encodeMinutes(quiet.minutes).length).toBeLessThan(20);
    // A day of such hours packs into less than its hours one by one.
    const day = new Map(Array.from({ length: 24 }, (_, h) => [h, rolled.rollup]));
    expect(encodeHours(day).length).toBeLessThan(24 * encodeRollup(rolled.rollup).length * 0.5);
  });

  it('refuses bytes it cannot read instead of inventing figures', () => {
    expect(() => decodeRollup(Uint8Array.from([0x01]))).toThrow(/end too soon/);
    expect(() => decodeRollup(Uint8Array.from([0xff]))).toThrow(/does not know/);
  });
});
