import type { ReactElement } from 'react';
import type { Status } from '../../shared/status';
import { STATUS_SHAPE, type Shape } from './status-text';

const PATHS: Record<Shape, ReactElement> = {
  circle: <circle cx="12" cy="12" r="10" />,
  triangle: <path d="M12 1.5 23 21.5H1Z" />,
  square: <rect x="2" y="2" width="20" height="20" rx="1.5" />,
  diamond: <path d="M12 1 23 12 12 23 1 12Z" />,
  hexagon: <path d="M6.5 2.5h11L23 12l-5.5 9.5h-11L1 12Z" />,
};

/** The status drawn as a shape, for anyone who cannot tell the colours apart. Decorative to screen readers: the word is beside it. */
export function StatusShape({ status, className }: { status: Status; className?: string }) {
  const shape = STATUS_SHAPE[status];
  return (
    <svg className={className} data-shape={shape} viewBox="0 0 24 24" fill="currentColor" aria-hidden="true" focusable="false">
      {PATHS[shape]}
    </svg>
  );
}
