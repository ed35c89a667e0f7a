/**
 * How a domain table maps onto the change log: which fields an edit may set
 * and the column each lives in. Every feature declares one per table.
 */
export interface EntitySpec<F extends string = string> {
  /** Name in the change log, e.g. 'job'. */
  entity: string;
  table: string;
  /** Field name (as in the change log and domain types) → SQL column. */
  columns: Readonly<Record<F, string>>;
}

/** Bookkeeping fields every synced row carries; they resolve like any other field. */
export const STAMP_COLUMNS = {
  createdAt: 'created_at',
  createdBy: 'created_by',
  updatedAt: 'updated_at',
  updatedBy: 'updated_by',
  deletedAt: 'deleted_at',
} as const;

export function defineEntity<F extends string>(
  entity: string,
  table: string,
  columns: Readonly<Record<F, string>>,
): EntitySpec<F | keyof typeof STAMP_COLUMNS> {
  return { entity, table, columns: { ...columns, ...STAMP_COLUMNS } };
}
