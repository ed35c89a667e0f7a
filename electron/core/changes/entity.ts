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

export type StampField = keyof typeof STAMP_COLUMNS;

/**
 * Every entity declared with `defineEntity`, by change-log name. The sync
 * layer resolves conflicts for any entity found here, so a feature only has to
 * declare its entity to be covered.
 */
export class EntityRegistry {
  private readonly byName = new Map<string, EntitySpec>();

  register(spec: EntitySpec): void {
    const known = this.byName.get(spec.entity);
    if (known && known.table !== spec.table) {
      throw new Error(`entity "${spec.entity}" is declared twice, for tables ${known.table} and ${spec.table}`);
    }
    this.byName.set(spec.entity, spec);
  }

  get(entity: string): EntitySpec | undefined {
    return this.byName.get(entity);
  }

  names(): string[] {
    return [...this.byName.keys()];
  }
}

export const entities = new EntityRegistry();

export function defineEntity<F extends string>(
  entity: string,
  table: string,
  columns: Readonly<Record<F, string>>,
): EntitySpec<F | StampField> {
  const spec: EntitySpec<F | StampField> = { entity, table, columns: { ...columns, ...STAMP_COLUMNS } };
  entities.register(spec as EntitySpec);
  return spec;
}
