// Where a proposal stands on its whole road (process.md: 提出 → 附议 → 审核立项 → 协商 → 表决 → 实施 → 评议):
// which steps are done (and when), which is the current one (with its time limit and days left), which are
// still ahead, and where a proposal left the road (未受理, 撤回, 合并, 过期, 未通过). Pure, shared by the
// app's step view and the server, derived from the state, the timeline and the current deadline.
import type { ProposalState } from './proposals'

export type RoadStepKey = 'raise' | 'cosign' | 'screen' | 'deliberate' | 'decide' | 'implement' | 'evaluate'

/** done; now (the current step); ahead (still to come); stopped (the proposal left the road here); skipped (never reached). */
export type RoadStepStatus = 'done' | 'now' | 'ahead' | 'stopped' | 'skipped'

export interface RoadStep {
  key: RoadStepKey
  name: string
  /** What the step is, in a sentence a resident reads. */
  text: string
  status: RoadStepStatus
  /** When the step was finished (done), or when the proposal left the road there (stopped). */
  at: string | null
  /** The current step's time limit (now only; null when the step has none). */
  deadlineAt: string | null
  /** Whole days until the time limit: 0 on its last day, negative once past it (now only). */
  daysLeft: number | null
  /** Why it stopped, or a side path the current step is on (已转办). */
  note: string | null
}

export const ROAD_STEPS: { key: RoadStepKey; name: string; text: string }[] = [
  { key: 'raise', name: '提出', text: '居民提出提案' },
  { key: 'cosign', name: '附议', text: '邻居附议，人数够了交居委会' },
  { key: 'screen', name: '审核立项', text: '居委会审核，立为议题' },
  { key: 'deliberate', name: '协商', text: '听证会、协调会，听取各方意见' },
  { key: 'decide', name: '表决', text: '住户投票或居民代表会议表决' },
  { key: 'implement', name: '实施', text: '落实办理，公开进展' },
  { key: 'evaluate', name: '评议', text: '居民评一评效果，然后结项' },
]

/** The step a proposal is on once it has entered `state` (closed: past the last step). */
const STEP_OF: Record<ProposalState, number> = {
  submitted: 1,
  screening: 2,
  accepted: 3,
  deliberating: 3,
  voting: 4,
  approved: 5,
  declined: 4,
  implementing: 5,
  completed: 6,
  closed: 7,
  // Exits and the referral side path: the step they left from (the timeline says; these are fallbacks).
  rejected: 2,
  merged: 1,
  withdrawn: 1,
  expired: 1,
  referred: 2,
}

const EXIT_NOTES: Partial<Record<ProposalState, string>> = {
  rejected: '居委会未受理',
  merged: '已与相似提案合并办理',
  withdrawn: '提案人已撤回',
  expired: '附议人数未达到要求，已过期',
  declined: '表决未通过',
}

export interface RoadFacts {
  state: ProposalState
  createdAt: string
  /** The current state's time limit (ProposalListItem.deadlineAt). */
  deadlineAt: string | null
  /** Changes of state, oldest first; referral events (from = to) are ignored. */
  timeline: { from: ProposalState | null; to: ProposalState; at: string }[]
  /** For 已转办: who it went to ("物业公司"). */
  referredTo?: string | null
}

const DAY = 86_400_000

/** Whole days from `now` to `deadline`, 0 within its last day, negative once past. */
export function daysLeft(deadline: string, now: Date): number {
  const ms = Date.parse(deadline) - now.getTime()
  return ms >= 0 ? Math.floor(ms / DAY) : -Math.ceil(-ms / DAY)
}

/** The whole road of one proposal at `now`. */
export function proposalRoad(f: RoadFacts, now: Date): RoadStep[] {
  const steps: RoadStep[] = ROAD_STEPS.map((s) => ({ ...s, status: 'ahead', at: null, deadlineAt: null, daysLeft: null, note: null }))
  steps[0].status = 'done'
  steps[0].at = f.createdAt
  const moves = f.timeline.filter((t) => t.from !== t.to)
  // Entering a state finishes every step before the one it is on (the first time only).
  for (const t of moves) {
    if (EXIT_NOTES[t.to] && t.to !== 'declined') continue
    for (let i = 0; i < Math.min(STEP_OF[t.to], steps.length); i++) {
      if (steps[i].status !== 'done') Object.assign(steps[i], { status: 'done', at: t.at })
    }
  }
  const entered = [...moves].reverse().find((t) => t.to === f.state)
  const from = entered?.from ?? null
  const exit = EXIT_NOTES[f.state]
  if (exit) {
    // 未通过 stops at 表决 whether the households voted or the 居民代表会议 decided.
    const at = f.state === 'declined' || !from ? STEP_OF[f.state] : STEP_OF[from]
    Object.assign(steps[at], { status: 'stopped', at: entered?.at ?? null, note: exit })
    for (let i = at + 1; i < steps.length; i++) steps[i].status = 'skipped'
    // Anything between the last step done and the exit was never taken either.
    for (let i = 1; i < at; i++) if (steps[i].status !== 'done') steps[i].status = 'skipped'
    return steps
  }
  const current = f.state === 'referred' && from ? STEP_OF[from] : STEP_OF[f.state]
  if (current >= steps.length) return steps
  const now_ = steps[current]
  now_.status = 'now'
  now_.at = null
  now_.deadlineAt = f.deadlineAt
  now_.daysLeft = f.deadlineAt ? daysLeft(f.deadlineAt, now) : null
  if (f.state === 'referred') now_.note = `已转办${f.referredTo ? `至${f.referredTo}` : ''}，等待答复`
  if (f.state === 'accepted') now_.note = '已立项，等待居委会启动协商'
  if (f.state === 'approved') now_.note = '表决通过，等待开始实施'
  for (let i = current + 1; i < steps.length; i++) Object.assign(steps[i], { status: 'ahead', at: null })
  return steps
}
