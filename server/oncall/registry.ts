import { goalertProvider } from './goalert';
import { pagerdutyProvider } from './pagerduty';
import { icsProvider } from './ics';
import { rotationProvider } from './rotation';
import type { OncallProviderType } from './types';

/** Every place on-call schedules come from. Adding one is one line here. */
export const oncallProviders = {
  rotation: rotationProvider,
  ics: icsProvider,
  pagerduty: pagerdutyProvider,
  goalert: goalertProvider,
} satisfies Record<string, OncallProviderType>;

export function getOncallProvider(name: string): OncallProviderType {
  const provider = (oncallProviders as Record<string, OncallProviderType>)[name];
  if (!provider) throw new Error(`no on-call provider "${name}"`);
  return provider;
}
