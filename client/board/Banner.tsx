import type { ServiceView } from '../../shared/api';
import { banner } from './summary';

/** The line across the top that says, in words, whether all is well. */
export function Banner({ services, live }: { services: readonly ServiceView[]; live: boolean }) {
  const { status, text } = banner(services, live);
  return (
    <header className="banner" data-banner={status} role="status">
      <h1 className="banner-text">{text}</h1>
    </header>
  );
}
