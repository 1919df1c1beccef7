// Where the ledger's entries come from. Decisions, meetings, spending, referral answers, closed surveys
// and evaluations are read from their own records, which those capabilities only ever append to (a
// transition, a meeting, a progress update, a referral event), so the ledger is always complete and
// nothing is copied or back-filled; 自治金 entries and corrections are the ledger's own rows.
import type { Kysely } from 'kysely'
import type { AffairEntry, AffairKind, VoteTally } from '../../../types'
import { MEETING_KIND_NAMES, shanghaiDay } from '../../../types'
import type { Database } from '../../db/schema'
import { parsePhotoIds } from '../../media'
import { DEFAULT_SETTINGS } from '../../proposals'
import { entryKey, yuan } from '../rules'

type Q = Kysely<Database>

/** Which rows: of one 居民区, or the one row with this id (its 居民区 is then read from it). */
export interface Scope {
  neighbourhoodId?: number
  id?: number
}

/** An entry as its source knows it; the ledger adds corrections and question counts. */
export type SourceEntry = Omit<AffairEntry, 'correctedBy' | 'questions' | 'openFlags'> & { neighbourhoodId: number; photos: number[] }

type Source = (db: Q, s: Scope) => Promise<SourceEntry[]>

const parse = <T>(json: string | null): T | null => {
  if (!json) return null
  try {
    return JSON.parse(json) as T
  } catch {
    return null
  }
}

const percent = (part: number, whole: number) => (whole > 0 ? `${Math.round((part * 100) / whole)}%` : '—')

const base = (kind: AffairKind, id: number, neighbourhoodId: number, date: string, title: string) => ({
  key: entryKey(kind, id),
  kind,
  neighbourhoodId,
  date,
  title,
  amount: null as number | null,
  link: null as AffairEntry['link'],
  corrects: null as string | null,
  photos: [] as number[],
})

const decisions: Source = async (db, s) => {
  let q = db
    .selectFrom('proposal_transitions as t')
    .innerJoin('proposals as p', 'p.id', 't.proposal_id')
    .leftJoin('proposal_settings as ps', 'ps.neighbourhood_id', 'p.neighbourhood_id')
    .select(['t.id', 't.to_state', 't.details', 't.created_at', 'p.id as proposal_id', 'p.title', 'p.neighbourhood_id', 'ps.vote_turnout_bp'])
    .where('t.to_state', 'in', ['approved', 'declined'])
    .where('p.content_status', '=', 'visible')
  if (s.neighbourhoodId !== undefined) q = q.where('p.neighbourhood_id', '=', s.neighbourhoodId)
  if (s.id !== undefined) q = q.where('t.id', '=', s.id)
  const rows = await q.execute()
  return rows.map((r) => {
    const details = parse<{ tally?: VoteTally; minutes?: string }>(r.details) ?? {}
    const passed = r.to_state === 'approved'
    const lines = [`结果：${passed ? '表决通过' : '未通过'}`]
    if (details.tally) {
      const t = details.tally
      const quorum = r.vote_turnout_bp !== null ? r.vote_turnout_bp / 100 : DEFAULT_SETTINGS.voteTurnoutPercent
      lines.push(`户代表投票：赞成 ${t.for}、反对 ${t.against}、弃权 ${t.abstain}`)
      lines.push(`参与 ${t.turnout}/${t.eligibleHouseholds} 户（参与率 ${percent(t.turnout, t.eligibleHouseholds)}，要求不低于 ${quorum}%）`)
    }
    if (details.minutes) lines.push(`居民代表会议决定：${details.minutes}`)
    return {
      ...base('decision', r.id, r.neighbourhood_id, shanghaiDay(r.created_at), `决定：${r.title}`),
      lines,
      link: { kind: 'proposal' as const, id: r.proposal_id, title: r.title },
    }
  })
}

