import type { ReactNode } from 'react';

export interface StackTableProps {
  /** The table's own class (its column styles), beside `stack-table`. */
  className: string;
  /** Named for assistive technology when the heading above it does not say what it is. */
  label?: string;
  /** Column headings, in order; each cell's `data-label` repeats its column's on a phone. */
  columns: readonly string[];
  /** The rows. */
  children: ReactNode;
}

/** A table of the service page: scrolls sideways when wide, and turns into labelled cards on a phone (service.css). */
export function StackTable({ className, label, columns, children }: StackTableProps) {
  return (
    <div className="table-scroll">
      <table className={`${className} stack-table`} aria-label={label}>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
