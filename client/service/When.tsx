import { formatFromNow, formatWhen } from './format';

/** A moment as the service page tells it: the local time, then how long ago (or how soon): "14:02:11 · 3m ago". */
export function When({ iso, now }: { iso: string; now: number }) {
  const at = Date.parse(iso);
  if (!Number.isFinite(at)) return <span className="dim">{iso}</span>;
  return (
    <span className="when">
      <time dateTime={iso}>{formatWhen(at, now)}</time>
      <span className="dim">{` · ${formatFromNow(at, now)}`}</span>
    </span>
  );
}
