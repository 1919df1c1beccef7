// 社区提案 under load: 10,000 proposals and 100,000 verified residents (20 居民区 × 5 小区 × 10 楼组 ×
// 100 households), with their co-signatures, follows and timelines. 100 concurrent residents read the
// list (newest, most co-signed, filtered, a later page), the detail page and 首页; then co-signing
// throughput. A real server on loopback over SQLite (or BENCH_DATABASE_URL's PostgreSQL).
// Run: npm run bench -- proposals   (or npx tsx bench/proposals.bench.ts)

import { randomBytes } from 'node:crypto'
import { sql } from 'kysely'
import { hashToken } from '../server/accounts/sessions'
import { cosignThreshold, DEFAULT_SETTINGS } from '../server/proposals'
import { PROPOSAL_CATEGORIES, type ProposalState } from '../types'
import { formatLoad, runLoad } from './support/load'
import { startBenchServer } from './support/server'
import { prng } from '../server/core/random'

const NEIGHBOURHOODS = 20
const ESTATES = 5
const BUILDINGS = 10
const HOUSEHOLDS = 100 // one verified resident each: 20 × 5 × 10 × 100 = 100,000
const PROPOSALS = 10_000
const BATCH = 500
const CLIENTS = 100
const READS = 3_000
const READERS = 2_000
const COSIGNS = 5_000

// Where 10,000 proposals stand: most still collecting or under way, some finished or gone a side way.
const STATE_MIX: [ProposalState, number][] = [
  ['submitted', 0.4],
  ['screening', 0.05],
  ['accepted', 0.05],
  ['deliberating', 0.1],
  ['voting', 0.05],
  ['approved', 0.03],
  ['implementing', 0.12],
  ['completed', 0.05],
  ['closed', 0.08],
  ['rejected', 0.03],
  ['referred', 0.02],
  ['withdrawn', 0.01],
  ['expired', 0.01],
]
const MAIN_PATH: ProposalState[] = ['submitted', 'screening', 'accepted', 'deliberating', 'voting', 'approved', 'implementing', 'completed', 'closed']

