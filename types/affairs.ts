// 居务公开: a 居民区's public ledger of what was decided, met, spent, answered and evaluated.

/** What an entry records. */
export type AffairKind = 'decision' | 'meeting' | 'spending' | 'fund' | 'referral' | 'survey' | 'evaluation' | 'correction'

export const AFFAIR_KINDS: readonly AffairKind[] = ['decision', 'meeting', 'spending', 'fund', 'referral', 'survey', 'evaluation', 'correction']

export const AFFAIR_KIND_NAMES: Record<AffairKind, string> = {
  decision: '决策结果',
  meeting: '会议记录',
  spending: '项目经费',
  fund: '自治金支出',
  referral: '转办答复',
  survey: '问卷结果',
  evaluation: '成效评价',
  correction: '更正',
}

/** Where an entry came from, for the app to link to. */
export interface AffairLink {
  kind: 'proposal' | 'survey'
  id: number
  title: string
}

export interface AffairEntry {
  /** Stable across reads: "<kind>-<id>", e.g. "meeting-12". */
  key: string
  kind: AffairKind
  /** The day it happened (Shanghai), 'YYYY-MM-DD'. */
  date: string
  title: string
  /** The record itself, lines of plain Chinese text (minutes, tallies, amounts). */
  lines: string[]
  /** Money in 元 where the entry is about money. */
  amount: number | null
  link: AffairLink | null
  /** The entry this one corrects. */
  corrects: string | null
  /** Keys of the corrections made to this entry, oldest first: it is 已更正 when there is one. */
  correctedBy: string[]
  questions: number
  /** Flags of the 居务监督委员会 not yet answered. */
  openFlags: number
}

export interface AffairSupervisor {
  id: number
  /** "3号楼居民": never a name or phone. */
  label: string
  appointedAt: string
}

export interface AffairsLedger {
  neighbourhood: { id: number; name: string }
  entries: AffairEntry[]
  supervisors: AffairSupervisor[]
  /** Whether the caller is on the 居务监督委员会 here (may flag an entry). */
  isSupervisor: boolean
  isCommittee: boolean
}

/** A resident's question, or a supervisor's flag, with the committee's public answer. */
export interface AffairQuestion {
  id: number
  entryKey: string
  kind: 'question' | 'flag'
  authorLabel: string
  body: string
  answer: string | null
  answeredAt: string | null
  createdAt: string
  isMine: boolean
}

export interface AffairPhoto {
  id: number
  url: string
  thumbUrl: string | null
}

export interface AffairDetail {
  entry: AffairEntry
  neighbourhood: { id: number; name: string }
  questions: AffairQuestion[]
  /** The entries that correct this one, and the one it corrects, as full entries. */
  related: AffairEntry[]
  photos: AffairPhoto[]
  /** The printable notice (PDF) of this entry. */
  noticeUrl: string
  isSupervisor: boolean
  isCommittee: boolean
}

/** The committee's queue: what residents asked and supervisors flagged, unanswered. */
export interface AffairsQueue {
  items: (AffairQuestion & { entryTitle: string })[]
}

/** A verified resident the committee may appoint, as the committee sees them. */
export interface SupervisorCandidate {
  userId: number
  label: string
  buildingName: string
  room: string
  /** Their membership of the 居务监督委员会 (to remove them), or null. */
  supervisorId: number | null
}

/** The 街镇's view: each 居民区's ledger in figures (GET /api/affairs/summary). */
export interface AffairsSummary {
  street: { id: number; name: string }
  year: string | null
  neighbourhoods: {
    id: number
    name: string
    /** Entries by kind. */
    entries: Partial<Record<AffairKind, number>>
    /** Questions and flags the 居委会 has not answered yet. */
    unanswered: number
    supervisors: number
  }[]
}
