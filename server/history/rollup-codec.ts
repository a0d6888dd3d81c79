import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { STATUSES } from '../../shared/status';
import { emptyRollup, OUTCOMES, type Rollup } from './rollup';
import { bucketValue } from './sketch';

/**
 * Rollups as bytes, small enough that a year of them per check stays under a megabyte:
 * varints, a bit mask for which outcomes and statuses have a value (most slices are all
 * ok and all up), the sketch as (bucket step, count) pairs and the slowest time as its
 * distance from the top bucket. A minute's rollups are stored packed by hour, column by
 * column, and deflated. Pure.
 */

class Bytes {
  private buffer = Buffer.alloc(64);
  length = 0;
  varint(value: number): void {
    let v = Math.max(0, Math.round(value));
    do {
      let byte = v % 128;
      v = Math.floor(v / 128);
      if (v > 0) byte |= 0x80;
      this.byte(byte);
    } while (v > 0);
  }
  /** A whole number that may be negative, zigzagged: 0, −1, 1, −2… as 0, 1, 2, 3… */
  signed(value: number): void {
    this.varint(value >= 0 ? value * 2 : -value * 2 - 1);
  }
  byte(value: number): void {
    if (this.length === this.buffer.length) {
      const grown = Buffer.alloc(this.buffer.length * 2);
      this.buffer.copy(grown);
      this.buffer = grown;
    }
    this.buffer[this.length++] = value;
  }
  done(): Buffer {
    return this.buffer.subarray(0, this.length);
  }
}

class Reader {
  offset = 0;
  constructor(private readonly bytes: Uint8Array) {}
  get more(): boolean {
    return this.offset < this.bytes.length;
  }
  byte(): number {
    if (this.offset >= this.bytes.length) throw new Error('rollup bytes end too soon');
    return this.bytes[this.offset++]!;
  }
  signed(): number {
    const zigzag = this.varint();
    return zigzag % 2 === 0 ? zigzag / 2 : -(zigzag + 1) / 2;
  }
  varint(): number {
    let value = 0;
    let scale = 1;
    for (;;) {
      const byte = this.byte();
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 128;
    }
  }
}

/** The slowest time as its distance from the value of the sketch's top bucket, which it lies within 2 % of: a byte or two, not three. */
const maxOffset = (rollup: Rollup, top: number) => (rollup.maxTenths ?? 0) - Math.round(bucketValue(top));

function writeLatency(out: Bytes, rollup: Rollup): void {
  const buckets = [...rollup.latency.keys()].sort((a, b) => a - b);
  out.varint(buckets.length);
  if (buckets.length === 0) return;
  out.signed(maxOffset(rollup, buckets.at(-1)!));
  let previous = 0;
  for (const bucket of buckets) {
    out.varint(bucket - previous);
    out.varint(rollup.latency.get(bucket)!);
    previous = bucket;
  }
}

function readLatency(input: Reader, rollup: Rollup): void {
  const count = input.varint();
  if (count === 0) return;
  const offset = input.signed();
  let bucket = 0;
  for (let i = 0; i < count; i++) {
    bucket += input.varint();
    rollup.latency.set(bucket, input.varint());
  }
  rollup.maxTenths = Math.round(bucketValue(bucket)) + offset;
}

const writeRuns = (out: Bytes, rollup: Rollup) =>
  writeMasked(
    out,
    OUTCOMES.map((o) => rollup.runs[o]),
  );
const writeStatus = (out: Bytes, rollup: Rollup) =>
  writeMasked(
    out,
    STATUSES.map((s) => rollup.statusMs[s]),
  );
const readRuns = (input: Reader, rollup: Rollup) => readMasked(input, OUTCOMES.length).forEach((value, i) => (rollup.runs[OUTCOMES[i]!] = value));
const readStatus = (input: Reader, rollup: Rollup) => readMasked(input, STATUSES.length).forEach((value, i) => (rollup.statusMs[STATUSES[i]!] = value));

/** A mask byte of which values are not 0, then those values. At most 8 values. */
function writeMasked(out: Bytes, values: readonly number[]): void {
  let mask = 0;
  values.forEach((value, i) => {
    if (value > 0) mask |= 1 << i;
  });
  out.byte(mask);
  for (const value of values) if (value > 0) out.varint(value);
}

function readMasked(input: Reader, count: number): number[] {
  const mask = input.byte();
  if (mask >= 1 << count) throw new Error('rollup bytes hold a value this version does not know');
  const values: number[] = [];
  for (let i = 0; i < count; i++) values.push(mask & (1 << i) ? input.varint() : 0);
  return values;
}

/** One rollup (an hour's) as bytes. */
export function encodeRollup(rollup: Rollup): Buffer {
  const out = new Bytes();
  writeRuns(out, rollup);
  writeStatus(out, rollup);
  writeLatency(out, rollup);
  return out.done();
}

export function decodeRollup(bytes: Uint8Array): Rollup {
  const input = new Reader(bytes);
  const rollup = emptyRollup();
  readRuns(input, rollup);
  readStatus(input, rollup);
  readLatency(input, rollup);
  return rollup;
}

/**
 * Slices packed into one deflated value (the minutes of an hour, the hours of a day),
 * keyed by their place (0 to `places` − 1), column by column: which places (as gaps since
 * the one before), then every slice's runs, then their status time, then their response
 * times. Like bytes sit together, so an hour all up deflates to a few bytes, and a busy
 * one to about two bytes a run.
 */
function encodePacked(slices: ReadonlyMap<number, Rollup>): Buffer {
  const order = [...slices.keys()].sort((a, b) => a - b);
  const out = new Bytes();
  out.varint(order.length);
  let next = 0;
  for (const place of order) {
    out.varint(place - next);
    next = place + 1;
  }
  for (const write of [writeRuns, writeStatus, writeLatency]) for (const place of order) write(out, slices.get(place)!);
  return deflateRawSync(out.done(), { level: 9 });
}

function decodePacked(bytes: Uint8Array, places: number): Map<number, Rollup> {
  const input = new Reader(inflateRawSync(bytes));
  const count = input.varint();
  const order: number[] = [];
  let next = 0;
  for (let i = 0; i < count; i++) {
    const place = next + input.varint();
    if (place >= places) throw new Error('rollup bytes name a slice past their row');
    order.push(place);
    next = place + 1;
  }
  const slices = new Map(order.map((place) => [place, emptyRollup()]));
  for (const read of [readRuns, readStatus, readLatency]) for (const place of order) read(input, slices.get(place)!);
  if (input.more) throw new Error('rollup bytes run on past their slices');
  return slices;
}

/** The minutes of one hour, keyed by minute of the hour (0–59). */
export const encodeMinutes = (minutes: ReadonlyMap<number, Rollup>) => encodePacked(minutes);
export const decodeMinutes = (bytes: Uint8Array) => decodePacked(bytes, 60);

/** The hours of one day (UTC), keyed by hour of the day (0–23). */
export const encodeHours = (hours: ReadonlyMap<number, Rollup>) => encodePacked(hours);
export const decodeHours = (bytes: Uint8Array) => decodePacked(bytes, 24);
