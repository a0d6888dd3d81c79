import { useSyncExternalStore } from 'react';
import { themeFor, type Theme } from './theme-choice';

const LIGHT_MEDIA = '(prefers-color-scheme: light)';

let current: Theme = 'dark';
const listeners = new Set<() => void>();

function apply(theme: Theme): void {
  if (theme === current && document.documentElement.dataset.theme === theme) return;
  current = theme;
  document.documentElement.dataset.theme = theme;
  for (const listener of listeners) listener();
}

/**
 * Sets the page's theme (data-theme on the root, which styles.css follows) from the
 * address it was opened with, and follows the system's preference as it changes. The
 * address is read once: moving between pages keeps the theme the screen started with,
 * as a kiosk keeps its mode.
 */
export function startTheme(): void {
  const search = window.location.search;
  const media = typeof window.matchMedia === 'function' ? window.matchMedia(LIGHT_MEDIA) : null;
  const update = () => apply(themeFor(search, media?.matches ?? false));
  media?.addEventListener('change', update);
  update();
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** The page's theme, for what CSS cannot colour itself (the chart's SVG attributes). */
export const useTheme = (): Theme => useSyncExternalStore(subscribe, () => current);
