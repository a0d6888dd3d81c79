import type { OncallLoadSchedule } from '../../shared/api';
import type { Logger } from '../log';
import type { Interval } from '../uptime/model';
import type { LayerShifts } from './load';
import { joinShifts } from './now-next';
import { getOncallProvider } from './registry';
import type { LayerSpec } from './roster';
import { resolvePerson, type KnownPerson } from './who';

/** What asking the schedules for a past period gives: the shifts of each layer that answered, and how each did. */
export interface PeriodSchedules {
  layers: LayerShifts[];
  schedules: OncallLoadSchedule[];
}

export interface PeriodShiftsDeps {
  people: readonly KnownPerson[];
  log: Logger;
  now: () => number;
  /** Aborted when the asker goes away. */
  signal: AbortSignal;
}

/**
 * Asks every layer's provider for its shifts in `window`, with the layer's overrides put
 * in, as the roster does for the days around now. The roster keeps only those days, so a
 * past period is asked of the providers themselves: a rotation works it out, a calendar
 * or a scheduler answers from its own record. A layer whose provider cannot answer (a feed
 * unreachable, a range PagerDuty will not give) is reported with its reason and left out
 * of the figures, never guessed from the roster's current answer.
 */
export async function periodShifts(specs: readonly LayerSpec[], window: Interval, deps: PeriodShiftsDeps): Promise<PeriodSchedules> {
  const log = deps.log.child({ mod: 'oncall.load' });
  const answers = await Promise.all(
    specs.map(async (spec) => {
      try {
        const raw = await getOncallProvider(spec.provider).shifts(spec.config, window, { signal: deps.signal, log, now: deps.now });
        const overlaid = spec.overlay ? spec.overlay(raw) : raw;
        const shifts = joinShifts(overlaid.map((s) => ({ person: resolvePerson(s.who, deps.people), from: s.from, to: s.to })));
        return { spec, shifts, problem: null };
      } catch (error) {
        const problem = error instanceof Error ? error.message : String(error);
        log.warn({ team: spec.team.id, layer: spec.layer, reason: problem }, 'could not read the on-call schedule for a past period');
        return { spec, shifts: null, problem };
      }
    }),
  );
  return {
    layers: answers.flatMap(({ spec, shifts }) => (shifts ? [{ team: spec.team, layer: spec.layer, shifts }] : [])),
    schedules: answers.map(({ spec, problem }) => ({ team: spec.team, layer: spec.layer, provider: spec.provider, problem })),
  };
}
