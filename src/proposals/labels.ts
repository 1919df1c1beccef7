import dayjs from 'dayjs'
import type { ProposalListItem, ProposalState, ProposalTransition, VoteChoice } from '@yishi/types'
import { PROPOSAL_CATEGORY_NAMES, REFERRAL_TARGET_NAMES, type ReferralEventKind, type ReferralTarget } from '@yishi/types'
import { shanghaiDay } from '@yishi/types/time'
import { formatDateTime } from '@/shared/format'

// How proposals read to residents: plain Chinese for every state, the list's state groups,
// co-sign progress, time limits and money. Pure functions, tested in __tests__/app/proposals.test.tsx.

export type Tone = 'accent' | 'warn' | 'success' | 'danger' | 'neutral'

export interface StateView {
  /** The badge. */
  label: string
  tone: Tone
  /** One sentence: where the proposal is now and what happens next. */
  text: string
}

export const STATE_VIEWS: Record<ProposalState, StateView> = {
  submitted: { label: '征集附议', tone: 'accent', text: '正在请邻居们附议。附议人数够了，就交给居委会审核。' },
  screening: { label: '居委会审核中', tone: 'warn', text: '附议人数已经够了，居委会正在审核，决定是否立为议题。' },
  accepted: { label: '已立项（议题）', tone: 'accent', text: '居委会已经受理，成为正式议题，接下来会组织大家协商。' },
  deliberating: { label: '协商中', tone: 'accent', text: '居委会正在组织听证会、协调会等，听取各方意见。' },
  voting: { label: '投票中', tone: 'accent', text: '正在请住户投票决定，每户一票。' },
  approved: { label: '表决通过', tone: 'success', text: '表决已经通过，等待开始实施。' },
  declined: { label: '表决未通过', tone: 'neutral', text: '表决没有通过，这条提案到此结束。' },
  implementing: { label: '实施中', tone: 'accent', text: '正在实施，进展会在下面公开，欢迎大家监督。' },
  completed: { label: '已完成 · 请评议', tone: 'success', text: '已经办完了，请大家来评一评效果。' },
  closed: { label: '已结项', tone: 'neutral', text: '成效评议已经结束，这条提案已结项。' },
  rejected: { label: '未受理', tone: 'danger', text: '居委会没有受理这条提案，原因写在下面的记录里。' },
  merged: { label: '已合并', tone: 'neutral', text: '与另一条相似的提案合并办理，附议也一起转过去了。' },
  referred: { label: '已转办', tone: 'warn', text: '已经转给相关单位办理，答复会公布在这里。' },
  withdrawn: { label: '已撤回', tone: 'neutral', text: '提案人已经撤回这条提案。' },
  expired: { label: '已过期', tone: 'neutral', text: '在规定时间内附议人数没有达到要求，提案已过期。' },
}

export function stateLabel(state: ProposalState): string {
  return STATE_VIEWS[state]?.label ?? state
}

export function stateTone(state: ProposalState): Tone {
  return STATE_VIEWS[state]?.tone ?? 'neutral'
}

/** The list's filter: groups of states in the words residents use. 全部 sends no state filter. */
export interface StateGroup {
  key: string
  label: string
  states: ProposalState[]
}

export const STATE_GROUPS: StateGroup[] = [
  { key: 'all', label: '全部', states: [] },
  { key: 'collecting', label: '征集联名', states: ['submitted'] },
  { key: 'deliberating', label: '议事中', states: ['screening', 'accepted', 'deliberating'] },
  { key: 'voting', label: '投票中', states: ['voting'] },
  { key: 'implementing', label: '实施中', states: ['approved', 'implementing'] },
  { key: 'done', label: '已完成', states: ['completed', 'closed'] },
]

export function groupOf(state: ProposalState): StateGroup | null {
  return STATE_GROUPS.find((g) => g.states.includes(state)) ?? null
}

export function categoryName(category: string): string {
  return (PROPOSAL_CATEGORY_NAMES as Record<string, string>)[category] ?? '其他'
}

export interface CosignProgress {
  count: number
  threshold: number
  /** 0–100, for the bar. */
  percent: number
  remaining: number
  reached: boolean
  /** "3 / 5 人附议" */
  text: string
  /** "还差 2 人" or "人数已够" */
  hint: string
}

