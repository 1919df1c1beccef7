// The 台账's parts as tables, once: the .xlsx writes each as a sheet (typed cells) and the PDF draws each
// under its heading. Pure.
import type { Ledger, StreetLedger } from '../../types'

/** How a column's values read: its cell type in the workbook and its text in the PDF. */
export type ColumnKind = 'text' | 'count' | 'days' | 'rate' | 'yuan' | 'points' | 'date'

export interface LedgerColumn {
  key: string
  header: string
  kind: ColumnKind
  /** Relative width (characters in the workbook; shares of the line in the PDF). */
  width: number
}

export type LedgerCell = string | number | null

export interface LedgerTable {
  /** The sheet's name. */
  name: string
  /** The heading in the PDF. */
  title: string
  columns: LedgerColumn[]
  /** Date columns hold ISO instants or 'YYYY-MM-DD' days. */
  rows: Record<string, LedgerCell>[]
  /** When set, each row's figures (every column after the first) are of the row's kind, not the column's. */
  rowKinds?: ColumnKind[]
}

/** The kind of one cell: its row's when the table types by row, else its column's. */
export const cellKind = (t: LedgerTable, row: number, column: number): ColumnKind => (t.rowKinds && column > 0 ? t.rowKinds[row] : t.columns[column].kind)

const col = (key: string, header: string, kind: ColumnKind, width = kind === 'text' ? 24 : 12): LedgerColumn => ({ key, header, kind, width })

const yesNoDecision = (d: 'approved' | 'declined' | null) => (d === 'approved' ? '通过' : d === 'declined' ? '未通过' : null)

