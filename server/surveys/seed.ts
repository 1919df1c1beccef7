// Demo surveys for `npm start`: in 梧桐居民区, last year's and this year's closed waves of the annual
// survey (synthetic answers, mostly paper as in an older community, a few from demo residents), an open
// needs survey, and the 街镇's manual index entries, so the index page shows all three sources.
// Deterministic: a seeded generator, the same answers every time.
import { randomBytes } from 'node:crypto'
import { INSTRUMENTS } from '../../src/scoring'
import type { SurveyQuestion } from '../../types'
import type { Trx } from '../core/db'
import { currentYear, previousPeriod, parsePeriod } from '../../types/period'
import { shanghaiDay } from '../../types/time'
import { ANNUAL_INSTRUMENTS, buildCustomQuestions, instrumentQuestions, templateFor, type StoredAnswers } from './rules'
import { prng } from '../core/random'
import { storedCells } from './cells'
import { buildingsUnder } from './queries/units'

const DAY = 86_400_000

/** One synthetic respondent: a general mood (−1…1) colours every answer. */
function synthAnswers(random: () => number, lift: number): StoredAnswers {
  const mood = (random() - 0.5) * 1.6 + lift
  const out: StoredAnswers = {}
  for (const id of ANNUAL_INSTRUMENTS) {
    for (const item of INSTRUMENTS[id].items) {
      const r = random()
      if (item.scale.dkLabel && r < 0.06) {
        out[item.id] = 'dk'
        continue
      }
      if (r > 0.97) continue // left blank
      if (item.kind === 'knowledge') {
        out[item.id] = random() < 0.5 + 0.25 * mood ? 1 : 0
        continue
      }
      const centre = 3.4 + mood + (random() - 0.5) * 1.8
      const x = Math.max(1, Math.min(5, Math.round(centre)))
      out[item.id] = item.reverse ? 6 - x : x
    }
  }
  return out
}

