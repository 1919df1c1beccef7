import type { Kysely } from 'kysely'
import type { HousingType } from '../../types'
import type { Database } from '../db/schema'
import { recordHouseholds } from '../community'
import { seedDemoSurveys } from '../surveys'
import { seedDemoDiscussions } from '../discussions'
import { seedDemoProposals } from '../proposals'
import { seedDemoAffairs } from '../affairs'

// A small but realistic community for `npm start` and the tests: one 街道, two 居民区 of different housing
// types, about 40 residents (most verified), one moderator per 居民区 and one admin. Deterministic, so
// tests can name its people.

interface EstateSeed {
  name: string
  housingType: HousingType
  buildings: { name: string; households: number }[]
}

export const DEMO_STREET = '长宁示范街道'

export const DEMO_NEIGHBOURHOODS: { name: string; estates: EstateSeed[] }[] = [
  {
    name: '梧桐居民区',
    estates: [
      {
        name: '梧桐新村',
        housingType: 'public_sold',
        buildings: [1, 2, 3, 4, 5, 6].map((n) => ({ name: `${n}号楼`, households: 36 })),
      },
      {
        name: '安和花园',
        housingType: 'commercial',
        buildings: [1, 2, 3, 4].map((n) => ({ name: `${n}号楼`, households: 60 })),
      },
      {
        name: '华山路洋房',
        housingType: 'old_villa',
        buildings: [
          { name: '12号', households: 6 },
          { name: '14号', households: 8 },
        ],
      },
    ],
  },
  {
    name: '香樟居民区',
    estates: [
      {
        name: '香樟苑',
        housingType: 'resettlement',
        buildings: [1, 2, 3, 4, 5].map((n) => ({ name: `${n}号楼`, households: 48 })),
      },
      {
        name: '虹桥国际公寓',
        housingType: 'foreign_commercial',
        buildings: [
          { name: 'A栋', households: 40 },
          { name: 'B栋', households: 40 },
        ],
      },
    ],
  },
]

type Status = 'approved' | 'pending' | 'rejected' | 'none'

// [居民区 index, estate index, building index, room, status, 居民代表]
const RESIDENTS: [number, number, number, string, Status, boolean][] = [
  [0, 0, 2, '101', 'approved', true],
  [0, 0, 2, '102', 'approved', false],
  [0, 0, 2, '201', 'approved', false],
  [0, 0, 2, '202', 'approved', false],
  [0, 0, 2, '301', 'approved', false],
  [0, 0, 2, '302', 'approved', false],
  [0, 0, 0, '101', 'approved', false],
  [0, 0, 0, '402', 'approved', true],
  [0, 0, 1, '203', 'approved', false],
  [0, 0, 1, '501', 'approved', false],
  [0, 0, 3, '104', 'approved', false],
  [0, 0, 4, '303', 'approved', false],
  [0, 0, 5, '602', 'approved', false],
  [0, 1, 0, '1101', 'approved', false],
  [0, 1, 0, '1502', 'approved', true],
  [0, 1, 1, '802', 'approved', false],
  [0, 1, 2, '1203', 'approved', false],
  [0, 1, 3, '301', 'approved', false],
  [0, 2, 0, '1', 'approved', false],
  [0, 2, 1, '2', 'approved', false],
  [0, 0, 2, '401', 'pending', false],
  [0, 1, 1, '1601', 'pending', false],
  [0, 0, 4, '105', 'rejected', false],
  [0, 0, 0, '', 'none', false],
  [1, 0, 0, '201', 'approved', true],
  [1, 0, 0, '202', 'approved', false],
  [1, 0, 0, '301', 'approved', false],
  [1, 0, 1, '101', 'approved', false],
  [1, 0, 1, '502', 'approved', false],
  [1, 0, 2, '403', 'approved', false],
  [1, 0, 3, '604', 'approved', false],
  [1, 0, 4, '701', 'approved', false],
  [1, 1, 0, '0801', 'approved', false],
  [1, 1, 0, '1201', 'approved', true],
  [1, 1, 1, '0302', 'approved', false],
  [1, 1, 1, '1905', 'approved', false],
  [1, 0, 2, '404', 'pending', false],
  [1, 1, 0, '2101', 'pending', false],
  [1, 0, 3, '605', 'approved', false],
  [1, 0, 4, '702', 'approved', false],
]

const STATUS_TEXT: Record<Status, string> = { approved: '已认证', pending: '待审核', rejected: '认证未通过', none: '未认证' }

/** Seeds the demo community into an empty database; does nothing if any unit exists. */
export async function seedDemoCommunity(db: Kysely<Database>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('units').select('id').limit(1).executeTakeFirst()
    if (existing) return
    const now = new Date().toISOString()
    const unit = async (parentId: number | null, level: Database['units']['level'], name: string, households = 0, housingType: string | null = null) => {
      const { id } = await trx
        .insertInto('units')
        .values({ parent_id: parentId, level, name, households, housing_type: housingType, created_at: now })
        .returning('id')
        .executeTakeFirstOrThrow()
      await recordHouseholds(trx, id, households, new Date(now))
      return id
    }
    const user = async (description: string) =>
      (await trx.insertInto('users').values({ demo_description: description, created_at: now }).returning('id').executeTakeFirstOrThrow()).id

    const streetId = await unit(null, 'street', DEMO_STREET)
    const adminId = await user(`街道工作人员 · ${DEMO_STREET}`)
    await trx.insertInto('role_grants').values({ user_id: adminId, role: 'admin', unit_id: streetId, created_at: now }).execute()

    // buildingIds[n][e][b]
    const buildingIds: number[][][] = []
    const moderatorIds: number[] = []
    for (const nb of DEMO_NEIGHBOURHOODS) {
      const nbId = await unit(streetId, 'neighbourhood', nb.name)
      const modId = await user(`居委会 · ${nb.name}`)
      moderatorIds.push(modId)
      await trx.insertInto('role_grants').values({ user_id: modId, role: 'moderator', unit_id: nbId, created_at: now }).execute()
      const estates: number[][] = []
      for (const es of nb.estates) {
        const esId = await unit(nbId, 'estate', es.name, 0, es.housingType)
        const bIds: number[] = []
        for (const b of es.buildings) bIds.push(await unit(esId, 'building', b.name, b.households))
        estates.push(bIds)
      }
      buildingIds.push(estates)
    }

    for (const [n, e, b, room, status, rep] of RESIDENTS) {
      const place = `${DEMO_NEIGHBOURHOODS[n].estates[e].name}${DEMO_NEIGHBOURHOODS[n].estates[e].buildings[b].name}`
      const id = await user(`${rep ? '居民代表' : '居民'} · ${place}（${STATUS_TEXT[status]}）`)
      if (status === 'none') continue
      const reviewed = status !== 'pending'
      await trx
        .insertInto('residences')
        .values({
          user_id: id,
          building_id: buildingIds[n][e][b],
          room,
          status,
          reason: status === 'rejected' ? '房号与登记信息不符，请核对后重新提交' : null,
          is_representative: rep ? 1 : 0,
          requested_at: now,
          reviewed_by: reviewed ? moderatorIds[n] : null,
          reviewed_at: reviewed ? now : null,
        })
        .execute()
    }
    await seedDemoDiscussions(trx)
    await seedDemoSurveys(trx)
    await seedDemoProposals(trx)
    await seedDemoAffairs(trx)
  })
}