const meetings: Source = async (db, s) => {
  let q = db
    .selectFrom('proposal_meetings as m')
    .innerJoin('proposals as p', 'p.id', 'm.proposal_id')
    .select(['m.id', 'm.kind', 'm.held_on', 'm.place', 'm.attendance', 'm.minutes', 'm.decisions', 'p.id as proposal_id', 'p.title', 'p.neighbourhood_id'])
    .where('p.content_status', '=', 'visible')
  if (s.neighbourhoodId !== undefined) q = q.where('p.neighbourhood_id', '=', s.neighbourhoodId)
  if (s.id !== undefined) q = q.where('m.id', '=', s.id)
  const rows = await q.execute()
  return rows.map((r) => {
    const kind = MEETING_KIND_NAMES[r.kind] ?? '会议'
    const lines = [`${kind}，${r.held_on}，${r.place}，${r.attendance} 人参加`, `会议纪要：${r.minutes}`]
    if (r.decisions) lines.push(`会议决定：${r.decisions}`)
    return {
      ...base('meeting', r.id, r.neighbourhood_id, r.held_on, `${kind}：${r.title}`),
      lines,
      link: { kind: 'proposal' as const, id: r.proposal_id, title: r.title },
    }
  })
}

/** A project's budget and what it has spent so far, from its implementation progress. */
const spending: Source = async (db, s) => {
  let q = db
    .selectFrom('proposals as p')
    .select([
      'p.id',
      'p.title',
      'p.neighbourhood_id',
      'p.impl_owner',
      'p.budget_planned_fen',
      'p.budget_spent_fen',
      'p.progress_percent',
      (eb) =>
        eb
          .selectFrom('proposal_transitions as t')
          .select((e) => e.fn.min('t.created_at').as('at'))
          .whereRef('t.proposal_id', '=', 'p.id')
          .where('t.to_state', '=', 'implementing')
          .as('started_at'),
    ])
    .where('p.content_status', '=', 'visible')
    .where((eb) => eb.or([eb('p.budget_planned_fen', 'is not', null), eb('p.budget_spent_fen', 'is not', null)]))
  if (s.neighbourhoodId !== undefined) q = q.where('p.neighbourhood_id', '=', s.neighbourhoodId)
  if (s.id !== undefined) q = q.where('p.id', '=', s.id)
  const rows = await q.execute()
  if (rows.length === 0) return []
  const progress = await db
    .selectFrom('proposal_progress')
    .select(['proposal_id', 'percent', 'budget_spent_fen', 'created_at'])
    .where('proposal_id', 'in', rows.map((r) => r.id))
    .where('budget_spent_fen', 'is not', null)
    .orderBy('id')
    .execute()
  return rows.map((r) => {
    const lines = [`预算：${r.budget_planned_fen !== null ? `${yuan(r.budget_planned_fen)} 元` : '未填写'}`]
    lines.push(`已支出：${yuan(r.budget_spent_fen ?? 0)} 元（完成进度 ${r.progress_percent ?? 0}%）`)
    if (r.impl_owner) lines.push(`实施负责人：${r.impl_owner}`)
    for (const u of progress.filter((u) => u.proposal_id === r.id)) lines.push(`${shanghaiDay(u.created_at)} 进度 ${u.percent}%，累计支出 ${yuan(u.budget_spent_fen!)} 元`)
    return {
      ...base('spending', r.id, r.neighbourhood_id, shanghaiDay(String(r.started_at ?? '')) || '', `项目经费：${r.title}`),
      lines,
      amount: (r.budget_spent_fen ?? 0) / 100,
      link: { kind: 'proposal' as const, id: r.id, title: r.title },
    }
  })
}

const referrals: Source = async (db, s) => {
  let q = db
    .selectFrom('referral_events as e')
    .innerJoin('proposals as p', 'p.id', 'e.proposal_id')
    .select(['e.id', 'e.referred_to', 'e.text', 'e.photos', 'e.created_at', 'p.id as proposal_id', 'p.title', 'p.neighbourhood_id'])
    .where('e.kind', '=', 'answered')
    .where('p.content_status', '=', 'visible')
  if (s.neighbourhoodId !== undefined) q = q.where('p.neighbourhood_id', '=', s.neighbourhoodId)
  if (s.id !== undefined) q = q.where('e.id', '=', s.id)
  const rows = await q.execute()
  return rows.map((r) => ({
    ...base('referral', r.id, r.neighbourhood_id, shanghaiDay(r.created_at), `转办答复：${r.title}`),
    lines: [`转办给：${r.referred_to}`, `答复：${r.text ?? ''}`],
    link: { kind: 'proposal' as const, id: r.proposal_id, title: r.title },
  }))
}

