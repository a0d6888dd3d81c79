import type { Status } from '../../../shared/status';
import type { UptimeInput } from '../../../server/uptime/model';

/** A time of day on 10 March 2026, UTC: `at('13:05')`. */
export const at = (time: string) => Date.parse(`2026-03-10T${time}Z`);
export const DAY = { from: at('00:00'), to: Date.parse('2026-03-11T00:00Z') };

/** A service seen long before 10 March 2026, watched all that day, up since before it began. */
export function day(overrides: Partial<UptimeInput> = {}): UptimeInput {
  return {
    window: DAY,
    statusBefore: 'up',
    transitions: [],
    monitored: [DAY],
    firstSeenAt: Date.parse('2026-01-01T00:00Z'),
    incidents: [],
    ...overrides,
  };
}

/** Transitions at times of that day: `moves(['13:00', 'down'], ['13:12', 'up'])`. */
export const moves = (...steps: Array<[string, Status]>) => steps.map(([time, to]) => ({ at: at(time), to }));
