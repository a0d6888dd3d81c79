import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { STATUSES } from '../../shared/status';
import { emptyRollup, OUTCOMES, type Rollup } from './rollup';

/**
 * Rollups as bytes, small enough that a year of them per check stays well under a
 * megabyte: unsigned varints, a bit mask for which outcomes and statuses have a value
 * (most slices are all ok and all up), and the sketch as (bucket step, count) pairs.
 * A minute's rollups are stored packed by hour and deflated: sixty similar records
 * compress well. Pure.
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

function writeRollup(out: Bytes, rollup: Rollup): void {
  writeMasked(
    out,
    OUTCOMES.map((o) => rollup.runs[o]),
  );
  writeMasked(
    out,
    STATUSES.map((s) => rollup.statusMs[s]),
  );
  const buckets = [...rollup.latency.keys()].sort((a, b) => a - b);
  out.varint(buckets.length);
  if (buckets.length === 0) return;
  out.varint(rollup.maxTenths ?? 0);
  let previous = 0;
  for (const bucket of buckets) {
    out.varint(bucket - previous);
    out.varint(rollup.latency.get(bucket)!);
    previous = bucket;
  }
}

function readRollup(input: Reader): Rollup {
  const rollup = emptyRollup();
  readMasked(input, OUTCOMES.length).forEach((value, i) => (rollup.runs[OUTCOMES[i]!] = value));
  readMasked(input, STATUSES.length).forEach((value, i) => (rollup.statusMs[STATUSES[i]!] = value));
  const count = input.varint();
  if (count === 0) return rollup;
  rollup.maxTenths = input.varint();
  let bucket = 0;
  for (let i = 0; i < count; i++) {
    bucket += input.varint();
    rollup.latency.set(bucket, input.varint());
  }
  return rollup;
}

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
  writeRollup(out, rollup);
  return out.done();
}

export function decodeRollup(bytes: Uint8Array): Rollup {
  return readRollup(new Reader(bytes));
}

/**
 * The minutes of one hour (keyed by minute of the hour, 0–59) as one deflated value. Each
 * minute is written as the number of minutes skipped since the one before, so sixty
 * minutes all up are sixty identical records, which deflate to a few bytes.
 */
export function encodeMinutes(minutes: ReadonlyMap<number, Rollup>): Buffer {
  const out = new Bytes();
  let next = 0;
  for (const minute of [...minutes.keys()].sort((a, b) => a - b)) {
    out.varint(minute - next);
    writeRollup(out, minutes.get(minute)!);
    next = minute + 1;
  }
  return deflateRawSync(out.done(), { level: 9 });
}

export function decodeMinutes(bytes: Uint8Array): Map<number, Rollup> {
  const input = new Reader(inflateRawSync(bytes));
  const minutes = new Map<number, Rollup>();
  let next = 0;
  while (input.more) {
    const minute = next + input.varint();
    if (minute > 59) throw new Error('rollup bytes name a minute past the hour');
    minutes.set(minute, readRollup(input));
    next = minute + 1;
  }
  return minutes;
}
