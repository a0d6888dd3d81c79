import { useEffect, useRef } from 'react';

const GIVE_UP_AFTER_MS = 10_000;

/** The heading of a page that has finished loading (loading messages are aria-busy). */
const readyHeading = () => document.querySelector<HTMLElement>('main:not([aria-busy="true"]) h1');

/**
 * After an in-app move to another page, puts the keyboard focus on that page's heading,
 * so a screen reader announces the new page as a full load would. Not on the first
 * page: a wall screen loads once and nobody is tabbing.
 */
export function useFocusOnNavigation(path: string): void {
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    // The page's code and data may still be on their way: wait for its heading.
    const focus = () => {
      const heading = readyHeading();
      if (!heading) return false;
      heading.tabIndex = -1;
      heading.focus({ preventScroll: true });
      return true;
    };
    if (focus()) return;
    const observer = new MutationObserver(() => {
      if (focus()) observer.disconnect();
    });
    observer.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['aria-busy'] });
    const giveUp = setTimeout(() => observer.disconnect(), GIVE_UP_AFTER_MS);
    return () => {
      observer.disconnect();
      clearTimeout(giveUp);
    };
  }, [path]);
}
