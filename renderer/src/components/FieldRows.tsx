/** A record's fields as a description list (`<dl class="facts">`): one row a field, label then value. */
import type { ReactNode } from 'react';

export interface FieldRow {
  label: string;
  value: ReactNode;
  /** A class on the value, e.g. how near a due date is. */
  className?: string;
}

export function FieldRows({ rows }: { rows: FieldRow[] }) {
  return (
    <dl className="facts">
      {rows.map((row) => (
        <div key={row.label}>
          <dt>{row.label}</dt>
          <dd className={row.className}>{row.value}</dd>
        </div>
      ))}
    </dl>
  );
}
