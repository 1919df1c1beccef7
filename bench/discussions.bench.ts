// 议事厅 under load: a topic with 50,000 posts (45,000 root posts, 5,000 replies), read by 100
// concurrent residents (first page and a deep page, oldest and most liked first), then posting
// throughput. A real server on loopback over SQLite (or BENCH_DATABASE_URL's PostgreSQL).
// Run: npm run bench -- discussions   (or npx tsx bench/discussions.bench.ts)

import { sql } from 'kysely'
import { encodeCursor } from '../server/discussions/cursor'
import { formatLoad, runLoad } from './support/load'
import { startBenchServer } from './support/server'
import { prng } from '../server/core/random'

const POSTS = 50_000
const REPLY_EVERY = 10 // every 10th post is a reply to a recent root
const BATCH = 500
const READERS = 100
const READS = 3_000
const WRITES = 1_000
const WRITERS = 20

async function main() {
  const server = await startBenchServer()
  const { app, url } = server
  const db = app.db.kysely
  // The per-resident post limit would refuse the posting load: lift it like the bench server lifts the others.
  app.config.limits.post = { ...app.config.limits.post, max: 1_000_000_000 }

  const login = async (userId: number) => {
    const res = await fetch(`${url}/api/auth/dev-login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId }) })
    if (!res.ok) throw new Error(await res.text())
    return `Bearer ${((await res.json()) as { token: string }).token}`
  }
  const users = await db.selectFrom('users').select(['id', 'demo_description']).where('demo_description', 'is not', null).orderBy('id').execute()
  const moderator = users.find((u) => u.demo_description === '居委会 · 梧桐居民区')!
  // Verified residents of 梧桐居民区 (the topic is the 居民区's, so all of them read and post).
  const residents = users.filter((u) => /^(居民|居民代表) · (梧桐新村|安和花园|华山路洋房).*（已认证）$/.test(u.demo_description ?? ''))
  const modAuth = await login(moderator.id)
  const residentAuth = await Promise.all(residents.map((u) => login(u.id)))
  const wutong = (await db.selectFrom('units').select('id').where('name', '=', '梧桐居民区').executeTakeFirstOrThrow()).id

  const created = await fetch(`${url}/api/topics`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: modAuth },
    body: JSON.stringify({ unitId: wutong, question: '梧桐居民区停车管理公约（压力测试）', background: '五万条发言' }),
  })
  const topicId = ((await created.json()) as { id: number }).id

  // ---- seed 50,000 posts in batches, each batch one transaction ----
  const random = prng(4)
  const t0 = performance.now()
  const start = Date.parse('2025-01-01T00:00:00.000Z')
  const roots: number[] = []
  const publishedRoots: number[] = []
  let published = 0
  let inserted = 0
  while (inserted < POSTS) {
    await db.transaction().execute(async (trx) => {
      const rows = []
      const n = Math.min(BATCH, POSTS - inserted)
      for (let k = 0; k < n; k++) {
        const i = inserted + k
        const isReply = i % REPLY_EVERY === REPLY_EVERY - 1 && roots.length > 0
        const r = random()
        const status = r < 0.01 ? 'hidden' : r < 0.015 ? 'pending' : 'published'
        if (status === 'published') published++
        const author = residents[Math.floor(random() * residents.length)]
        rows.push({
          topic_id: topicId,
          parent_id: isReply ? roots[Math.max(0, roots.length - 1 - Math.floor(random() * 50))] : null,
          author_id: author.id,
          author_label: '3号楼居民',
          author_is_staff: 0,
          official: 0,
          body: `第${i + 1}条：关于夜间停车，建议划定临时车位并错峰收费。电话13812345678`,
          photos: '[]',
          status: status as 'hidden' | 'pending' | 'published',
          hidden_reason: status === 'hidden' ? '广告' : null,
          flagged_at: status === 'pending' ? new Date(start + i * 1000).toISOString() : null,
          open_reports: 0,
          like_count: isReply ? 0 : Math.floor(random() ** 3 * 60),
          reply_count: 0,
          created_at: new Date(start + i * 1000).toISOString(),
        })
      }
      const ids = await trx.insertInto('posts').values(rows).returning(['id', 'parent_id', 'status']).execute()
      for (const row of ids) {
        if (row.parent_id !== null) continue
        roots.push(row.id)
        if (row.status === 'published') publishedRoots.push(row.id)
      }
      inserted += n
    })
  }
  // Reply counts and the topic's count, as the routes keep them.
  await db
    .updateTable('posts as p')
    .set({
      reply_count: sql<number>`(select count(*) from posts r where r.parent_id = p.id and r.status = 'published')`,
    })
    .where('p.topic_id', '=', topicId)
    .where('p.parent_id', 'is', null)
    .execute()
  await db.updateTable('topics').set({ post_count: published, last_post_at: new Date(start + POSTS * 1000).toISOString() }).where('id', '=', topicId).execute()
  await sql`analyze`.execute(db)
  console.log(`discussions: seeded ${POSTS} posts (${roots.length} roots) in ${((performance.now() - t0) / 1000).toFixed(1)} s on ${app.db.dialect}`)

  // ---- reads ----
  const deepCursor = async (sort: 'oldest' | 'liked', depth: number) => {
    const base = db.selectFrom('posts').select(['id', 'created_at', 'like_count']).where('topic_id', '=', topicId).where('parent_id', 'is', null).where('pinned_at', 'is', null)
    const row = await (sort === 'oldest' ? base.orderBy('created_at').orderBy('id') : base.orderBy('like_count', 'desc').orderBy('id', 'desc'))
      .offset(depth)
      .limit(1)
      .executeTakeFirstOrThrow()
    return encodeCursor(sort === 'oldest' ? { sort, createdAt: row.created_at, id: row.id } : { sort, likes: row.like_count, id: row.id })
  }
  const depth = 40_000
  const targets: [string, string][] = [
    ['first page, oldest first', `${url}/api/topics/${topicId}/posts?limit=20`],
    [`deep page (root ${depth}), oldest first`, `${url}/api/topics/${topicId}/posts?limit=20&cursor=${encodeURIComponent(await deepCursor('oldest', depth))}`],
    ['first page, most liked first', `${url}/api/topics/${topicId}/posts?limit=20&sort=liked`],
    [`deep page (root ${depth}), most liked first`, `${url}/api/topics/${topicId}/posts?limit=20&sort=liked&cursor=${encodeURIComponent(await deepCursor('liked', depth))}`],
  ]
  // The first burst of 100 readers after boot has a long tail (connections opening, code warming up):
  // printed apart as the cold start, then every scenario is measured warm.
  const cold = async (i: number) => {
    const res = await fetch(targets[0][1], { headers: { authorization: residentAuth[i % residentAuth.length] } })
    await res.arrayBuffer()
    return res.ok
  }
  console.log(formatLoad(`discussions: cold start, ${targets[0][0]}, ${READERS} concurrent readers`, await runLoad({ concurrency: READERS, total: READS, send: cold })))
  for (const [name, target] of targets) {
    const probe = await fetch(target, { headers: { authorization: residentAuth[0] } })
    const page = (await probe.json()) as { items: unknown[] }
    if (!probe.ok || page.items.length !== 20) throw new Error(`${name}: ${probe.status} ${JSON.stringify(page).slice(0, 200)}`)
    const read = async (i: number) => {
      const res = await fetch(target, { headers: { authorization: residentAuth[i % residentAuth.length] } })
      await res.arrayBuffer()
      return res.ok
    }
    // A warm-up at full concurrency (so all 100 connections are open), then the measured load.
    await runLoad({ concurrency: READERS, total: 500, send: read })
    const result = await runLoad({ concurrency: READERS, total: READS, send: read })
    console.log(formatLoad(`discussions: ${name}, ${READERS} concurrent readers`, result))
    // One reader at a time: the cost of a request itself, without the queue in front of it.
    console.log(formatLoad(`discussions: ${name}, 1 reader`, await runLoad({ concurrency: 1, total: 300, send: read })))
  }

  // ---- writes ----
  const failures = new Map<string, number>()
  const writes = await runLoad({
    concurrency: WRITERS,
    total: WRITES,
    send: async (i) => {
      const res = await fetch(`${url}/api/topics/${topicId}/posts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: residentAuth[i % residentAuth.length] },
        body: JSON.stringify({ body: `压力测试发言 ${i}：建议晚上十点后小区内禁止鸣笛`, ...(i % 4 === 3 ? { parentId: publishedRoots[publishedRoots.length - 1 - (i % 100)] } : {}) }),
      })
      const text = await res.text()
      if (res.status !== 201) failures.set(`${res.status} ${text.slice(0, 120)}`, (failures.get(`${res.status} ${text.slice(0, 120)}`) ?? 0) + 1)
      return res.status === 201
    },
  })
  for (const [why, n] of failures) console.log(`discussions: ${n} posts refused: ${why}`)
  console.log(formatLoad(`discussions: posting (content check, one transaction each), ${WRITERS} concurrent residents`, writes))
  const after = await db.selectFrom('topics').select('post_count').where('id', '=', topicId).executeTakeFirstOrThrow()
  console.log(`discussions: topic post count ${after.post_count} (expected ${published + WRITES - writes.errors})`)

  await server.close()
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
