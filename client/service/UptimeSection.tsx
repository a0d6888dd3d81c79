import { useQueries } from '@tanstack/react-query';
import type { ServiceView } from '../../shared/api';
import { serviceUptimeQuery } from '../api/uptime';
import { formatWhen } from './format';
import { SloBudget } from './SloBudget';
import { UptimeBars } from './UptimeBars';
import { UptimeFigures } from './UptimeFigures';
import { watchedSince } from './uptime-figures';

/** The windows side by side; the longest also brings its days, for the bars. */
const WINDOWS = [
  { window: '24h', words: '24 hours' },
  { window: '7d', words: '7 days' },
  { window: '30d', words: '30 days' },
  { window: '90d', words: '90 days' },
] as const;
const LONGEST = WINDOWS.length - 1;

export interface UptimeSectionProps {
  /** The service whose page this is. */
  service: ServiceView;
  /** Epoch ms, ticking. */
  now: number;
}

/** How the service has done: its objective's budget, its figures over four windows, and its last 90 days as bars. */
export function UptimeSection({ service, now }: UptimeSectionProps) {
  const queries = useQueries({ queries: WINDOWS.map(({ window }, i) => serviceUptimeQuery(service.id, window, i === LONGEST)) });
  const columns = WINDOWS.map((w, i) => ({ ...w, query: queries[i]! }));
  const longest = queries[LONGEST]!;
  // The objective is over its own window whatever was asked, so any answer has it: the 90 days', else the first to come.
  const slo = (longest.data ?? queries.find((q) => q.data)?.data)?.service.slo ?? null;
  const since = longest.data ? watchedSince(longest.data) : null;
  return (
    <section className="service-section uptime" aria-labelledby="uptime-heading" data-uptime-section="">
      <h2 id="uptime-heading">Uptime</h2>
      {slo && <SloBudget slo={slo} />}
      <UptimeFigures columns={columns} />
      {since !== null && <p className="dim uptime-since">{`Watched only since ${formatWhen(since, now)}: earlier time is not counted.`}</p>}
      <UptimeBars query={longest} />
    </section>
  );
}