export function ledgerTables(l: Ledger): LedgerTable[] {
  const p = l.participation
  return [
    {
      name: '会议统计',
      title: '一、会议召开情况',
      columns: [col('name', '会议类型', 'text', 16), col('count', '次数', 'count'), col('attendance', '参加人次', 'count')],
      rows: l.meetings.counts.map((c) => ({ name: c.name, count: c.count, attendance: c.attendance })),
    },
    {
      name: '会议明细',
      title: '会议明细',
      columns: [col('heldOn', '日期', 'date'), col('kind', '会议类型', 'text', 14), col('proposal', '议题（提案）', 'text', 30), col('place', '地点', 'text', 18), col('attendance', '参加人数', 'count', 10)],
      rows: l.meetings.list.map((m) => ({ heldOn: m.heldOn, kind: m.kindName, proposal: `#${m.proposalId} ${m.proposalTitle}`, place: m.place, attendance: m.attendance })),
    },
    {
      name: '提案进度',
      title: '二、提案办理情况',
      columns: [col('name', '阶段', 'text', 14), col('count', '本期件数', 'count'), col('from', '天数起算', 'text', 12), col('medianDays', '中位天数', 'days')],
      rows: l.proposals.stages.map((s) => ({ name: s.name, count: s.count, from: s.from, medianDays: s.medianDays })),
    },
    {
      name: '提案明细',
      title: '提案明细',
      columns: [
        col('id', '编号', 'count', 8),
        col('title', '提案', 'text', 28),
        col('state', '期末状态', 'text', 12),
        col('raisedAt', '提出日期', 'date'),
        col('decidedAt', '决定日期', 'date'),
        col('decision', '决定', 'text', 8),
        col('implementedAt', '实施完成', 'date'),
        col('evaluatedAt', '评议结项', 'date'),
        col('daysOverdue', '超期天数', 'days', 10),
      ],
      rows: l.proposals.list.map((r) => ({
        id: r.id,
        title: r.title,
        state: r.stateName,
        raisedAt: r.raisedAt,
        decidedAt: r.decidedAt,
        decision: yesNoDecision(r.decision),
        implementedAt: r.implementedAt,
        evaluatedAt: r.evaluatedAt,
        daysOverdue: r.daysOverdue,
      })),
    },
    {
      name: '居民参与',
      title: '三、居民参与情况',
      columns: [col('name', '项目', 'text', 22), col('part', '数量', 'count'), col('whole', '总数', 'count'), col('rate', '比例', 'rate')],
      rows: [
        { name: '已认证户 / 总户数', part: p.verifiedHouseholds, whole: p.households, rate: p.verifiedRate },
        { name: '投票户数 / 应投户数', part: sum(p.votes.map((v) => v.ballots)), whole: sum(p.votes.map((v) => v.eligible)), rate: p.voteTurnout },
        { name: '问卷回收 / 调查户数', part: sum(p.surveys.map((s) => s.responses)), whole: sum(p.surveys.map((s) => s.households)), rate: p.surveyResponseRate },
        { name: '附议人次', part: p.cosigns, whole: null, rate: null },
        { name: '达到附议人数的提案', part: p.cosignThresholdsReached, whole: null, rate: null },
        { name: '议事厅发言', part: p.posts, whole: null, rate: null },
        { name: '有发言的议题', part: p.topicsWithPosts, whole: null, rate: null },
      ],
    },
    {
      name: '投票',
      title: '居民投票',
      columns: [col('id', '提案编号', 'count', 10), col('title', '提案', 'text', 28), col('closedAt', '结束日期', 'date'), col('ballots', '投票户数', 'count'), col('eligible', '应投户数', 'count'), col('rate', '参与率', 'rate'), col('result', '结果', 'text', 8)],
      rows: p.votes.map((v) => ({ id: v.proposalId, title: v.title, closedAt: v.closedAt, ballots: v.ballots, eligible: v.eligible, rate: v.rate, result: v.passed ? '通过' : '未通过' })),
    },
    {
      name: '问卷',
      title: '问卷回收',
      columns: [col('id', '问卷编号', 'count', 10), col('title', '问卷', 'text', 28), col('closedAt', '结束日期', 'date'), col('responses', '回收份数', 'count'), col('households', '调查户数', 'count'), col('rate', '回收率', 'rate')],
      rows: p.surveys.map((s) => ({ id: s.surveyId, title: s.title, closedAt: s.closedAt, responses: s.responses, households: s.households, rate: s.rate })),
    },
    {
      name: '资金',
      title: '四、资金使用情况',
      columns: [
        col('source', '来源', 'text', 12),
        col('title', '项目', 'text', 28),
        col('planned', '预算（元）', 'yuan', 14),
        col('spent', '累计支出（元）', 'yuan', 14),
        col('spentInPeriod', '本期支出（元）', 'yuan', 14),
        col('reportedAt', '最近报告', 'date'),
      ],
      rows: [
        ...l.money.lines.map((m) => ({ source: m.sourceName, title: `#${m.ref.id} ${m.title}`, planned: m.planned, spent: m.spent, spentInPeriod: m.spentInPeriod, reportedAt: m.reportedAt })),
        { source: '合计', title: null, planned: l.money.planned, spent: l.money.spent, spentInPeriod: l.money.spentInPeriod, reportedAt: null },
      ],
    },
    {
      name: '评估指标',
      title: `五、评估指标（${l.index.period.label}）`,
      columns: [col('level', '层级', 'text', 12), col('name', '指标', 'text', 20), col('max', '满分', 'points', 8), col('points', '得分', 'points', 10), col('source', '来源', 'text', 13), col('evidence', '依据', 'text', 43)],
      rows: l.index.items.map((i) => ({ level: i.level, name: i.name, max: i.max, points: i.points, source: i.source, evidence: i.evidence })),
    },
  ]
}

const sum = (values: number[]) => values.reduce((s, v) => s + v, 0)

/** The 街镇's comparison: one row per figure, one column per 居民区. */
export function comparisonTable(s: StreetLedger): LedgerTable {
  // A column holds one 居民区's figures of every kind: each cell is typed by its row.
  return {
    name: '各居民区对比',
    title: '各居民区对比',
    columns: [col('name', '项目', 'text', 22), ...s.neighbourhoods.map((n) => col(`nb${n.id}`, n.name, 'count', 14))],
    rows: s.rows.map((r) => ({ name: r.name, ...Object.fromEntries(s.neighbourhoods.map((n, i) => [`nb${n.id}`, r.values[i]])) })),
    rowKinds: s.rows.map((r) => r.unit),
  }
}

/** The same parts for the 街镇: each part's rows of every 居民区, the 居民区 first. */
export function streetTables(s: StreetLedger): LedgerTable[] {
  const perNeighbourhood = s.ledgers.map((l) => ({ name: l.unit.name, tables: ledgerTables(l) }))
  const first = perNeighbourhood[0]?.tables ?? []
  return first.map((t, i) => ({
    ...t,
    columns: [col('neighbourhood', '居民区', 'text', 14), ...t.columns],
    rows: perNeighbourhood.flatMap((n) => n.tables[i].rows.map((r) => ({ neighbourhood: n.name, ...r }))),
  }))
}
