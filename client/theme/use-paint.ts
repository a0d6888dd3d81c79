import { useMemo } from 'react';
import { useTheme } from './theme';

/**
 * A colour named by its custom property in styles.css (`--chart-grid`), as a value an SVG
 * attribute takes, in the page's theme: recharts draws with attributes, which cannot
 * refer to custom properties themselves. Read again when the theme changes.
 */
export function usePaint(): (token: `--${string}`) => string {
  const theme = useTheme();
  return useMemo(() => {
    void theme;
    const style = getComputedStyle(document.documentElement);
    return (token) => style.getPropertyValue(token).trim() || 'currentColor';
  }, [theme]);
}
