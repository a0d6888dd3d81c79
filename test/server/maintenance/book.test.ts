import { describe, expect, it } from 'vitest';
import { MaintenanceBook } from '../../../server/maintenance/book';
import { maintenanceSchema } from '../../../server/maintenance/config';
import { configFromYaml } from '../../helpers/config';
import { MemoryMaintenanceStore } from './memory-store';

const HOUR = 3_600_000;
const at = (iso: string) => Date.parse(iso);

/** A book over an in-memory store with a clock the test moves, counting its change calls. */
function bookAt(start: string, store = new MemoryMaintenanceStore()) {
  const clock = { now: at(start) };
  const changes = { count: 0 };
  const book = new MaintenanceBook({ store, now: () => clock.now, onChange: () => (changes.count += 1) });
  return { book, store, clock, changes };
}

const nightly = maintenanceSchema.parse({ id: 'nightly-backup', services: ['orders-db'], cron: '0 2 * * *', duration: '1h' });
const upgrade = { services: ['checkout'], from: at('2026-07-01T10:00Z'), until: at('2026-07-01T12:00Z'), reason: 'Upgrade', createdBy: 'alice' };

describe('the maintenance book', () => {
  it('starts with no windows', () => {
    const { book } = bookAt('2026-07-01T10:00Z');
    expect(book.calendar().views(at('2026-07-01T10:00Z'))).toEqual([]);
  });

  it("puts the config's windows in its calendar, and replaces them with a reloaded config's", () => {
    const { book, changes } = bookAt('2026-07-01T10:00Z');
    book.setConfig([nightly]);
    expect(changes.count).toBe(1);
    expect(book.calendar().activeFor('orders-db', at('2026-07-02T02:30Z'))?.id).toBe('nightly-backup');
    book.setConfig(configFromYaml('services:\n  - { id: orders-db, name: Orders DB }\n'));
    expect(changes.count).toBe(2);
    expect(book.calendar().activeFor('orders-db', at('2026-07-02T02:30Z'))).toBeNull();
  });

  it('makes a window under a short random id, stores it, and is changed by the time it says so', async () => {
    const { book, store, changes } = bookAt('2026-07-01T09:00Z');
    let seenInCalendar: string | undefined;
    const observed = new MaintenanceBook({
      store,
      now: () => at('2026-07-01T09:00Z'),
      onChange: () => {
        changes.count += 1;
        seenInCalendar = observed.calendar().activeFor('checkout', at('2026-07-01T11:00Z'))?.id;
      },
    });
    const window = await observed.add(upgrade);
    expect(window).toEqual({ id: expect.stringMatching(/^m-[0-9a-z]{8}$/), ...upgrade, createdAt: at('2026-07-01T09:00Z') });
    expect(store.windows.get(window.id)).toEqual(window);
    expect(seenInCalendar).toBe(window.id);
    expect(changes.count).toBe(1);
    const another = await book.add(upgrade);
    expect(another.id).not.toBe(window.id);
  });

  it('keeps its windows across a restart: a new book loads those not ended from the store', async () => {
    const first = bookAt('2026-07-01T09:00Z');
    const kept = await first.book.add(upgrade);
    await first.book.add({ ...upgrade, from: at('2026-07-01T08:00Z'), until: at('2026-07-01T09:30Z') });
    const second = bookAt('2026-07-01T10:00Z', first.store);
    await second.book.load();
    expect(second.changes.count).toBe(1);
    expect(
      second.book
        .calendar()
        .views(at('2026-07-01T10:00Z'))
        .map((view) => view.id),
    ).toEqual([kept.id]);
    expect(second.book.calendar().activeFor('checkout', at('2026-07-01T11:00Z'))).toEqual({
      id: kept.id,
      until: '2026-07-01T12:00:00.000Z',
      reason: 'Upgrade',
    });
  });

  it('ends a window made through the API at once, deleting it', async () => {
    const { book, store, changes } = bookAt('2026-07-01T10:30Z');
    const window = await book.add(upgrade);
    expect(await book.end(window.id)).toBe('ended');
    expect(store.windows.has(window.id)).toBe(false);
    expect(book.calendar().activeFor('checkout', at('2026-07-01T10:30Z'))).toBeNull();
    expect(changes.count).toBe(2);
    expect(await book.end(window.id)).toBe('unknown');
  });

  it('ends a window another instance made, which only the store knows', async () => {
    const { book, store } = bookAt('2026-07-01T10:30Z');
    await store.saveMaintenance({ id: 'm-elsewher', ...upgrade, createdAt: 0 });
    expect(await book.end('m-elsewher')).toBe('ended');
    expect(store.windows.size).toBe(0);
  });

  it('does not end a config window, which the file would bring back; nothing changes', async () => {
    const { book, changes } = bookAt('2026-07-02T01:30Z');
    book.setConfig([nightly]);
    expect(await book.end('nightly-backup')).toBe('config');
    expect(changes.count).toBe(1);
    expect(book.calendar().activeFor('orders-db', at('2026-07-02T02:30Z'))?.id).toBe('nightly-backup');
  });

  it('says an id it does not know is unknown', async () => {
    const { book, changes } = bookAt('2026-07-01T10:00Z');
    expect(await book.end('m-nothing0')).toBe('unknown');
    expect(changes.count).toBe(0);
  });

  it('makes nothing when the store cannot save: the add rejects and the calendar is as it was', async () => {
    const { book, store, changes } = bookAt('2026-07-01T10:00Z');
    store.failSaves = new Error('disk full');
    await expect(book.add(upgrade)).rejects.toThrow('disk full');
    expect(changes.count).toBe(0);
    expect(book.calendar().views(at('2026-07-01T10:00Z'))).toEqual([]);
  });

  it('no longer lists an API window once it has ended', async () => {
    const { book, clock } = bookAt('2026-07-01T09:00Z');
    await book.add(upgrade);
    clock.now = at('2026-07-01T12:00Z') + HOUR;
    book.setConfig([nightly]);
    expect(
      book
        .calendar()
        .views(clock.now)
        .map((view) => view.id),
    ).toEqual(['nightly-backup']);
  });
});
