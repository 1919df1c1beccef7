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
  // Migrations are frozen in time, so they must not be typed by today's schema (server/db/schema.ts):
  // the database is untyped here, as in Kysely's own Migration interface.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see the line above
  up(db: Kysely<any>, dialect: MigrationDialect): Promise<void>
}
