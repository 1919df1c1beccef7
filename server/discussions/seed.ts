import type { Transaction } from 'kysely'
import type { Database } from '../db/schema'
import { indexDocument } from '../search'

// Demo 议事厅 content for `npm start`: a 楼组 topic on 加装电梯 with a lively thread, a 居民区 topic on
// parking, a concluded one with its 议事纪要, and one in 香樟. Inserted directly (no moderation log: nobody
// acted), with counts kept as the routes keep them. Called at the end of seedDemoCommunity.

type Stance = 'support' | 'oppose' | 'neutral'

interface PostSeed {
  by: string
  /** Which of the users sharing a description (0 = the first). */
  nth?: number
  body: string
  stance?: Stance
  official?: boolean
  pinned?: boolean
  likes?: number
  replies?: PostSeed[]
}

interface TopicSeed {
  unit: [string] | [string, string]
  question: string
  background: string
  closesInDays?: number
  concluded?: string
  posts: PostSeed[]
}

const TOPICS: TopicSeed[] = [
  {
    unit: ['梧桐居民区'],
    question: '垃圾分类投放点调整到哪里更合适？',
    background: '梧桐新村现有两个投放点离5、6号楼较远，居委会征集大家对新增或调整投放点位置的意见。',
    concluded:
      '各方意见：多数居民支持在5号楼西侧新增一个投放点；6号楼部分住户担心异味，建议配备除臭设备并定时清洗。结论：在5号楼西侧新增投放点，配备除臭喷淋，每天两次清洗，试行三个月后再评议。',
    posts: [
      { by: '居民 · 梧桐新村5号楼（已认证）', body: '5号楼到现在的投放点要走五分钟，老人提着垃圾很不方便，希望在5号楼西侧加一个。', stance: 'support', likes: 4 },
      { by: '居民 · 梧桐新村6号楼（已认证）', body: '加可以，但别离6号楼窗户太近，夏天味道很大。', stance: 'neutral', likes: 2 },
    ],
  },
  {
    unit: ['梧桐新村', '3号楼'],
    question: '3号楼加装电梯意见征集',
    background:
      '3号楼为售后公房，共6层36户，已有27户签字同意加装电梯。现征集全体住户意见：费用如何分摊、施工期间如何安排、低层住户的顾虑如何解决。',
    closesInDays: 21,
    posts: [
      {
        by: '居委会 · 梧桐居民区',
        body: '居委会已联系街道加装电梯办公室，下周三晚7点在居委会活动室召开协调会，欢迎各位住户参加。',
        official: true,
        pinned: true,
      },
      {
        by: '居民代表 · 梧桐新村3号楼（已认证）',
        body: '我家老人腿脚不便，每天上下楼很吃力，非常支持加装电梯。费用可以参考其他小区按楼层分摊的办法。',
        stance: 'support',
        likes: 4,
        replies: [
          { by: '居民 · 梧桐新村3号楼（已认证）', nth: 0, body: '同意，希望居委会请已经装好电梯的小区来介绍经验。', stance: 'support' },
          { by: '居民 · 梧桐新村3号楼（已认证）', nth: 1, body: '一楼住户的采光和噪音问题也请一并考虑，可以适当补偿。', stance: 'neutral' },
        ],
      },
      { by: '居民 · 梧桐新村3号楼（已认证）', nth: 2, body: '担心施工期间影响出行，能否说明施工周期大概多久？', stance: 'neutral', likes: 2 },
      { by: '居民 · 梧桐新村3号楼（已认证）', nth: 3, body: '费用太高了，退休工资负担不起，暂时不支持。希望能了解有没有补贴。', stance: 'oppose', likes: 1 },
    ],
  },
  {
    unit: ['梧桐居民区'],
    question: '夜间停车难，小区停车管理公约怎么定？',
    background: '晚上8点后梧桐新村和安和花园车位紧张，消防通道常被占用。请大家就错峰停车、临时车位和收费办法提出建议。',
    closesInDays: 14,
    posts: [
      { by: '居民 · 安和花园1号楼（已认证）', body: '建议和周边商场谈错峰停车，晚上7点到早上8点给居民优惠。', stance: 'support', likes: 3 },
      { by: '居民 · 梧桐新村1号楼（已认证）', body: '消防通道一定要清出来，上次救护车都进不来。', stance: 'support', likes: 5 },
      { by: '居民代表 · 安和花园1号楼（已认证）', body: '收费要公开透明，收来的钱用在哪里要在居务公开栏公布。', stance: 'neutral' },
    ],
  },
  {
    unit: ['香樟居民区'],
    question: '香樟苑楼道堆物清理',
    background: '消防检查发现部分楼道堆放杂物，存在安全隐患。居委会计划统一清理，请大家说说意见和需要帮助的情况。',
    closesInDays: 10,
    posts: [
      { by: '居民代表 · 香樟苑1号楼（已认证）', body: '支持清理，建议先给大家一周时间自己整理，再统一清运。', stance: 'support', likes: 2 },
      { by: '居民 · 香樟苑2号楼（已认证）', body: '家里老人行动不便，能不能安排志愿者帮忙搬一下？', stance: 'neutral' },
    ],
  },
]

