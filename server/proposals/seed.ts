import type { ProposalCategory, ProposalState } from '../../types'
import { PROPOSAL_STATE_NAMES } from '../../types'
import { shanghaiDay } from '../../types/time'
import type { Trx } from '../core/db'
import { indexDocument } from '../search'
import { cosignThreshold, deadlineFor, DEFAULT_SETTINGS } from './rules'
import { buildingsIn, householdsIn, proposalUnit } from './units'

// Demo 社区提案 for `npm start`: one proposal in each stage of the process across both 居民区 (a vote
// under way, one close to its threshold, one being implemented, one to evaluate, one overdue, a referral
// and a rejection), with their timelines, co-signatures, meetings and progress. Inserted directly (no
// moderation log: nobody acted). Called at the end of seedDemoCommunity.

type Room = [estate: string, building: string, room: string]

interface Step {
  to: ProposalState
  daysAgo: number
  reason?: string
  details?: Record<string, unknown>
}

interface ProposalSeed {
  /** The unit: [小区, 楼组], [小区] or [居民区]. */
  unit: [string] | [string, string]
  author: Room
  title: string
  body: string
  category: ProposalCategory
  hideBuilding?: boolean
  steps: Step[]
  cosigners: Room[]
  meetings?: { kind: 'hearing' | 'coordination' | 'evaluation'; daysAgo: number; place: string; attendance: number; minutes: string; decisions?: string }[]
  votes?: [Room, 'for' | 'against' | 'abstain'][]
  voteClosesInDays?: number
  implementation?: { owner: string; plannedInDays: number; budget: number; progress: { daysAgo: number; percent: number; text: string; spent?: number; comment?: [Room, string] }[] }
  evaluations?: [Room, number, string | null][]
  referral?: { to: 'property' | 'owners_committee' | 'street'; answer?: string }
}

