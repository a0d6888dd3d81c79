import type { SloView } from '../../shared/api';
import type { SloConfig } from './config';
import { uptimeFigures } from './figures';
import type { Interval, UptimeFigures, UptimeInput } from './model';
import { uptimeInputs, type UptimeSources } from './report';
import { sloView } from './slo';

/**
 * Each service's objective over its own window ending at `now`, whatever window the
 * question asked: null for a service without one. The store is read once per distinct
 * window (most objectives share 30d), not once per service; and not at all for a window
 * `asked` already holds, which is the common case of the default 30 days.
 */
export async function sloViews(
  sources: UptimeSources,
  services: ReadonlyArray<{ id: string; slo: SloConfig | null }>,
  now: number,
  asked?: ReadonlyMap<string, UptimeInput>,
  /** The figures already worked out from `asked`, so a reused input is not summed twice. */
  askedFigures?: ReadonlyMap<string, UptimeFigures>,
): Promise<Map<string, SloView | null>> {
  const byWindow = new Map<number, string[]>();
  for (const { id, slo } of services) {
    if (!slo) continue;
    const ids = byWindow.get(slo.windowMs) ?? [];
    ids.push(id);
    byWindow.set(slo.windowMs, ids);
  }
  const inputs = new Map<string, UptimeInput>();
  const reused = new Set<string>();
  await Promise.all(
    [...byWindow].map(async ([windowMs, ids]) => {
      const window = { from: now - windowMs, to: now };
      const known = ids.map((id) => asked?.get(id));
      const same = known.every((input) => input !== undefined && sameInterval(input.window, window));
      if (same) ids.forEach((id) => reused.add(id));
      const found = same ? new Map(ids.map((id, i) => [id, known[i]!])) : await uptimeInputs(sources, ids, window);
      for (const [id, input] of found) inputs.set(id, input);
    }),
  );
  return new Map(
    services.map(({ id, slo }) => {
      const input = inputs.get(id);
      const worked = reused.has(id) ? askedFigures?.get(id) : undefined;
      return [id, slo && input ? sloView(worked ?? uptimeFigures(input), slo) : null];
    }),
  );
}

const sameInterval = (a: Interval, b: Interval) => a.from === b.from && a.to === b.to;