async function main() {
  const server = await startBenchServer()
  const { app, url } = server
  const db = app.db.kysely
  const random = prng(6)
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]
  const t0 = performance.now()
  const now = Date.now()
  const iso = new Date(now).toISOString()

  // ---- units: 20 居民区 under the demo 街道, each with 5 小区 of 10 楼组 ----
  const street = (await db.selectFrom('units').select('id').where('level', '=', 'street').executeTakeFirstOrThrow()).id
  interface Nb {
    id: number
    estates: { id: number; buildings: number[] }[]
  }
  const nbs: Nb[] = []
  await db.transaction().execute(async (trx) => {
    for (let n = 0; n < NEIGHBOURHOODS; n++) {
      const nbId = (
        await trx.insertInto('units').values({ parent_id: street, level: 'neighbourhood', name: `压测${n + 1}居民区`, households: 0, housing_type: null, created_at: iso }).returning('id').executeTakeFirstOrThrow()
      ).id
      const nb: Nb = { id: nbId, estates: [] }
      for (let e = 0; e < ESTATES; e++) {
        const esId = (
          await trx.insertInto('units').values({ parent_id: nbId, level: 'estate', name: `压测${n + 1}-${e + 1}小区`, households: 0, housing_type: 'commercial', created_at: iso }).returning('id').executeTakeFirstOrThrow()
        ).id
        const rows = Array.from({ length: BUILDINGS }, (_, b) => ({ parent_id: esId, level: 'building' as const, name: `${b + 1}号楼`, households: HOUSEHOLDS, housing_type: null, created_at: iso }))
        const ids = await trx.insertInto('units').values(rows).returning('id').execute()
        nb.estates.push({ id: esId, buildings: ids.map((r) => r.id) })
      }
      nbs.push(nb)
    }
  })

  // ---- 100,000 residents: one user and one approved residence per household ----
  const residentsByBuilding = new Map<number, number[]>()
  const allBuildings = nbs.flatMap((nb) => nb.estates.flatMap((e) => e.buildings))
  const households = allBuildings.flatMap((b) => Array.from({ length: HOUSEHOLDS }, (_, h) => ({ b, room: `${Math.floor(h / 4) + 1}0${(h % 4) + 1}` })))
  for (let i = 0; i < households.length; i += BATCH) {
    await db.transaction().execute(async (trx) => {
      const slice = households.slice(i, i + BATCH)
      const users = await trx.insertInto('users').values(slice.map(() => ({ created_at: iso }))).returning('id').execute()
      await trx
        .insertInto('residences')
        .values(
          slice.map((h, k) => ({
            user_id: users[k].id,
            building_id: h.b,
            room: h.room,
            status: 'approved' as const,
            is_representative: 0,
            requested_at: iso,
            reviewed_at: iso,
          })),
        )
        .execute()
      slice.forEach((h, k) => {
        const list = residentsByBuilding.get(h.b) ?? []
        list.push(users[k].id)
        residentsByBuilding.set(h.b, list)
      })
    })
  }
  const nbResidents = new Map(nbs.map((nb) => [nb.id, nb.estates.flatMap((e) => e.buildings.flatMap((b) => residentsByBuilding.get(b)!))]))
  const estateResidents = new Map(nbs.flatMap((nb) => nb.estates.map((e) => [e.id, e.buildings.flatMap((b) => residentsByBuilding.get(b)!)] as const)))
  const residentsOfNb = (nb: Nb) => nbResidents.get(nb.id)!
  const residentsOfEstate = (e: Nb['estates'][number]) => estateResidents.get(e.id)!
  const tResidents = performance.now()

  // ---- 10,000 proposals with co-signatures, follows and their timelines ----
  let made = 0
  let cosignRows = 0
  let transitionRows = 0
  const start = now - 400 * 86_400_000
  while (made < PROPOSALS) {
    await db.transaction().execute(async (trx) => {
      const n = Math.min(BATCH, PROPOSALS - made)
      const specs = Array.from({ length: n }, (_, k) => {
        const i = made + k
        const nb = nbs[i % NEIGHBOURHOODS]
        const estate = pick(nb.estates)
        const building = pick(estate.buildings)
        const r = random()
        const level = r < 0.6 ? 'building' : r < 0.85 ? 'estate' : 'neighbourhood'
        const pool = level === 'building' ? residentsByBuilding.get(building)! : level === 'estate' ? residentsOfEstate(estate) : residentsOfNb(nb)
        const households = level === 'building' ? HOUSEHOLDS : level === 'estate' ? HOUSEHOLDS * BUILDINGS : HOUSEHOLDS * BUILDINGS * ESTATES
        const threshold = cosignThreshold(households, DEFAULT_SETTINGS)
        let x = random()
        let state: ProposalState = 'submitted'
        for (const [s, share] of STATE_MIX) {
          if (x < share) {
            state = s
            break
          }
          x -= share
        }
        const collecting = state === 'submitted' || state === 'withdrawn' || state === 'expired' || state === 'rejected'
        const count = collecting ? Math.floor(random() * threshold * 0.9) : threshold + Math.floor(random() * 5)
        const signers = new Set<number>()
        const author = level === 'building' ? pick(residentsByBuilding.get(building)!) : pick(pool)
        while (signers.size < Math.min(count, pool.length - 1)) {
          const u = pick(pool)
          if (u !== author) signers.add(u)
        }
        const createdAt = new Date(start + i * ((400 * 86_400_000) / PROPOSALS)).toISOString()
        return { i, nb, estate, building, level, threshold, state, signers: [...signers], author, createdAt }
      })
      const rows = specs.map((s) => ({
        title: `${pick(['加装电梯', '停车位调整', '垃圾箱房改造', '楼道照明', '增设座椅', '绿化补种', '助餐点', '快递柜'])}的建议（${s.i + 1}）`,
        body: `压测提案第 ${s.i + 1} 号：居民反映情况，建议居委会协调解决。联系电话13812345678。`,
        category: pick(PROPOSAL_CATEGORIES),
        level: s.level as 'building' | 'estate' | 'neighbourhood',
        unit_id: s.level === 'building' ? s.building : s.level === 'estate' ? s.estate.id : s.nb.id,
        building_id: s.level === 'building' ? s.building : null,
        estate_id: s.level === 'neighbourhood' ? null : s.estate.id,
        neighbourhood_id: s.nb.id,
        street_id: street,
        photos: '[]',
        author_id: s.author,
        author_building_id: s.building,
        hide_building: random() < 0.2 ? 1 : 0,
        entered_by: null,
        staff_note: null,
        state: s.state,
        state_entered_at: s.createdAt,
        deadline_at: ['closed', 'rejected', 'withdrawn', 'expired', 'declined'].includes(s.state)
          ? null
          : new Date(now + (random() - 0.2) * 30 * 86_400_000).toISOString(),
        overdue_notified_at: null,
        threshold: s.threshold,
        cosign_count: s.signers.length,
        content_status: 'visible' as const,
        referred_to: s.state === 'referred' ? 'property' : null,
        vote_closes_at: s.state === 'voting' ? new Date(now + 7 * 86_400_000).toISOString() : null,
        decided_offline: 0,
        created_at: s.createdAt,
        updated_at: s.createdAt,
      }))
      const ids = await trx.insertInto('proposals').values(rows).returning('id').execute()
      const cosigns = specs.flatMap((s, k) =>
        s.signers.map((u) => ({ proposal_id: ids[k].id, signer_key: `u:${u}`, user_id: u, building_id: s.building, room: null, entered_by: null, created_at: s.createdAt })),
      )
      for (let c = 0; c < cosigns.length; c += BATCH) {
        await trx.insertInto('proposal_cosigns').values(cosigns.slice(c, c + BATCH)).execute()
        await trx
          .insertInto('proposal_follows')
          .values(cosigns.slice(c, c + BATCH).map((x) => ({ proposal_id: x.proposal_id, user_id: x.user_id, created_at: x.created_at })))
          .execute()
      }
      cosignRows += cosigns.length
      const transitions = specs.flatMap((s, k) => {
        const path = MAIN_PATH.includes(s.state) ? MAIN_PATH.slice(0, MAIN_PATH.indexOf(s.state) + 1) : ['submitted', s.state]
        return path.map((to, j) => ({
          proposal_id: ids[k].id,
          from_state: j === 0 ? null : path[j - 1],
          to_state: to,
          actor_id: j === 0 ? s.author : null,
          actor_role: j === 0 ? ('author' as const) : ('system' as const),
          reason: null,
          details: null,
          created_at: s.createdAt,
        }))
      })
      for (let c = 0; c < transitions.length; c += BATCH) await trx.insertInto('proposal_transitions').values(transitions.slice(c, c + BATCH)).execute()
      transitionRows += transitions.length
      made += n
    })
  }
  await sql`analyze`.execute(db)
  // Seeding left a large write-ahead log; fold it in now rather than during the measured load.
  if (app.db.dialect === 'sqlite') await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db)
  const seeded = performance.now()
  console.log(
    `proposals: seeded ${households.length} residents in ${((tResidents - t0) / 1000).toFixed(1)} s, ` +
      `${PROPOSALS} proposals (${cosignRows} co-signatures and follows, ${transitionRows} timeline entries) in ${((seeded - tResidents) / 1000).toFixed(1)} s on ${app.db.dialect}`,
  )

  // ---- sessions for the readers and the co-signers (inserted directly: logging 7,000 people in is not what is measured) ----
  const tokens = new Map<number, string>()
  const sessionFor = (ids: number[]) =>
    db.transaction().execute(async (trx) => {
      const rows = ids.map((id) => {
        const token = randomBytes(24).toString('base64url')
        tokens.set(id, `Bearer ${token}`)
        return { token_hash: hashToken(token), user_id: id, created_at: iso, expires_at: new Date(now + 86_400_000).toISOString() }
      })
      for (let i = 0; i < rows.length; i += BATCH) await trx.insertInto('sessions').values(rows.slice(i, i + BATCH)).execute()
    })
  const allResidents = [...residentsByBuilding.values()].flat()
  const readers = Array.from({ length: READERS }, () => pick(allResidents))
  await sessionFor([...new Set(readers)])
  const readerNb = new Map<number, number>()
  for (const nb of nbs) for (const u of residentsOfNb(nb)) readerNb.set(u, nb.id)
  const proposalsByNb = new Map<number, number[]>()
  for (const r of await db.selectFrom('proposals').select(['id', 'neighbourhood_id']).execute()) {
    const list = proposalsByNb.get(r.neighbourhood_id) ?? []
    list.push(r.id)
    proposalsByNb.set(r.neighbourhood_id, list)
  }

  const get = async (target: string, auth: string) => {
    const res = await fetch(`${url}${target}`, { headers: { authorization: auth } })
    await res.arrayBuffer()
    return res.ok
  }
  const firstPage = await fetch(`${url}/api/proposals?limit=20`, { headers: { authorization: tokens.get(readers[0])! } })
  const page1 = (await firstPage.json()) as { items: unknown[]; nextCursor: string }
  if (!firstPage.ok || page1.items.length !== 20) throw new Error(`list: ${firstPage.status} ${JSON.stringify(page1).slice(0, 200)}`)
  const page2 = (await (await fetch(`${url}/api/proposals?limit=20&cursor=${page1.nextCursor}`, { headers: { authorization: tokens.get(readers[0])! } })).json()) as {
    nextCursor: string
  }

  const scenarios: [string, (reader: number) => string][] = [
    // The floor every signed-in request pays (session and account lookup), for comparison.
    ['baseline GET /api/me', () => '/api/me'],
    ['list, newest first', () => '/api/proposals?limit=20'],
    ['list, most co-signed first', () => '/api/proposals?limit=20&sort=cosigns'],
    ['list, collecting + category', () => `/api/proposals?limit=20&state=submitted&category=${PROPOSAL_CATEGORIES[1]}`],
    ['list, third page (cursor)', () => `/api/proposals?limit=20&cursor=${page2.nextCursor}`],
    ['list, 小区 filter, most co-signed', (u) => `/api/proposals?limit=20&sort=cosigns&unitId=${nbs.find((n) => n.id === readerNb.get(u))!.estates[0].id}`],
    ['detail', (u) => `/api/proposals/${pick(proposalsByNb.get(readerNb.get(u)!)!)}`],
    ['首页 (home)', () => '/api/proposals/home'],
  ]
  // Client and server share this process: collect the seeding garbage now, not during the first measurement.
  ;(globalThis as { gc?: () => void }).gc?.()
  for (const [name, target] of scenarios) {
    // A warm-up at full concurrency (opens the 100 connections), then the measured load.
    await runLoad({ concurrency: CLIENTS, total: 500, send: (i) => get(target(readers[i % READERS]), tokens.get(readers[i % READERS])!) })
    const result = await runLoad({
      concurrency: CLIENTS,
      total: READS,
      send: (i) => {
        const u = readers[(i * 7) % READERS]
        return get(target(u), tokens.get(u)!)
      },
    })
    console.log(formatLoad(`proposals: ${name}, ${CLIENTS} concurrent residents`, result))
  }

  // ---- co-signing: distinct residents on 居民区-level proposals still collecting, far from their threshold ----
  const targets = await db
    .selectFrom('proposals')
    .select(['id', 'neighbourhood_id', 'cosign_count'])
    .where('state', '=', 'submitted')
    .where('level', '=', 'neighbourhood')
    .where(sql<boolean>`cosign_count + 110 < threshold`)
    .orderBy('id')
    .limit(50)
    .execute()
  const existing = new Set(
    (await db.selectFrom('proposal_cosigns').select(['proposal_id', 'user_id']).where('proposal_id', 'in', targets.map((t) => t.id)).execute()).map((r) => `${r.proposal_id}:${r.user_id}`),
  )
  const pairs: { proposal: number; user: number }[] = []
  for (let i = 0; pairs.length < COSIGNS; i++) {
    const t = targets[i % targets.length]
    const nb = nbs.find((n) => n.id === t.neighbourhood_id)!
    const u = pick(residentsOfNb(nb))
    const key = `${t.id}:${u}`
    if (existing.has(key)) continue
    existing.add(key)
    pairs.push({ proposal: t.id, user: u })
  }
  await sessionFor([...new Set(pairs.map((p) => p.user))].filter((u) => !tokens.has(u)))
  const before = await db.selectFrom('proposals').select((eb) => eb.fn.sum<number>('cosign_count').as('n')).where('id', 'in', targets.map((t) => t.id)).executeTakeFirstOrThrow()
  const failures = new Map<string, number>()
  const cosign = await runLoad({
    concurrency: CLIENTS,
    total: COSIGNS,
    send: async (i) => {
      const { proposal, user } = pairs[i]
      const res = await fetch(`${url}/api/proposals/${proposal}/cosign`, { method: 'POST', headers: { authorization: tokens.get(user)! } })
      const text = await res.text()
      if (res.status !== 200) failures.set(`${res.status} ${text.slice(0, 120)}`, (failures.get(`${res.status} ${text.slice(0, 120)}`) ?? 0) + 1)
      return res.status === 200
    },
  })
  for (const [why, n] of failures) console.log(`proposals: ${n} co-signatures refused: ${why}`)
  console.log(formatLoad(`proposals: co-signing (one transaction each), ${CLIENTS} concurrent residents on ${targets.length} proposals`, cosign))
  const after = await db.selectFrom('proposals').select((eb) => eb.fn.sum<number>('cosign_count').as('n')).where('id', 'in', targets.map((t) => t.id)).executeTakeFirstOrThrow()
  console.log(`proposals: co-sign counts rose by ${Number(after.n) - Number(before.n)} (expected ${COSIGNS - cosign.errors})`)

  await server.close()
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
