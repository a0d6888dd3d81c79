import type { ReactNode } from 'react';

/** One labelled fact in a description list (`<dl>`). */
export function Fact({ label, className, children }: { label: string; className?: string; children: ReactNode }) {
  return (
    <div className={className ? `fact ${className}` : 'fact'}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
