import type { ColumnDefinitionBuilder, CreateTableBuilder, Kysely } from 'kysely'

export type MigrationDialect = 'sqlite' | 'postgres'

/** An auto-numbered primary key, spelled the way each database wants it. */
export function withId<T extends string>(
  table: CreateTableBuilder<T, never>,
  dialect: MigrationDialect,
): CreateTableBuilder<T, 'id'> {
  return table.addColumn('id', 'integer', (c: ColumnDefinitionBuilder) =>
    dialect === 'postgres' ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement(),
  )
}

export interface Migration {
  up(db: Kysely<any>, dialect: MigrationDialect): Promise<void>
}
