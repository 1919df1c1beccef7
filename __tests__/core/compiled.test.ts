import { sql } from 'kysely'
import { compiled, idList, inIdList, statementName } from '../../server/core/compiled'
import { migrateToLatest } from '../../server/db/migrate'
import { describeEachDatabase, freshDatabase, type TestDatabase } from '../support/server'

type Level = 'street' | 'neighbourhood' | 'estate' | 'building'

const unitsNamed = compiled((db, v: { level: Level; after: number; limit: number }) =>
  db.selectFrom('units').select(['id', 'name']).where('level', '=', v.level).where('id', '>', v.after).orderBy('id').limit(v.limit),
)

const unitsAmong = compiled((db, v: { ids: unknown }) => db.selectFrom('units').select('name').where(inIdList(db, 'id', v.ids)).orderBy('id'))

describeEachDatabase('compiled queries', (dialect) => {
  let t: TestDatabase
  beforeAll(async () => {
    t = await freshDatabase(dialect)
    await migrateToLatest(t.db)
    const at = new Date().toISOString()
    for (const [name, level] of [['新华街道', 'street'], ['梧桐居民区', 'neighbourhood'], ['香樟居民区', 'neighbourhood'], ['银杏居民区', 'neighbourhood']] as const) {
      await t.db.kysely.insertInto('units').values({ name, level, parent_id: null, households: 0, created_at: at }).execute()
    }
  })
  afterAll(async () => {
    await t.db.close()
    await t.drop()
  })

  it('answers each run with its own values, as the built query would', async () => {
    const db = t.db.kysely
    const built = (level: Level, after: number, limit: number) =>
      db.selectFrom('units').select(['id', 'name']).where('level', '=', level).where('id', '>', after).orderBy('id').limit(limit).execute()
    for (const [level, after, limit] of [['neighbourhood', 0, 10], ['neighbourhood', 2, 1], ['street', 0, 5], ['building', 0, 5]] as const) {
      expect(await unitsNamed.all(db, { level, after, limit })).toEqual(await built(level, after, limit))
    }
    expect(await unitsNamed.first(db, { level: 'neighbourhood', after: 0, limit: 5 })).toMatchObject({ name: '梧桐居民区' })
    expect(await unitsNamed.first(db, { level: 'estate', after: 0, limit: 5 })).toBeUndefined()
  })

  it('writes a whole-number LIMIT and OFFSET into the SQL on SQLite, and binds anything else', async () => {
    const db = t.db.kysely
    const page = db.selectFrom('units').select('name').orderBy('id').limit(2).offset(1)
    const built = page.compile()
    if (dialect === 'sqlite') {
      // A bound LIMIT has SQLite plan the statement again on every run (db.ts).
      expect(built.sql).toMatch(/limit 2 offset 1$/)
      expect(built.parameters).toEqual([])
    } else expect(built.parameters).toEqual([2, 1])
    expect((await page.execute()).map((r) => r.name)).toEqual(['梧桐居民区', '香樟居民区'])
    // Not a count: stays a parameter.
    expect(db.selectFrom('units').select('id').limit(2.5).compile().parameters).toEqual([2.5])
    expect(db.selectFrom('units').select('id').limit(-1).compile().parameters).toEqual([-1])
  })

  it('takes a list of ids of any length as one value', async () => {
    const db = t.db.kysely
    const ids = (await db.selectFrom('units').select('id').orderBy('id').execute()).map((u) => u.id)
    for (const some of [[], [ids[1]], [ids[3], ids[0], ids[3]], ids, [-1]]) {
      const names = (await unitsAmong.all(db, { ids: idList(db, some) })).map((u) => u.name)
      expect(names).toEqual((await db.selectFrom('units').select('name').where('id', 'in', some.length ? some : [-1]).orderBy('id').execute()).map((u) => u.name))
    }
  })

  it('runs inside a transaction and sees its uncommitted rows', async () => {
    await t.db.kysely
      .transaction()
      .execute(async (trx) => {
        await trx.insertInto('units').values({ name: '临时小区', level: 'estate', parent_id: null, households: 0, created_at: new Date().toISOString() }).execute()
        expect(await unitsNamed.all(trx, { level: 'estate', after: 0, limit: 5 })).toMatchObject([{ name: '临时小区' }])
        throw new Error('roll back')
      })
      .catch(() => {})
    expect(await unitsNamed.all(t.db.kysely, { level: 'estate', after: 0, limit: 5 })).toEqual([])
  })

  if (dialect === 'postgres') {
    it('sends a compiled query to PostgreSQL as a named statement, prepared once per connection', async () => {
      await t.db.kysely.connection().execute(async (db) => {
        await unitsNamed.all(db, { level: 'street', after: 0, limit: 1 })
        await unitsNamed.all(db, { level: 'neighbourhood', after: 0, limit: 2 })
        const { rows } = await sql<{ name: string; statement: string }>`select name, statement from pg_prepared_statements`.execute(db)
        const prepared = rows.find((r) => r.statement.includes('from "units" where "level" = $1'))
        expect(prepared).toBeDefined()
        expect(statementName(prepared!.statement)).toBe(prepared!.name)
      })
    })
  }

  it('refuses a value that does not become a parameter, rather than run without it', async () => {
    const unused = compiled((db, v: { level: Level }) => {
      void v.level
      return db.selectFrom('units').select('id').where('level', '=', sql.lit('street'))
    })
    await expect(unused.all(t.db.kysely, { level: 'street' })).rejects.toThrow('"level" is not a parameter')
    const spread = compiled((db, v: { name: string; level: Level }) => db.insertInto('units').values({ ...v, parent_id: null, households: 0, created_at: '' }))
    await expect(spread.all(t.db.kysely, { name: '不该写入', level: 'street' })).rejects.toThrow('never spread them')
  })
})