const SEEDS: ProposalSeed[] = [
  {
    unit: ['梧桐新村', '3号楼'],
    author: ['梧桐新村', '3号楼', '101'],
    title: '3号楼加装电梯的建议',
    body: '3号楼是六层老公房，楼里七十岁以上的老人有十几位，上下楼很困难。建议加装电梯，费用按楼层分摊，一楼住户适当补偿。',
    category: 'elevator',
    steps: [
      { to: 'submitted', daysAgo: 40 },
      { to: 'screening', daysAgo: 36 },
      { to: 'accepted', daysAgo: 33, reason: '符合居民区议事范围，列为议题' },
      { to: 'deliberating', daysAgo: 30 },
      { to: 'voting', daysAgo: 2 },
    ],
    cosigners: [
      ['梧桐新村', '3号楼', '102'],
      ['梧桐新村', '3号楼', '201'],
      ['梧桐新村', '3号楼', '202'],
      ['梧桐新村', '3号楼', '301'],
      ['梧桐新村', '3号楼', '302'],
    ],
    meetings: [
      {
        kind: 'hearing',
        daysAgo: 25,
        place: '梧桐居委会活动室',
        attendance: 23,
        minutes: '听取3号楼住户意见：高层住户普遍支持，一楼住户担心采光和噪音。设计单位介绍了贴墙式方案。',
        decisions: '请设计单位补充采光分析，协调会再议一楼补偿',
      },
      {
        kind: 'coordination',
        daysAgo: 10,
        place: '梧桐居委会活动室',
        attendance: 15,
        minutes: '居委会、物业、设计单位和一楼住户代表协商，一楼住户同意在补偿方案基础上支持加装。',
        decisions: '提交全体住户投票，每户一票',
      },
    ],
    votes: [
      [['梧桐新村', '3号楼', '102'], 'for'],
      [['梧桐新村', '3号楼', '201'], 'for'],
      [['梧桐新村', '3号楼', '301'], 'against'],
    ],
    voteClosesInDays: 5,
  },
  {
    unit: ['梧桐新村'],
    author: ['梧桐新村', '1号楼', '101'],
    title: '梧桐新村增设非机动车充电棚',
    body: '电瓶车在楼道里充电很危险，建议在小区东侧空地建一个集中充电棚，按次收费。',
    category: 'safety',
    steps: [{ to: 'submitted', daysAgo: 6 }],
    cosigners: [
      ['梧桐新村', '1号楼', '402'],
      ['梧桐新村', '2号楼', '203'],
      ['梧桐新村', '4号楼', '104'],
      ['梧桐新村', '5号楼', '303'],
      ['梧桐新村', '6号楼', '602'],
    ],
  },
  {
    unit: ['安和花园', '1号楼'],
    author: ['安和花园', '1号楼', '1101'],
    // Four more co-signed at the committee's desk (代录).
    title: '地下车库照明改造',
    body: '1号楼地下车库灯光太暗，好几盏灯坏了很久，晚上停车不安全，建议换成感应式LED灯。',
    category: 'property',
    steps: [
      { to: 'submitted', daysAgo: 60 },
      { to: 'screening', daysAgo: 55 },
      { to: 'accepted', daysAgo: 52 },
      { to: 'deliberating', daysAgo: 50 },
      { to: 'approved', daysAgo: 35, details: { minutes: '居民代表会议表决：应到 21 人，实到 19 人，18 票赞成，使用维修资金' } },
      { to: 'implementing', daysAgo: 30, details: { owner: '安和物业', budgetPlanned: 36000 } },
    ],
    cosigners: [
      ['安和花园', '1号楼', '1502'],
    ],
    implementation: {
      owner: '安和物业',
      plannedInDays: 20,
      budget: 36000,
      progress: [
        { daysAgo: 20, percent: 30, text: '已完成灯具采购，开始更换 B1 层东区灯具', spent: 12000 },
        { daysAgo: 5, percent: 60, text: 'B1 层东区、西区更换完毕，下周更换坡道照明', spent: 21500, comment: [['安和花园', '1号楼', '1502'], '亮多了，坡道那里也请尽快'] },
      ],
    },
  },
  {
    unit: ['梧桐居民区'],
    author: ['梧桐新村', '1号楼', '402'],
    title: '助餐点延长晚餐供应时间',
    body: '助餐点晚餐五点就结束了，上班的子女来不及帮老人取餐，建议延长到六点半。',
    category: 'elderly_meals',
    hideBuilding: true,
    steps: [
      { to: 'submitted', daysAgo: 90 },
      { to: 'screening', daysAgo: 80 },
      { to: 'accepted', daysAgo: 78 },
      { to: 'deliberating', daysAgo: 75 },
      { to: 'approved', daysAgo: 60, details: { minutes: '居民代表会议表决通过，由助餐点调整排班' } },
      { to: 'implementing', daysAgo: 55, details: { owner: '社区助餐点' } },
      { to: 'completed', daysAgo: 7, reason: '晚餐供应已延长至 18:30' },
    ],
    cosigners: [
      ['梧桐新村', '3号楼', '101'],
      ['梧桐新村', '3号楼', '202'],
      ['梧桐新村', '2号楼', '501'],
      ['安和花园', '1号楼', '1101'],
      ['安和花园', '2号楼', '802'],
      ['华山路洋房', '12号', '1'],
      ['梧桐新村', '4号楼', '104'],
      ['梧桐新村', '5号楼', '303'],
      ['梧桐新村', '6号楼', '602'],
      ['安和花园', '3号楼', '1203'],
      ['安和花园', '4号楼', '301'],
      ['华山路洋房', '14号', '2'],
      ['梧桐新村', '1号楼', '101'],
      ['梧桐新村', '3号楼', '102'],
      ['梧桐新村', '3号楼', '201'],
    ],
    implementation: { owner: '社区助餐点', plannedInDays: -10, budget: 0, progress: [{ daysAgo: 20, percent: 100, text: '新排班试运行两周，取餐人数增加三成' }] },
    evaluations: [
      [['梧桐新村', '3号楼', '101'], 5, '我妈妈现在能吃上热饭了'],
      [['安和花园', '1号楼', '1101'], 4, null],
    ],
  },
  {
    unit: ['梧桐新村', '1号楼'],
    author: ['梧桐新村', '1号楼', '101'],
    // Older neighbours co-signed at the committee's desk (代录).
    title: '1号楼楼道堆物清理',
    body: '楼道里堆满了旧家具和纸箱，消防通道被堵，建议统一清理并订立楼道公约。',
    category: 'convention',
    steps: [
      { to: 'submitted', daysAgo: 20 },
      { to: 'screening', daysAgo: 10 },
    ],
    cosigners: [['梧桐新村', '1号楼', '402']],
  },
  {
    unit: ['华山路洋房', '12号'],
    author: ['华山路洋房', '12号', '1'],
    title: '院内梧桐树修剪',
    body: '院子里的梧桐树枝已经碰到二楼窗户，台风天很危险，请安排修剪。',
    category: 'sanitation',
    steps: [
      { to: 'submitted', daysAgo: 25 },
      { to: 'referred', daysAgo: 24, reason: '树木修剪属绿化养护，转物业办理', details: { referTo: 'property' } },
    ],
    cosigners: [],
    referral: { to: 'property', answer: '物业已联系绿化公司，下周二上午修剪，届时请住户收好晾晒衣物。' },
  },
  {
    unit: ['梧桐新村', '3号楼'],
    author: ['梧桐新村', '3号楼', '302'],
    title: '楼下小卖部噪音问题',
    body: '楼下小卖部晚上经常有人喝酒聊天到很晚。',
    category: 'neighbours',
    steps: [
      { to: 'submitted', daysAgo: 15 },
      { to: 'rejected', daysAgo: 14, reason: '属个别经营扰民，已由居委会联系城管和店主当面协调，不作为议题' },
    ],
    cosigners: [],
  },
  {
    unit: ['香樟苑'],
    author: ['香樟苑', '2号楼', '101'],
    title: '香樟苑2号楼门口增设晾衣架',
    body: '2号楼朝北，楼里晒不到太阳，建议在楼前空地装几组公共晾衣架。',
    category: 'public_space',
    steps: [{ to: 'submitted', daysAgo: 3 }],
    cosigners: [
      ['香樟苑', '2号楼', '502'],
      ['香樟苑', '1号楼', '201'],
    ],
  },
]

