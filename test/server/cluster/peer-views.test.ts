import { describe, expect, it } from 'vitest';
import type { BoardNotice, SourceView, UnmappedAlertView } from '../../../shared/api';
import { PeerViews, type InstanceView } from '../../../server/cluster/peer-views';

const health = (received: number): SourceView['health'] => ({ lastReceivedAt: null, received, errors: 0, lastError: null, lastErrorAt: null });
const source = (id: string, received: number): SourceView => ({ id, type: 'alertmanager', services: [], health: health(received) });
const alert = (fingerprint: string): UnmappedAlertView =>
  ({
    fingerprint,
    alertname: 'ServiceDown',
    summary: null,
    labels: { service: 'billing' },
    state: 'firing',
    reason: 'no service billing',
  }) as unknown as UnmappedAlertView;
const failing = (since: string): BoardNotice => ({ code: 'paging-failing', message: 'Paging via email is failing: connection refused.', since });
const view = (instance: string, parts: Partial<InstanceView> = {}): InstanceView => ({ instance, sources: [], unmapped: [], paging: [], ...parts });

describe('what the other instances see', () => {
  let clock = 0;
  const peers = () => new PeerViews({ self: 'a', ttlMs: 15_000, now: () => clock });

  it("adds the others' unmapped alerts, and says when what the boards show changed", () => {
    const views = peers();
    expect(views.take(view('b', { unmapped: [alert('1')] }))).toBe(true);
    expect(views.take(view('c', { unmapped: [alert('2')] }))).toBe(true);
    expect(views.take(view('b', { unmapped: [alert('1')] }))).toBe(false); // told again, unchanged
    expect(views.seen().unmapped.map((a) => a.fingerprint)).toEqual(['1', '2']);
    expect(views.take(view('b'))).toBe(true);
    expect(views.seen().unmapped.map((a) => a.fingerprint)).toEqual(['2']);
  });

  it('ignores its own view, told back to it', () => {
    const views = peers();
    expect(views.take(view('a', { unmapped: [alert('1')] }))).toBe(false);
    expect(views.seen().unmapped).toEqual([]);
  });

  it('shows a failing notifier seen by two instances once, since the first saw it', () => {
    const views = peers();
    views.take(view('b', { paging: [failing('2026-12-01T10:05:00.000Z')] }));
    views.take(view('c', { paging: [failing('2026-12-01T10:00:00.000Z')] }));
    expect(views.seen().paging).toEqual([failing('2026-12-01T10:00:00.000Z')]);
  });

  it('forgets an instance not heard from in time: a gone instance shows nothing it last saw', () => {
    const views = peers();
    clock = 0;
    views.take(view('b', { unmapped: [alert('1')] }));
    clock = 10_000;
    views.take(view('c', { unmapped: [alert('2')] }));
    clock = 15_000;
    expect(views.prune()).toBe(false);
    clock = 15_001;
    expect(views.prune()).toBe(true);
    expect(views.seen().unmapped.map((a) => a.fingerprint)).toEqual(['2']);
  });

  it('lists each source with the health its runner told; as stored when none did; its own as it has it', () => {
    const views = peers();
    views.take(view('b', { sources: [source('am', 7)] }));
    const listedHere = [source('am', 1), source('nightly', 2), source('statuspage', 3)];
    expect(views.sources(listedHere, new Set(['nightly'])).map((s) => [s.id, s.health.received])).toEqual([
      ['am', 7],
      ['nightly', 2],
      ['statuspage', 3],
    ]);
  });
});
