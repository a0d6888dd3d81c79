import type { Ref } from 'react';
import type { ServiceView } from '../../shared/api';
import { banner } from './summary';
import type { UptimeFigure } from './uptime-figure';
import { UptimeText } from './UptimeText';

export interface BannerProps {
  services: readonly ServiceView[];
  live: boolean;
  /** The board's overall uptime over the wall's window; none when the wall shows no uptime or there is no data. */
  uptime?: UptimeFigure | null;
  /** The banner itself, for measuring the room it takes. */
  ref?: Ref<HTMLElement>;
}

/** The line across the top that says, in words, whether all is well; and, quietly, the board's uptime. */
export function Banner({ services, live, uptime = null, ref }: BannerProps) {
  const { status, text } = banner(services, live);
  const percent = uptime?.percent ?? null;
  return (
    <header ref={ref} className="banner" data-banner={status} role="status">
      <h1 className="banner-text">{text}</h1>
      {/* Not announced when only the figure moves: it changes every few minutes and says nothing urgent. */}
      {uptime && percent !== null && (
        <p className="banner-uptime" data-uptime-overall={percent} aria-live="off">
          <UptimeText figure={{ ...uptime, percent }} />
        </p>
      )}
    </header>
  );
}