export async function seedDemoDiscussions(trx: Transaction<Database>): Promise<void> {
  const now = Date.now()
  const users = await trx.selectFrom('users').select(['id', 'demo_description']).where('demo_description', 'is not', null).orderBy('id').execute()
  const byDescription = (d: string, nth = 0) => {
    const found = users.filter((u) => u.demo_description === d)[nth]
    if (!found) throw new Error(`demo user missing: ${d}`)
    return found.id
  }
  const unitId = async (path: [string] | [string, string]) => {
    if (path.length === 1) return (await trx.selectFrom('units').select('id').where('name', '=', path[0]).executeTakeFirstOrThrow()).id
    return (
      await trx
        .selectFrom('units as b')
        .innerJoin('units as e', 'e.id', 'b.parent_id')
        .select('b.id')
        .where('e.name', '=', path[0])
        .where('b.name', '=', path[1])
        .executeTakeFirstOrThrow()
    ).id
  }
  const labelOf = async (userId: number, staff: boolean) => {
    if (staff) return '居委会'
    const r = await trx
      .selectFrom('residences as r')
      .innerJoin('units as b', 'b.id', 'r.building_id')
      .select('b.name')
      .where('r.user_id', '=', userId)
      .where('r.status', '=', 'approved')
      .executeTakeFirstOrThrow()
    return `${r.name}居民`
  }
  // Only residents of a topic's unit may like its posts.
  const residentsOf = async (unit: number) =>
    (
      await trx
        .selectFrom('residences as r')
        .innerJoin('units as b', 'b.id', 'r.building_id')
        .innerJoin('units as e', 'e.id', 'b.parent_id')
        .select('r.user_id')
        .where('r.status', '=', 'approved')
        .where((eb) => eb.or([eb('b.id', '=', unit), eb('e.id', '=', unit), eb('e.parent_id', '=', unit)]))
        .orderBy('r.user_id')
        .execute()
    ).map((r) => r.user_id)

  let minute = 0
  const at = () => new Date(now - 3 * 86_400_000 + minute++ * 47 * 60_000).toISOString()
  for (const seed of TOPICS) {
    const unit = await unitId(seed.unit)
    const chain = await trx
      .selectFrom('units as u0')
      .leftJoin('units as u1', 'u1.id', 'u0.parent_id')
      .leftJoin('units as u2', 'u2.id', 'u1.parent_id')
      .select(['u0.id as a', 'u0.level as level', 'u1.id as b', 'u2.id as c'])
      .where('u0.id', '=', unit)
      .executeTakeFirstOrThrow()
    const neighbourhood = chain.level === 'neighbourhood' ? chain.a : chain.level === 'estate' ? chain.b! : chain.c!
    const moderator = byDescription(`居委会 · ${seed.unit.length === 1 ? seed.unit[0] : '梧桐居民区'}`)
    const opened = at()
    const topic = await trx
      .insertInto('topics')
      .values({
        unit_id: unit,
        neighbourhood_id: neighbourhood,
        question: seed.question,
        background: seed.background,
        closes_at: seed.closesInDays ? new Date(now + seed.closesInDays * 86_400_000).toISOString() : null,
        state: seed.concluded ? 'concluded' : 'open',
        pending: 0,
        summary: seed.concluded ?? null,
        concluded_at: seed.concluded ? new Date(now - 86_400_000).toISOString() : null,
        concluded_by: seed.concluded ? moderator : null,
        proposal_id: null,
        opened_by: moderator,
        post_count: 0,
        created_at: opened,
        updated_at: opened,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await indexDocument(trx, 'topic', topic.id, seed.question, seed.background)
    let count = 0
    let last: string | null = null
    const likers = await residentsOf(unit)
    const insert = async (p: PostSeed, parentId: number | null) => {
      const userId = byDescription(p.by, p.nth)
      const staff = p.by.startsWith('居委会')
      const createdAt = at()
      const row = await trx
        .insertInto('posts')
        .values({
          topic_id: topic.id,
          parent_id: parentId,
          author_id: userId,
          author_label: await labelOf(userId, staff),
          author_is_staff: staff ? 1 : 0,
          official: p.official ? 1 : 0,
          body: p.body,
          photos: '[]',
          status: 'published',
          open_reports: 0,
          pinned_at: p.pinned ? createdAt : null,
          like_count: 0,
          reply_count: p.replies?.length ?? 0,
          created_at: createdAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      count++
      last = createdAt
      const fans = likers.filter((id) => id !== userId).slice(0, p.likes ?? 0)
      if (fans.length) {
        await trx.insertInto('post_likes').values(fans.map((id) => ({ post_id: row.id, user_id: id, created_at: createdAt }))).execute()
        await trx.updateTable('posts').set({ like_count: fans.length }).where('id', '=', row.id).execute()
      }
      if (!staff) {
        await trx.insertInto('topic_participants').values({ topic_id: topic.id, user_id: userId, created_at: createdAt }).onConflict((oc) => oc.doNothing()).execute()
      }
      if (p.stance) {
        await trx
          .insertInto('topic_stances')
          .values({ topic_id: topic.id, user_id: userId, stance: p.stance, updated_at: createdAt })
          .onConflict((oc) => oc.columns(['topic_id', 'user_id']).doUpdateSet({ stance: p.stance! }))
          .execute()
      }
      for (const r of p.replies ?? []) await insert(r, row.id)
    }
    for (const p of seed.posts) await insert(p, null)
    await trx.updateTable('topics').set({ post_count: count, last_post_at: last }).where('id', '=', topic.id).execute()
  }
}