const surveys: Source = async (db, s) => {
  let q = db
    .selectFrom('surveys as v')
    .select([
      'v.id',
      'v.title',
      'v.neighbourhood_id',
      'v.closed_at',
      'v.response_note',
      (eb) =>
        eb
          .selectFrom('survey_participation as sp')
          .select((e) => e.fn.countAll().as('n'))
          .whereRef('sp.survey_id', '=', 'v.id')
          .as('answered'),
    ])
    .where('v.state', '=', 'closed')
  if (s.neighbourhoodId !== undefined) q = q.where('v.neighbourhood_id', '=', s.neighbourhoodId)
  if (s.id !== undefined) q = q.where('v.id', '=', s.id)
  const rows = await q.execute()
  return rows.map((r) => {
    const lines = [`线上作答 ${Number(r.answered ?? 0)} 人，问卷已结束，结果向居民公开`]
    if (r.response_note) lines.push(`居委会反馈：${r.response_note}`)
    return {
      ...base('survey', r.id, r.neighbourhood_id, shanghaiDay(r.closed_at ?? ''), `问卷结果：${r.title}`),
      lines,
      link: { kind: 'survey' as const, id: r.id, title: r.title },
    }
  })
}

const evaluations: Source = async (db, s) => {
  let q = db
    .selectFrom('proposal_evaluations as e')
    .innerJoin('proposals as p', 'p.id', 'e.proposal_id')
    .select((eb) => [
      'p.id',
      'p.title',
      'p.neighbourhood_id',
      eb.fn.countAll().as('n'),
      eb.fn.sum('e.rating').as('total'),
      eb.fn.max('e.created_at').as('last_at'),
    ])
    .where('e.content_status', '=', 'visible')
    .where('p.content_status', '=', 'visible')
    .groupBy(['p.id', 'p.title', 'p.neighbourhood_id'])
  if (s.neighbourhoodId !== undefined) q = q.where('p.neighbourhood_id', '=', s.neighbourhoodId)
  if (s.id !== undefined) q = q.where('p.id', '=', s.id)
  const rows = await q.execute()
  return rows.map((r) => {
    const n = Number(r.n)
    const average = Math.round((Number(r.total) / n) * 10) / 10
    return {
      ...base('evaluation', r.id, r.neighbourhood_id, shanghaiDay(String(r.last_at)), `成效评价：${r.title}`),
      lines: [`${n} 位居民评价，平均 ${average} 分（满分 5 分）`],
      link: { kind: 'proposal' as const, id: r.id, title: r.title },
    }
  })
}

/** The ledger's own rows: 自治金 payments and corrections. */
export const stored = (kind: 'fund' | 'correction'): Source => async (db, s) => {
  let q = db
    .selectFrom('affairs_entries as a')
    .leftJoin('proposals as p', 'p.id', 'a.proposal_id')
    .select(['a.id', 'a.neighbourhood_id', 'a.title', 'a.body', 'a.amount_fen', 'a.spent_on', 'a.corrects', 'a.photos', 'p.id as proposal_id', 'p.title as proposal_title'])
    .where('a.kind', '=', kind)
  if (s.neighbourhoodId !== undefined) q = q.where('a.neighbourhood_id', '=', s.neighbourhoodId)
  if (s.id !== undefined) q = q.where('a.id', '=', s.id)
  const rows = await q.execute()
  return rows.map((r) => {
    const lines = [r.body]
    if (r.amount_fen !== null) lines.unshift(`${kind === 'fund' ? '金额' : '更正后金额'}：${yuan(r.amount_fen)} 元`)
    return {
      ...base(kind, r.id, r.neighbourhood_id, r.spent_on, r.title),
      lines,
      amount: r.amount_fen !== null ? r.amount_fen / 100 : null,
      link: r.proposal_id !== null ? { kind: 'proposal' as const, id: r.proposal_id, title: r.proposal_title ?? '' } : null,
      corrects: r.corrects,
      photos: parsePhotoIds(r.photos),
    }
  })
}

export const SOURCES: Record<AffairKind, Source> = {
  decision: decisions,
  meeting: meetings,
  spending,
  fund: stored('fund'),
  referral: referrals,
  survey: surveys,
  evaluation: evaluations,
  correction: stored('correction'),
}