/** How far a proposal is towards its co-sign threshold. */
export function cosignProgress(count: number, threshold: number): CosignProgress {
  const c = Math.max(0, Math.floor(Number.isFinite(count) ? count : 0))
  const t = Math.max(1, Math.floor(Number.isFinite(threshold) ? threshold : 1))
  const percent = Math.min(100, Math.round((c * 100) / t))
  const remaining = Math.max(0, t - c)
  return {
    count: c,
    threshold: t,
    percent,
    remaining,
    reached: remaining === 0,
    text: `${c} / ${t} 人附议`,
    hint: remaining > 0 ? `还差 ${remaining} 人` : '人数已够',
  }
}

/** "截止 11月30日 18:00", with what the deadline is for in this state; '' when there is none. */
export function deadlineText(item: Pick<ProposalListItem, 'state' | 'deadlineAt' | 'voteClosesAt'>): string {
  const at = item.state === 'voting' ? item.voteClosesAt ?? item.deadlineAt : item.deadlineAt
  if (!at) return ''
  const when = formatDateTime(at)
  switch (item.state) {
    case 'submitted':
      return `附议截止 ${when}`
    case 'voting':
      return `投票截止 ${when}`
    case 'completed':
      return `评议截止 ${when}`
    case 'implementing':
      // The planned date's end of day in Shanghai: show the date only, as the committee entered it.
      return `计划完成 ${formatDay(shanghaiDay(at))}`
    case 'referred':
      return `答复期限 ${when}`
    default:
      return `本阶段期限 ${when}`
  }
}

/** What residents see for a vote choice (the buttons and the published tally). */
export const VOTE_LABELS: Record<VoteChoice, string> = { for: '支持', against: '反对', abstain: '弃权' }

export const VOTE_RULE_TEXT = '每户一票，由本户第一位投票的家庭成员投出，截止前可以修改。'

/** "1,234.5 元" (money spent, 居务公开). */
export function formatYuan(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—'
  const fixed = (Math.round(value * 100) / 100).toFixed(2).replace(/\.?0+$/, '')
  const [whole, frac] = fixed.split('.')
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${grouped}${frac ? '.' + frac : ''} 元`
}

/** "2025年3月5日" from YYYY-MM-DD. */
export function formatDay(date: string | null | undefined): string {
  if (!date) return ''
  const d = dayjs(date)
  return d.isValid() ? d.format(d.year() === dayjs().year() ? 'M月D日' : 'YYYY年M月D日') : date
}

/** Extra lines of a timeline step from its details (referral, merge, vote, implementation…). */
export function transitionNotes(t: ProposalTransition, mergedIntoTitle?: string | null): string[] {
  const d = (t.details ?? {}) as Record<string, unknown>
  const out: string[] = []
  if (d.enteredByStaff) out.push('由居委会工作人员代为登记')
  if (typeof d.referTo === 'string') out.push(`转交：${REFERRAL_TARGET_NAMES[d.referTo as ReferralTarget] ?? d.referTo}`)
  if (t.to === 'merged') out.push(mergedIntoTitle ? `合并到：${mergedIntoTitle}` : '合并到另一条提案')
  if (t.to === 'screening' && t.actorRole === 'system') out.push('附议人数达到要求，自动交居委会审核')
  if (typeof d.closesAt === 'string') out.push(`投票截止：${formatDateTime(d.closesAt)}`)
  const tally = (d.tally ?? null) as { for?: number; against?: number; abstain?: number; turnout?: number; eligibleHouseholds?: number } | null
  if (tally && typeof tally.for === 'number') {
    out.push(
      `支持 ${tally.for} 户，反对 ${tally.against ?? 0} 户，弃权 ${tally.abstain ?? 0} 户` +
        (typeof tally.eligibleHouseholds === 'number' ? `（${tally.turnout ?? 0}/${tally.eligibleHouseholds} 户参与）` : ''),
    )
  }
  if (typeof d.minutes === 'string' && d.minutes) out.push(`居民代表会议纪要：${d.minutes}`)
  if (typeof d.owner === 'string') out.push(`实施负责人：${d.owner}`)
  if (typeof d.plannedDate === 'string') out.push(`计划完成：${formatDay(d.plannedDate)}`)
  if (typeof d.budgetPlanned === 'number') out.push(`预算：${formatYuan(d.budgetPlanned)}`)
  return out
}

/** A referral's own step on the timeline (the state stays 已转办). */
export const REFERRAL_EVENT_TITLES: Record<ReferralEventKind, string> = { accepted: '已接收转办', answered: '已答复' }

/** The actor of a timeline step, as residents may see it. */
export function actorText(t: ProposalTransition): string {
  if (t.actorRole === 'system') return '系统自动'
  return t.actorLabel
}
