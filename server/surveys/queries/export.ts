// A survey's results as rows for CSV and .xlsx: aggregates only (the same figures, with the same
// suppression, as GET /results for the committee). No row is a response; nothing names a person.
import { SURVEY_QUESTION_TYPE_NAMES, SURVEY_STATUS_NAMES, type SurveyResults } from '../../../types'
import { maskPersonalInfo } from '../../content'
import type { Reader } from '../context'
import type { Download, ExportFormat, Column, Row, Sheet } from '../tabular'
import { computeResults } from './results'
import { surveyToManage } from './surveys'

export const SURVEY_COLUMNS: Column[] = [
  { key: 'section', header: '部分', width: 12 },
  { key: 'id', header: '编号', width: 10 },
  { key: 'item', header: '项目', width: 40 },
  { key: 'part', header: '分项', width: 18 },
  { key: 'count', header: '人数' },
  { key: 'share', header: '占比', numFmt: '0.0%' },
  { key: 'points', header: '得分' },
  { key: 'max', header: '满分' },
  { key: 'low', header: '区间下限' },
  { key: 'high', header: '区间上限' },
  { key: 'note', header: '说明', width: 40 },
]

const SUPPRESSED_NOTE = (min: number) => `回答不足 ${min} 人，不予公布`
const REASON = { small_cell: '人数不足，不予公布', complementary: '为防止推算，一并隐藏' } as const
const STATUS_NOTE = { ok: '样本充足', insufficient_sample: '样本不足，结果暂定', no_data: '暂无有效问卷' } as const

export function surveyExportRows(r: SurveyResults): Row[] {
  const rows: Row[] = []
  const fact = (item: string, count: number | null, note: string | null = null, share: number | null = null) =>
    rows.push({ section: '概况', item, count, share, note })
  fact('问卷', null, r.title)
  fact('调查范围', null, r.unit.name)
  fact('状态', null, SURVEY_STATUS_NAMES[r.status])
  fact('回收问卷', r.responses.total)
  fact('线上填写', r.responses.app)
  fact('纸质问卷（代录）', r.responses.paper)
  fact('已认证居民', r.eligible.verifiedResidents)
  fact('已认证户数', r.eligible.verifiedHouseholds)
  fact('总户数', r.eligible.households)
  fact('线上参与率', null, '线上填写 / 已认证居民', r.responseRate)
  if (!r.available) fact('统计结果', null, r.unavailableReason ?? '问卷截止后公布')

  r.questions.forEach((q, i) => {
    const head = { section: '题目统计', id: q.questionId, item: `${i + 1}. ${q.text}（${SURVEY_QUESTION_TYPE_NAMES[q.type]}）` }
    if (q.suppressed) {
      rows.push({ ...head, count: q.answered, note: SUPPRESSED_NOTE(r.minCellSize) })
      return
    }
    if (q.texts) {
      rows.push({ ...head, count: q.answered, note: `开放题，共 ${q.texts.length} 条` })
      for (const text of q.texts) rows.push({ section: '开放题', id: q.questionId, item: q.text, note: maskPersonalInfo(text) })
      return
    }
    if (!q.distribution) {
      rows.push({ ...head, count: q.answered })
      return
    }
    rows.push({ ...head, part: '回答人数', count: q.answered, ...(q.mean !== undefined && q.mean !== null ? { points: q.mean, note: '均值' } : {}) })
    for (const d of q.distribution) rows.push({ ...head, part: d.label, count: d.count, share: d.share })
  })

  for (const ins of r.instruments) {
    const s = ins.score
    if (!s) {
      rows.push({ section: '指标得分', id: ins.instrumentId, item: ins.name, note: SUPPRESSED_NOTE(r.minCellSize) })
      continue
    }
    rows.push({
      section: '指标得分',
      id: ins.instrumentId,
      item: ins.name,
      count: s.n,
      points: s.points,
      max: s.maxPoints,
      low: s.interval?.points[0] ?? null,
      high: s.interval?.points[1] ?? null,
      note: [
        STATUS_NOTE[s.status],
        s.requiredN !== null ? `需要 ${s.requiredN} 份` : null,
        s.alpha !== null ? `信度 α=${s.alpha.toFixed(2)}` : null,
        s.weighted ? '按楼组户数加权' : '未加权',
      ]
        .filter(Boolean)
        .join('；'),
    })
    for (const [section, groups] of [
      ['楼组得分', ins.byBuilding],
      ['房屋类型得分', ins.byHousingType],
    ] as const) {
      for (const g of groups) {
        const sg = g.score
        rows.push(
          sg.suppressed
            ? { section, id: ins.instrumentId, item: ins.name, part: g.label, note: REASON[sg.reason] }
            : {
                section,
                id: ins.instrumentId,
                item: ins.name,
                part: g.label,
                count: sg.n,
                points: sg.points,
                max: s.maxPoints,
                low: sg.interval.points[0],
                high: sg.interval.points[1],
              },
        )
      }
    }
  }
  if (r.responseNote) rows.push({ section: '整改反馈', item: '居委会的回应', note: r.responseNote.text })
  return rows
}

/** The workbook: one sheet per part, the same columns; the CSV is all rows in one table. */
export function surveySheets(r: SurveyResults): { sheets: Sheet[]; csv: Sheet } {
  const rows = surveyExportRows(r)
  const sections = [...new Set(rows.map((row) => row.section as string))]
  return {
    sheets: sections.map((name) => ({ name, columns: SURVEY_COLUMNS.slice(1), rows: rows.filter((row) => row.section === name) })),
    csv: { name: '问卷结果', columns: SURVEY_COLUMNS, rows },
  }
}

/** GET /api/surveys/:id/export: the committee's figures as a download. */
export async function exportSurvey(r: Reader, id: number, format: ExportFormat): Promise<Download> {
  const { row } = await surveyToManage(r, id)
  const results = await computeResults(r.db, row, r.clock(), { staff: true })
  const { sheets, csv } = surveySheets(results)
  return { format, name: { ascii: `survey-${row.id}`, display: `问卷结果-${row.title}` }, sheets, csv }
}