export async function seedDemoSurveys(trx: Trx, now = new Date()): Promise<void> {
  const nb = await trx.selectFrom('units').select(['id', 'parent_id']).where('name', '=', '梧桐居民区').where('level', '=', 'neighbourhood').executeTakeFirst()
  if (!nb) return
  const [moderator, admin, buildings, residents] = await Promise.all([
    trx.selectFrom('users').select('id').where('demo_description', '=', '居委会 · 梧桐居民区').executeTakeFirstOrThrow(),
    trx.selectFrom('users').select('id').where('demo_description', 'like', '街道工作人员%').executeTakeFirstOrThrow(),
    buildingsUnder(trx, nb.id),
    trx
      .selectFrom('residences as r')
      .innerJoin('units as b', 'b.id', 'r.building_id')
      .innerJoin('units as e', 'e.id', 'b.parent_id')
      .select(['r.user_id', 'r.building_id'])
      .where('e.parent_id', '=', nb.id)
      .where('r.status', '=', 'approved')
      .orderBy('r.user_id')
      .execute(),
  ])
  const random = prng(2026)
  const totalHouseholds = buildings.reduce((s, b) => s + b.households, 0)
  const pickBuilding = (): number => {
    let x = random() * totalHouseholds
    for (const b of buildings) if ((x -= b.households) < 0) return b.id
    return buildings[buildings.length - 1].id
  }
  const annual = templateFor('annual')
  const questions = instrumentQuestions(ANNUAL_INSTRUMENTS)

  const wave = async (o: { closedAt: Date; responses: number; appFrom: typeof residents; lift: number; note: string | null }) => {
    const opened = new Date(o.closedAt.getTime() - 30 * DAY)
    const closed = o.closedAt.toISOString()
    const { id } = await trx
      .insertInto('surveys')
      .values({
        unit_id: nb.id,
        neighbourhood_id: nb.id,
        title: `${shanghaiDay(o.closedAt).slice(0, 4)}年${annual.title}`,
        intro: annual.intro,
        instruments: JSON.stringify(ANNUAL_INSTRUMENTS),
        questions: JSON.stringify(questions),
        state: 'closed',
        opens_at: opened.toISOString(),
        closes_at: closed,
        published_at: opened.toISOString(),
        closed_at: closed,
        response_note: o.note,
        response_note_at: o.note ? closed : null,
        response_note_by: o.note ? moderator.id : null,
        created_by: moderator.id,
        created_at: opened.toISOString(),
        updated_at: closed,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const rows = Array.from({ length: o.responses }, (_, i) => {
      const app = o.appFrom[i]
      return {
        id: randomBytes(16).toString('hex'),
        survey_id: id,
        building_id: app ? app.building_id : pickBuilding(),
        answered_on: shanghaiDay(new Date(opened.getTime() + Math.floor(random() * 30) * DAY)),
        channel: (app ? 'app' : 'paper') as 'app' | 'paper',
        answers: JSON.stringify(synthAnswers(random, o.lift)),
        mixed: 1,
      }
    })
    rows.sort((a, b) => (a.id < b.id ? -1 : 1))
    const respondents = new Map<number, number>()
    for (const r of rows) if (r.channel === 'app') respondents.set(r.building_id, (respondents.get(r.building_id) ?? 0) + 1)
    const cells = storedCells(buildings, respondents)
    await trx
      .insertInto('survey_responses')
      .values(rows.map(({ building_id, ...r }) => ({ ...r, unit_id: cells.get(building_id)! })))
      .execute()
    // The paper came in as one batch typed in by the 居委会 and checked by the 街镇, which then
    // confirmed the mostly-paper wave for the index.
    const paper = rows.filter((r) => r.channel === 'paper')
    const perBuilding: Record<number, number> = {}
    for (const r of paper) perBuilding[r.building_id] = (perBuilding[r.building_id] ?? 0) + 1
    await trx
      .insertInto('survey_paper_batches')
      .values({ survey_id: id, entries: null, building_counts: JSON.stringify(perBuilding), count: paper.length, by_street: 0, entered_by: moderator.id, entered_at: closed, checked_by: admin.id, checked_at: closed })
      .execute()
    await trx.insertInto('survey_paper_confirmations').values({ survey_id: id, confirmed_by: admin.id, confirmed_at: closed }).execute()
    if (o.appFrom.length) {
      await trx
        .insertInto('survey_participation')
        .values(o.appFrom.map((r) => ({ survey_id: id, user_id: r.user_id, idem_key: null })))
        .execute()
    }
  }

  // Last year: fewer answers, a cooler mood. This year: 60 answers, 14 of them from demo residents.
  await wave({ closedAt: new Date(now.getTime() - 365 * DAY), responses: 45, appFrom: [], lift: -0.25, note: null })
  await wave({
    closedAt: new Date(now.getTime() - 60_000),
    responses: 60,
    appFrom: residents.slice(0, 14),
    lift: 0,
    note: '感谢大家参与！针对满意度中反映较多的停车和楼道堆物问题，居委会已与物业商定：本月起每周三集中清理楼道，安和花园新增 12 个夜间临时车位。',
  })

  // An open needs survey for demo residents to answer.
  const custom: SurveyQuestion[] = buildCustomQuestions(
    [
      { type: 'single', text: '您家是否支持本楼加装电梯？', options: ['支持', '不支持', '看费用再定'] },
      { type: 'multiple', text: '您最希望小区改善哪些方面？（最多选 3 项）', options: ['停车', '绿化', '楼道环境', '健身设施', '老年助餐', '快递收发'], maxChoices: 3 },
      { type: 'rating', text: '给小区目前的居住环境打个分（1–10 分）' },
      { type: 'text', text: '还有什么想对居委会说的？', required: false },
    ],
    [],
  )
  const openedAt = new Date(now.getTime() - 2 * DAY)
  await trx
    .insertInto('surveys')
    .values({
      unit_id: nb.id,
      neighbourhood_id: nb.id,
      title: '加装电梯和小区改善意见征集',
      intro: templateFor('blank').intro,
      instruments: '[]',
      questions: JSON.stringify(custom),
      state: 'published',
      opens_at: openedAt.toISOString(),
      closes_at: new Date(now.getTime() + 14 * DAY).toISOString(),
      published_at: openedAt.toISOString(),
      closed_at: null,
      created_by: moderator.id,
      created_at: openedAt.toISOString(),
      updated_at: openedAt.toISOString(),
    })
    .execute()

  // The 街镇's manual entries for this year and (a few) for last year.
  const year = parsePeriod(currentYear(now))!
  const entries: [string, unknown][] = [
    ['member_registration', 0.86],
    ['member_volunteers', 0.74],
    ['regional_party_building', { joint_meeting: true, resource_sharing: true }],
    ['cross_appointment', { cross_appointed: true, members_effective: true }],
    ['consultation_platform.platform_committee', 1.5],
    ['autonomy_teams.teams_variety', { many_varied: true }],
    ['autonomy_teams.teams_regular', 0.85],
    ['autonomy_teams.teams_participation', 2],
    ['three_carriages.carriages_checklist', { owners_committee: true, red_property: false }],
    ['three_carriages.carriages_coordination', 2],
    ['five_social_linkage', 3],
    ['internal_talent', 2],
    ['external_talent', 1],
    ['offline_venue', { space: true, facilitators: true }],
    ['digital_transformation', 1.5],
    ['project_count', { value: 5, peerAverage: 4 }],
    ['project_funding', { value: 12, peerAverage: 10.5 }],
    ['consultation_results', 2],
    ['brand', 2],
  ]
  const lastYear: [string, unknown][] = [
    ['member_registration', 0.78],
    ['member_volunteers', 0.66],
    ['offline_venue', { space: true, facilitators: false }],
    ['five_social_linkage', 2],
    ['brand', 1],
  ]
  const enteredAt = new Date(now.getTime() - 3 * DAY).toISOString()
  await trx
    .insertInto('indicator_inputs')
    .values([
      ...entries.map(([leaf, value]) => ({ period: year.id, leaf, value })),
      ...lastYear.map(([leaf, value]) => ({ period: previousPeriod(year).id, leaf, value })),
    ].map((e) => ({
      unit_id: nb.id,
      period: e.period,
      leaf_id: e.leaf,
      value: JSON.stringify(e.value),
      note: '街道年度评估录入（演示数据）',
      entered_by: admin.id,
      entered_at: enteredAt,
    })))
    .execute()
}

