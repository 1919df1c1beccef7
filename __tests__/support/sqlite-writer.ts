// One process of several writing to one SQLite file, as WORKERS=n do: each transaction reads, then writes
// what it read, so a transaction that lost its turn between the two would fail or count wrong.
import { sql } from 'kysely'
import { connect } from '../../server/core/db'

const [dataDir, times] = process.argv.slice(2)
const db = connect({ databaseUrl: null, dataDir })

async function main(): Promise<void> {
  // Start together: the parent says go once every writer is ready.
  process.stdout.write('ready\n')
  await new Promise((resolve) => process.stdin.once('data', resolve))
  process.stdin.pause()
  for (let i = 0; i < Number(times); i++) {
    await db.kysely.transaction().execute(async (trx) => {
      const { rows } = await sql<{ n: number }>`select count(*) as n from hits`.execute(trx)
      await sql`insert into hits (pid, seen) values (${process.pid}, ${rows[0].n})`.execute(trx)
    })
  }
  await db.close()
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
