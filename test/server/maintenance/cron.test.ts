import { CronExpressionParser } from 'cron-parser';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cronProblem, cronWallStarts } from '../../../server/maintenance/cron';

const DAY = 86_400_000;

/** Every time cron-parser itself gives, stepping from start to start: what `cronWallStarts` must agree with. */
function steppedStarts(expression: string, from: number, to: number): number[] {
  const cron = CronExpressionParser.parse(expression, { tz: 'UTC', currentDate: new Date(from - 1) });
  const starts: number[] = [];
  for (let at = cron.next().getTime(); at <= to; at = cron.next().getTime()) starts.push(at);
  return starts;
}

const field = (...options: string[]) => fc.constantFrom(...options);
const expression = fc
  .tuple(
    field('0', '30', '*/15', '5,35', '59', '10-12'),
    field('2', '*', '*/6', '1-3', '0,12', '23'),
    field('*', '1', '15', '31', 'L', '1-7', '*/10', '29'),
    field('*', '2', '3,10', 'JAN-MAR', '*/4'),
    field('*', '0', '1-5', 'SUN', 'MON#2', '5L', '6,0'),
  )
  .map((fields) => fields.join(' '));

describe('the times a cron expression fires', () => {
  it('are the times cron-parser steps through, day by day and minute by minute', () => {
    fc.assert(
      fc.property(
        fc.oneof(expression, field('@daily', '@weekly', '@monthly', '@yearly', '@hourly', '@weekdays', '@weekends')),
        fc.integer({ min: Date.parse('2024-01-01T00:00Z'), max: Date.parse('2030-01-01T00:00Z') }),
        fc.integer({ min: 0, max: 40 * DAY }),
        (cron, from, length) => {
          fc.pre(cronProblem(cron) === null); // 31 February and the like are refused by the config
          expect(cronWallStarts(cron, from, from + length)).toEqual(steppedStarts(cron, from, from + length));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('include both ends of the time asked about', () => {
    const start = Date.parse('2026-07-01T02:00Z');
    expect(cronWallStarts('0 2 * * *', start, start)).toEqual([start]);
    expect(cronWallStarts('0 2 * * *', start + 1, start + DAY - 1)).toEqual([]);
  });

  it('are none for an expression that is not one', () => {
    expect(cronWallStarts('61 * * * *', 0, DAY)).toEqual([]);
  });
});

describe('what is wrong with a cron expression', () => {
  it.each(['0 2 * * *', ' 0  2 * * * ', '*/5 * * * *', '0 3 * JAN-MAR SUN', '0 3 L * *', '0 3 * * 1#2', '@daily', '@WEEKLY', '15 3 * * 5L'])(
    'nothing, for %j',
    (text) => {
      expect(cronProblem(text)).toBeNull();
    },
  );

  it.each([
    ['61 * * * *', 'minute: got value 61 expected range 0-59'],
    ['0 24 * * *', 'hour: got value 24 expected range 0-23'],
    ['0 2 32 * *', 'day of month: got value 32 expected range 1-31'],
    ['0 2 * 13 *', 'month: got value 13 expected range 1-12'],
    ['0 2 * * 8', 'day of week: got value 8 expected range 0-7'],
    ['0 2 * * FUNDAY', expect.stringMatching(/^day of week: /)],
    ['0 2 30 2 *', 'invalid explicit day of month definition'],
    ['*/0 * * * *', 'minute: cannot repeat at every 0 time.'],
    ['0 H * * *', 'hour: H picks a time at random; give the time the window begins'],
    ['0 2 * * *  *', 'has 6 fields; use five: minute hour day-of-month month day-of-week (such as "0 2 * * *")'],
    ['', 'has 0 fields; use five: minute hour day-of-month month day-of-week (such as "0 2 * * *")'],
    ['@minutely', expect.stringMatching(/^unknown shorthand; use five fields or one of @yearly/)],
  ])('for %j: %s', (text, problem) => {
    expect(cronProblem(text)).toEqual(problem);
  });
});
