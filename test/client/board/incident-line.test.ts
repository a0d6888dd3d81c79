import { describe, expect, it } from 'vitest';
import { incidentLine, incidentState } from '../../../client/board/incident-line';
import { maintenanceLine } from '../../../client/board/maintenance-line';
import { incidentBrief } from '../fixtures';

const OPENED = Date.parse('2026-01-05T09:00:00.000Z');
const at = (minutes: number) => new Date(OPENED + minutes * 60_000).toISOString();
const names = (id: string) => ({ 'orders-db': 'Orders DB' })[id] ?? id;

describe('incidentLine', () => {
  it('says the page is on its way before the first one is sent', () => {
    expect(incidentLine(incidentBrief('checkout'), 'checkout', OPENED, names)).toEqual({ state: 'paging', text: 'Paging…' });
    expect(incidentLine({ ...incidentBrief('checkout'), nobodyPaged: true }, 'checkout', OPENED, names)).toEqual({ state: 'unpaged', text: 'Nobody paged' });
    expect(incidentLine({ ...incidentBrief('checkout'), nobodyPaged: true }, 'search', OPENED, names)?.text).toMatch(/nobody paged$/);
  });

  it('names who was paged and how long ago, the time moving with the clock', () => {
    const brief = incidentBrief('checkout', { paged: { name: 'Alice', at: at(1) } });
    expect(incidentLine(brief, 'checkout', OPENED + 3 * 60_000, names)).toEqual({ state: 'paged', text: 'Paged Alice · 2m ago' });
    expect(incidentLine(brief, 'checkout', OPENED + 11 * 60_000, names)?.text).toBe('Paged Alice · 10m ago');
  });

  it('names who acknowledged, which outranks who was paged', () => {
    const brief = incidentBrief('checkout', { status: 'acknowledged', paged: { name: 'Alice', at: at(1) }, acknowledged: { by: 'Bob', at: at(2) } });
    expect(incidentLine(brief, 'checkout', OPENED + 7 * 60_000, names)).toEqual({ state: 'acknowledged', text: 'Acknowledged by Bob · 5m ago' });
    expect(incidentState(brief)).toBe('acknowledged');
  });

  it("on a tile impacted by another service, names the cause's incident and who has it", () => {
    const paged = incidentBrief('orders-db', { paged: { name: 'Bob', at: at(1) } });
    expect(incidentLine(paged, 'checkout', OPENED, names)).toEqual({ state: 'paged', text: 'Orders DB incident · paged Bob' });
    const acked = incidentBrief('orders-db', { status: 'acknowledged', acknowledged: { by: 'Carol', at: at(2) } });
    expect(incidentLine(acked, 'checkout', OPENED, names)?.text).toBe('Orders DB incident · acknowledged by Carol');
    expect(incidentLine(incidentBrief('orders-db'), 'checkout', OPENED, names)?.text).toBe('Orders DB incident · paging…');
  });

  it('says nothing once the incident is resolved', () => {
    expect(incidentLine(incidentBrief('checkout', { status: 'resolved' }), 'checkout', OPENED, names)).toBeNull();
  });

  it('keeps the name when the time cannot be read', () => {
    const brief = incidentBrief('checkout', { paged: { name: 'Alice', at: 'not a time' } });
    expect(incidentLine(brief, 'checkout', OPENED, names)?.text).toBe('Paged Alice');
  });
});

describe('maintenanceLine', () => {
  const now = new Date(2026, 0, 5, 12, 30).getTime();

  it('says until when in local time, and why', () => {
    const until = new Date(2026, 0, 5, 14, 0).toISOString();
    expect(maintenanceLine({ id: 'backup', until, reason: 'Nightly backup' }, now)).toBe('Maintenance until 14:00 · Nightly backup');
  });

  it('gives the weekday when the window ends on another day', () => {
    const until = new Date(2026, 0, 7, 9, 0).toISOString(); // a Wednesday
    expect(maintenanceLine({ id: 'move', until, reason: 'Data centre move' }, now)).toBe('Maintenance until Wed 09:00 · Data centre move');
  });

  it('leaves out an empty reason', () => {
    const until = new Date(2026, 0, 5, 14, 0).toISOString();
    expect(maintenanceLine({ id: 'backup', until, reason: ' ' }, now)).toBe('Maintenance until 14:00');
  });
});
