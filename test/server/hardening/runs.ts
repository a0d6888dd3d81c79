/**
 * How many inputs a property tries: `base`, times `HARDENING_RUNS_FACTOR` when set, so a
 * longer hunt (`HARDENING_RUNS_FACTOR=20`) needs no edit of the tests.
 */
export function runs(base: number): number {
  const factor = Number(process.env.HARDENING_RUNS_FACTOR ?? 1);
  return Number.isFinite(factor) && factor > 0 ? Math.max(1, Math.round(base * factor)) : base;
}
