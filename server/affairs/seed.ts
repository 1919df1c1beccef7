// The demo's 居务公开: on top of what the seeded proposals and surveys already put on the ledger, a
// 自治金 payment of 梧桐居民区 with its correction, a 居务监督委员会 member, an answered question and an open flag.
import { shanghaiDay } from '../../types'
import type { Trx } from '../core/db'
import { entryKey } from './rules'

const DAY = 86_400_000

export async function seedDemoAffairs(trx: Trx, now = new Date()): Promise<void> {
  const nb = await trx.selectFrom('units').select('id').where('name', '=', '梧桐居民区').where('level', '=', 'neighbourhood').executeTakeFirst()
  if (!nb) return
  const mod = await trx.selectFrom('role_grants').select('user_id').where('unit_id', '=', nb.id).where('role', '=', 'moderator').executeTakeFirstOrThrow()
  // 梧桐新村3号楼's verified residents: the first (a 居民代表) sits on the 居务监督委员会, the second asks.
  const residents = await trx
    .selectFrom('residences as r')
    .innerJoin('units as b', 'b.id', 'r.building_id')
    .innerJoin('units as e', 'e.id', 'b.parent_id')
    .select(['r.user_id', 'b.name'])
    .where('e.name', '=', '梧桐新村')
    .where('b.name', '=', '3号楼')
    .where('r.status', '=', 'approved')
    .orderBy('r.id')
    .limit(2)
    .execute()
  if (residents.length < 2) return
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY).toISOString()
  const entry = (daysAgo: number, e: { kind: 'fund' | 'correction'; title: string; body: string; amountFen: number; corrects: string | null }) =>
    trx
      .insertInto('affairs_entries')
      .values({
        neighbourhood_id: nb.id,
        kind: e.kind,
        title: e.title,
        body: e.body,
        amount_fen: e.amountFen,
        spent_on: shanghaiDay(at(daysAgo)),
        proposal_id: null,
        corrects: e.corrects,
        photos: '[]',
        created_by: mod.user_id,
        created_at: at(daysAgo),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  const fund = await entry(40, { kind: 'fund', title: '楼道灯更换（自治金）', body: '梧桐新村1至6号楼楼道灯更换为声控LED灯，共 48 盏。', amountFen: 432000, corrects: null })
  const fundKey = entryKey('fund', fund.id)
  await entry(35, { kind: 'correction', title: '更正：楼道灯更换（自治金）', body: '发票复核后金额有误：实际为 46 盏，金额更正。', amountFen: 414000, corrects: fundKey })
  await entry(12, { kind: 'fund', title: '议事厅茶水与打印（自治金）', body: '3月居民议事会茶水、会议材料打印。', amountFen: 18650, corrects: null })

  const [supervisor, asker] = residents
  await trx
    .insertInto('affairs_supervisors')
    .values({ neighbourhood_id: nb.id, user_id: supervisor.user_id, label: `${supervisor.name}居民`, appointed_by: mod.user_id, appointed_at: at(60), removed_by: null, removed_at: null })
    .execute()
  const question = (daysAgo: number, q: { kind: 'question' | 'flag'; userId: number; body: string; answer: string | null }) =>
    trx
      .insertInto('affairs_questions')
      .values({
        neighbourhood_id: nb.id,
        entry_key: fundKey,
        kind: q.kind,
        user_id: q.userId,
        author_label: `${supervisor.name}居民`,
        body: q.body,
        answer: q.answer,
        answered_by: q.answer ? mod.user_id : null,
        answered_at: q.answer ? at(daysAgo - 2) : null,
        created_at: at(daysAgo),
      })
      .execute()
  await question(30, { kind: 'question', userId: asker.user_id, body: '声控灯是哪家施工的？有保修吗？', answer: '由梧桐物业施工，保修两年，坏了请打物业电话。' })
  await question(5, { kind: 'flag', userId: supervisor.user_id, body: '没有附上发票照片，请补充。', answer: null })
}
