// The benchmark's 街道, written straight into the database in batches (seeding is not what is measured):
// 20 居民区 × 5 小区 × 10 楼组 × 100 households, one verified resident each (100,000), and 10,000
// proposals with their co-signatures, follows and timelines.
import { randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import { hashToken } from '../../server/accounts/sessions'
import { prng } from '../../server/core/random'
import type { Database } from '../../server/db/schema'
import { cosignThreshold, DEFAULT_SETTINGS } from '../../server/proposals'
import { PROPOSAL_CATEGORIES, type ProposalState } from '../../types'

const NEIGHBOURHOODS = 20
const ESTATES = 5
const BUILDINGS = 10
const HOUSEHOLDS = 100
const PROPOSALS = 10_000
export const BATCH = 500

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

export interface Neighbourhood {
  id: number
  estates: { id: number; buildings: number[] }[]
  residents: number[]
}

export interface Street {
  id: number
  neighbourhoods: Neighbourhood[]
  residentsByBuilding: Map<number, number[]>
}

/** Sessions inserted directly (logging thousands of people in is not what is measured); answers their Authorization headers. */
export async function openSessions(db: Kysely<Database>, userIds: number[]): Promise<Map<number, string>> {
  const auth = new Map<number, string>()
  const now = Date.now()
  const rows = userIds.map((id) => {
    const token = randomBytes(24).toString('base64url')
    auth.set(id, `Bearer ${token}`)
    return { token_hash: hashToken(token), user_id: id, created_at: new Date(now).toISOString(), expires_at: new Date(now + 86_400_000).toISOString() }
  })
  for (let i = 0; i < rows.length; i += BATCH) await db.insertInto('sessions').values(rows.slice(i, i + BATCH)).execute()
  return auth
}

export async function seedStreet(db: Kysely<Database>): Promise<Street> {
  const random = prng(6)
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]
  const now = Date.now()
  const iso = new Date(now).toISOString()

  // ---- units: 20 居民区 under the demo 街道, each with 5 小区 of 10 楼组 ----
  const street = (await db.selectFrom('units').select('id').where('level', '=', 'street').executeTakeFirstOrThrow()).id
  type Nb = Neighbourhood
  const nbs: Nb[] = []
  await db.transaction().execute(async (trx) => {
    for (let n = 0; n < NEIGHBOURHOODS; n++) {
      const nbId = (
        await trx.insertInto('units').values({ parent_id: street, level: 'neighbourhood', name: `压测${n + 1}居民区`, households: 0, housing_type: null, created_at: iso }).returning('id').executeTakeFirstOrThrow()
      ).id
      const nb: Nb = { id: nbId, estates: [], residents: [] }
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

  // ---- 100,000 residents: one user and one approved residence per household ----
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
  for (const nb of nbs) nb.residents = residentsOfNb(nb)

  // ---- 10,000 proposals with co-signatures, follows and their timelines ----
  let made = 0
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
      made += n
    })
  }
  return { id: street, neighbourhoods: nbs, residentsByBuilding }
}
