import { describe, expect, it } from 'vitest';
import type { UnmappedAlertView } from '../../../shared/api';
import { boardNotices } from '../../../server/realtime/notices';

const alert = (alertname: string, labels: Record<string, string>, startsAt: string | null = '2026-11-22T01:00:00.000Z'): UnmappedAlertView => ({
  fingerprint: `${alertname}-${JSON.stringify(labels)}`,
  alertname,
  summary: null,
  labels: { alertname, ...labels },
  state: 'firing',
  status: 'down',
  startsAt,
  lastSeenAt: '2026-11-22T02:00:00.000Z',
  source: 'Alertmanager',
  generatorURL: null,
  reason: 'no "service" label',
});

describe('the notices every board shows', () => {
  it('none while history is saved and every alert fits a service', () => {
    expect(boardNotices(null, [])).toEqual([]);
  });

  it('history that is not being saved comes first, then the alerts that fit no service', () => {
    const notices = boardNotices({ reason: 'the disk is full', since: Date.parse('2026-11-22T00:00:00Z') }, [alert('Watchdog', {})]);
    expect(notices.map((n) => n.code)).toEqual(['history-not-saved', 'unmapped-alerts']);
    expect(notices[0]!.message).toBe('History is not being saved: the disk is full. Statuses on the board stay live.');
  });

  it('counts the alerts, names up to three by name and the service they asked for, and says since when', () => {
    const alerts = [
      alert('ServiceDown', { service: 'billing' }, '2026-11-22T01:30:00.000Z'),
      alert('ServiceDown', { service: 'billing', instance: 'b' }),
      alert('DiskFull', {}, null),
      alert('Watchdog', {}),
      alert('HighLatency', { service: 'ledger' }),
    ];
    expect(boardNotices(null, alerts)).toEqual([
      {
        code: 'unmapped-alerts',
        message: '5 alerts fit no service on this board: DiskFull, HighLatency (service=ledger), ServiceDown (service=billing) and 1 more.',
        since: '2026-11-22T01:00:00.000Z',
      },
    ]);
  });
});