const DAY = 86_400_000
const PROXY_NAMES = ['王阿姨', '李伯伯', '张阿姨', '陈老师', '刘师傅', '赵阿姨', '孙伯伯', '周阿姨']
const PAST_THRESHOLD: ProposalState[] = ['screening', 'accepted', 'deliberating', 'voting', 'approved', 'declined', 'implementing', 'completed', 'closed']

export async function seedDemoProposals(trx: Trx, now = new Date()): Promise<void> {
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY)
  const unitIdOf = async (names: string[]): Promise<number> => {
    let q = trx.selectFrom('units as u').leftJoin('units as parent', 'parent.id', 'u.parent_id').select('u.id').where('u.name', '=', names[names.length - 1])
    if (names.length === 2) q = q.where('parent.name', '=', names[0])
    return (await q.executeTakeFirstOrThrow()).id
  }
  const residentOf = async ([estate, building, room]: Room): Promise<{ userId: number; buildingId: number }> => {
    const buildingId = await unitIdOf([estate, building])
    const r = await trx
      .selectFrom('residences')
      .select('user_id')
      .where('building_id', '=', buildingId)
      .where('room', '=', room)
      .where('status', '=', 'approved')
      .orderBy('id')
      .executeTakeFirstOrThrow()
    return { userId: r.user_id, buildingId }
  }
  const moderatorOf = async (neighbourhoodId: number) =>
    (await trx.selectFrom('role_grants').select('user_id').where('unit_id', '=', neighbourhoodId).where('role', '=', 'moderator').executeTakeFirstOrThrow()).user_id

  for (const seed of SEEDS) {
    const unit = (await proposalUnit(trx, await unitIdOf(seed.unit)))!
    const author = await residentOf(seed.author)
    const mod = await moderatorOf(unit.neighbourhoodId)
    const last = seed.steps[seed.steps.length - 1]
    const state = last.to
    const enteredAt = at(last.daysAgo)
    const impl = seed.implementation
    const plannedDate = impl ? shanghaiDay(now.getTime() + impl.plannedInDays * DAY) : null
    const voteClosesAt = seed.voteClosesInDays !== undefined ? new Date(now.getTime() + seed.voteClosesInDays * DAY) : null
    const deadline = deadlineFor({ state, stateEnteredAt: enteredAt, voteClosesAt, plannedDate, referralAnswered: Boolean(seed.referral?.answer) }, DEFAULT_SETTINGS)
    const threshold = cosignThreshold(await householdsIn(trx, unit), DEFAULT_SETTINGS)
    const inUnit = new Set((await buildingsIn(trx, unit)).map((b) => b.id))
    const cosigners: { key: string; userId: number | null; buildingId: number; room: string | null; enteredBy: number | null }[] = (
      await Promise.all(seed.cosigners.map(residentOf))
    )
      .filter((c) => inUnit.has(c.buildingId))
      .map((c) => ({ key: `u:${c.userId}`, userId: c.userId, buildingId: c.buildingId, room: null, enteredBy: null }))
    // Past the threshold, the rest came in person and were entered by the committee (代录).
    for (let i = 0; PAST_THRESHOLD.includes(state) && cosigners.length < threshold; i++) {
      const room = `${(i % 6) + 1}0${(i % 4) + 1}`
      cosigners.push({ key: `p:${author.buildingId}:${room}:${PROXY_NAMES[i % PROXY_NAMES.length]}`, userId: null, buildingId: author.buildingId, room, enteredBy: mod })
    }
    const created = at(seed.steps[0].daysAgo).toISOString()
    const spent = impl?.progress.reduce<number | null>((s, p) => p.spent ?? s, null) ?? null
    const { id } = await trx
      .insertInto('proposals')
      .values({
        title: seed.title,
        body: seed.body,
        category: seed.category,
        level: unit.level,
        unit_id: unit.id,
        building_id: unit.buildingId,
        estate_id: unit.estateId,
        neighbourhood_id: unit.neighbourhoodId,
        street_id: unit.streetId,
        photos: '[]',
        author_id: author.userId,
        author_building_id: author.buildingId,
        hide_building: seed.hideBuilding ? 1 : 0,
        entered_by: null,
        staff_note: null,
        state,
        state_entered_at: enteredAt.toISOString(),
        deadline_at: deadline ? deadline.toISOString() : null,
        overdue_notified_at: null,
        threshold,
        cosign_count: cosigners.length,
        content_status: 'visible',
        referred_to: seed.referral?.to ?? null,
        referral_answer: seed.referral?.answer ?? null,
        referral_answered_at: seed.referral?.answer ? at(last.daysAgo - 3).toISOString() : null,
        referral_answered_by: seed.referral?.answer ? 'committee' : null,
        vote_closes_at: voteClosesAt ? voteClosesAt.toISOString() : null,
        decided_offline: seed.steps.some((s) => s.to === 'approved' && s.details?.minutes) ? 1 : 0,
        impl_owner: impl?.owner ?? null,
        impl_planned_date: plannedDate,
        budget_planned_fen: impl && impl.budget > 0 ? impl.budget * 100 : null,
        budget_spent_fen: spent === null ? null : spent * 100,
        progress_percent: impl ? impl.progress[impl.progress.length - 1].percent : null,
        created_at: created,
        updated_at: enteredAt.toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await indexDocument(trx, 'proposal', id, seed.title, seed.body)

    await trx
      .insertInto('proposal_transitions')
      .values(
        seed.steps.map((s, i) => ({
          proposal_id: id,
          from_state: i === 0 ? null : seed.steps[i - 1].to,
          to_state: s.to,
          actor_id: i === 0 ? author.userId : s.to === 'screening' ? null : mod,
          actor_role: i === 0 ? ('author' as const) : s.to === 'screening' ? ('system' as const) : ('committee' as const),
          reason: s.reason ?? null,
          details: s.to === 'voting' && voteClosesAt ? JSON.stringify({ closesAt: voteClosesAt.toISOString() }) : s.details ? JSON.stringify(s.details) : null,
          created_at: at(s.daysAgo).toISOString(),
        })),
      )
      .execute()
    if (cosigners.length > 0) {
      await trx
        .insertInto('proposal_cosigns')
        .values(
          cosigners.map((c, i) => ({
            proposal_id: id,
            signer_key: c.key,
            user_id: c.userId,
            building_id: c.buildingId,
            room: c.room,
            entered_by: c.enteredBy,
            created_at: at(seed.steps[0].daysAgo - 0.1 * (i + 1)).toISOString(),
          })),
        )
        .execute()
      const followers = cosigners.filter((c) => c.userId !== null).map((c) => ({ proposal_id: id, user_id: c.userId!, created_at: created }))
      if (followers.length > 0) await trx.insertInto('proposal_follows').values(followers).execute()
    }
    if (seed.referral?.answer) {
      // The demo's answer was recorded by the committee for the 物业 (the timeline shows it).
      await trx
        .insertInto('referral_events')
        .values({
          proposal_id: id,
          kind: 'answered',
          actor_id: mod,
          actor_role: 'committee',
          referred_to: seed.referral.to,
          text: seed.referral.answer,
          photos: '[]',
          created_at: at(last.daysAgo - 3).toISOString(),
        })
        .execute()
    }
    for (const m of seed.meetings ?? []) {
      await trx
        .insertInto('proposal_meetings')
        .values({
          proposal_id: id,
          kind: m.kind,
          held_on: shanghaiDay(at(m.daysAgo)),
          place: m.place,
          attendance: m.attendance,
          minutes: m.minutes,
          decisions: m.decisions ?? null,
          created_by: mod,
          created_at: at(m.daysAgo).toISOString(),
        })
        .execute()
    }
    for (const [room, choice] of seed.votes ?? []) {
      const voter = await residentOf(room)
      await trx
        .insertInto('proposal_votes')
        .values({ proposal_id: id, building_id: voter.buildingId, room: room[2], user_id: voter.userId, choice, created_at: at(1).toISOString(), updated_at: at(1).toISOString() })
        .execute()
    }
    for (const p of impl?.progress ?? []) {
      const pu = await trx
        .insertInto('proposal_progress')
        .values({ proposal_id: id, percent: p.percent, text: p.text, photos: '[]', budget_spent_fen: p.spent === undefined ? null : p.spent * 100, created_by: mod, created_at: at(p.daysAgo).toISOString() })
        .returning('id')
        .executeTakeFirstOrThrow()
      if (p.comment) {
        const c = await residentOf(p.comment[0])
        await trx
          .insertInto('proposal_progress_comments')
          .values({ progress_id: pu.id, proposal_id: id, user_id: c.userId, author_label: `${p.comment[0][1]}居民`, body: p.comment[1], content_status: 'visible', created_at: at(p.daysAgo - 1).toISOString() })
          .execute()
      }
    }
    for (const [room, rating, comment] of seed.evaluations ?? []) {
      const e = await residentOf(room)
      const when = at(3).toISOString()
      await trx
        .insertInto('proposal_evaluations')
        .values({ proposal_id: id, user_id: e.userId, author_label: `${room[1]}居民`, rating, comment, content_status: 'visible', created_at: when, updated_at: when })
        .execute()
    }
    // The author's notifications of the latest step, so 消息 is not empty.
    if (seed.steps.length > 1) {
      await trx
        .insertInto('notifications')
        .values({
          user_id: author.userId,
          kind: 'proposal.transition',
          title: seed.title,
          body: last.reason ?? `提案状态更新为「${PROPOSAL_STATE_NAMES[state]}」`,
          target_type: 'proposal',
          target_id: id,
          created_at: enteredAt.toISOString(),
          read_at: null,
        })
        .execute()
    }
  }
}
