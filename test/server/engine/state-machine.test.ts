import { describe, expect, it } from 'vitest';
import type { Status } from '../../../shared/status';
import type { Outcome } from '../../../server/checks/types';
import { INITIAL_MACHINE_STATE, nextMachineState, type MachineState } from '../../../server/engine/state-machine';

const thresholds = { failureThreshold: 2, successThreshold: 2 };
const state = (status: Status, failures = 0, successes = 0, since: number | null = 100): MachineState => ({ status, since, failures, successes });

// The executable form of the transition table in state-machine.ts.
describe('the check state machine (failureThreshold 2, successThreshold 2)', () => {
  it.each<[string, MachineState, Outcome, Status, number | null]>([
    ['a first success makes an unknown check up', INITIAL_MACHINE_STATE, 'ok', 'up', 1000],
    ['a first slow success makes an unknown check degraded', INITIAL_MACHINE_STATE, 'degraded', 'degraded', 1000],
    ['one failure leaves an unknown check unknown (pending)', INITIAL_MACHINE_STATE, 'failed', 'unknown', 1000],
    ['a second failure in a row makes an unknown check down', state('unknown', 1), 'failed', 'down', 1000],
    ['one failure leaves an up check up', state('up'), 'failed', 'up', 100],
    ['a second failure in a row makes an up check down', state('up', 1), 'failed', 'down', 1000],
    ['a second failure makes a degraded check down', state('degraded', 1), 'failed', 'down', 1000],
    ['a further failure keeps a down check down, since unchanged', state('down', 5), 'failed', 'down', 100],
    ['one success leaves a down check down', state('down', 3), 'ok', 'down', 100],
    ['a second success in a row brings a down check up', state('down', 0, 1), 'ok', 'up', 1000],
    ['a second slow success brings a down check to degraded', state('down', 0, 1), 'degraded', 'degraded', 1000],
    ['a slow run makes an up check degraded at once', state('up', 0, 4), 'degraded', 'degraded', 1000],
    ['a fast run makes a degraded check up at once', state('degraded', 0, 4), 'ok', 'up', 1000],
    ['a success keeps an up check up, since unchanged', state('up', 0, 9), 'ok', 'up', 100],
    ['a run that cannot tell makes an up check unknown at once', state('up', 0, 9), 'unknown', 'unknown', 1000],
    ['a run that cannot tell makes a down check unknown, never up', state('down', 4), 'unknown', 'unknown', 1000],
    ['maintenance makes an up check maintenance at once', state('up', 0, 9), 'maintenance', 'maintenance', 1000],
    ['maintenance makes a down check maintenance at once', state('down', 4), 'maintenance', 'maintenance', 1000],
    ['maintenance makes a never-seen check maintenance at once', INITIAL_MACHINE_STATE, 'maintenance', 'maintenance', 1000],
    ['further maintenance keeps a check in maintenance, since unchanged', state('maintenance'), 'maintenance', 'maintenance', 100],
    ['a success after maintenance makes the check up at once', state('maintenance'), 'ok', 'up', 1000],
    ['a slow success after maintenance makes the check degraded at once', state('maintenance'), 'degraded', 'degraded', 1000],
    ['one failure after maintenance leaves the check in maintenance', state('maintenance'), 'failed', 'maintenance', 100],
    ['a second failure in a row after maintenance makes the check down', state('maintenance', 1), 'failed', 'down', 1000],
    ['a run that cannot tell ends maintenance as unknown', state('maintenance'), 'unknown', 'unknown', 1000],
  ])('%s', (_name, from, outcome, to, since) => {
    const next = nextMachineState(from, outcome, 1000, thresholds);
    expect(next.status).toBe(to);
    expect(next.since).toBe(since);
  });

  it('a success between failures restarts the failure count', () => {
    let s = nextMachineState(state('up'), 'failed', 1, thresholds);
    s = nextMachineState(s, 'ok', 2, thresholds);
    s = nextMachineState(s, 'failed', 3, thresholds);
    expect(s.status).toBe('up');
    expect(s.failures).toBe(1);
  });

  it('with failureThreshold 1 a single failure is down at once', () => {
    const next = nextMachineState(state('up'), 'failed', 5, { failureThreshold: 1, successThreshold: 1 });
    expect(next).toEqual({ status: 'down', since: 5, failures: 1, successes: 0 });
  });

  it('a run that cannot tell restarts both counts', () => {
    const next = nextMachineState(state('up', 1, 3), 'unknown', 7, thresholds);
    expect(next).toEqual({ status: 'unknown', since: 7, failures: 0, successes: 0 });
  });

  it('maintenance counts as neither a success nor a failure: both counts restart', () => {
    expect(nextMachineState(state('up', 1, 3), 'maintenance', 7, thresholds)).toEqual({ status: 'maintenance', since: 7, failures: 0, successes: 0 });
    // A down check that goes into maintenance and comes back needs no run of successes to be up.
    let s = nextMachineState(state('down', 3), 'maintenance', 8, thresholds);
    s = nextMachineState(s, 'ok', 9, thresholds);
    expect(s.status).toBe('up');
  });

  it('a failure between successes restarts the recovery count', () => {
    let s = nextMachineState(state('down', 3), 'ok', 1, thresholds);
    s = nextMachineState(s, 'failed', 2, thresholds);
    s = nextMachineState(s, 'ok', 3, thresholds);
    expect(s.status).toBe('down');
  });
});
