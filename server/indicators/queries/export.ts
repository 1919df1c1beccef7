// The index as rows for CSV and .xlsx: every node with its points, the previous period's, the change,
// the source and the explanation; parts of sum leaves follow their leaf.
import type { IndexLeafResult, IndexNodeResult } from '../../../src/scoring'
import type { IndexReport, LeafProvenance } from '../../../types'
import type { Column, Download, ExportFormat, Reader, Row, Sheet } from '../../surveys'
import { neighbourhoodFor, periodOf, type NeighbourhoodQuery } from './neighbourhood'
import { buildReport } from './report'

const SOURCE_NAMES: Record<string, string> = { questionnaire: '问卷', platform: '平台记录', manual: '手工录入', mixed: '多来源' }
const LEVEL_NAMES = ['总分', '一级指标', '二级指标', '三级指标', '分项']

export const INDEX_COLUMNS: Column[] = [
  { key: 'id', header: '编号', width: 24 },
  { key: 'level', header: '层级', width: 10 },
  { key: 'name', header: '指标', width: 22 },
  { key: 'max', header: '满分', width: 8 },
  { key: 'points', header: '得分', width: 8 },
  { key: 'previous', header: '上期得分', width: 10 },
  { key: 'delta', header: '变化', width: 8 },
  { key: 'source', header: '来源', width: 10 },
  { key: 'missing', header: '缺少数据', width: 10 },
  { key: 'provisional', header: '暂定', width: 8 },
  { key: 'explanation', header: '计分说明', width: 60 },
  { key: 'evidence', header: '平台记录', width: 40 },
  { key: 'entered', header: '手工录入', width: 30 },
]

const percent = (share: number) => `${Math.round(share * 100)}%`

function provenanceText(p: Omit<LeafProvenance, 'parts'> | undefined): { evidence: string | null; entered: string | null } {
  if (!p) return { evidence: null, entered: null }
  const wave = p.questionnaire ?? p.held
  const about = wave ? `问卷“${wave.title}”（#${wave.surveyId}，${wave.closedAt.slice(0, 10)} 结束` : ''
  const evidence = p.questionnaire
    ? `${about}，有效问卷 ${p.questionnaire.n} 份，纸质占 ${percent(p.questionnaire.paperShare)}）`
    : p.held
      ? `${about}，未计入：${p.held.reason}）`
      : p.platform?.detail ?? null
  // Who entered it: a staff label, the date; never a resident.
  const entered = p.manual ? `${p.manual.enteredBy.label.replace(/ #\d+$/, '')} ${p.manual.enteredAt.slice(0, 10)}${p.manual.note ? `：${p.manual.note}` : ''}` : null
  return { evidence, entered }
}

export function indexExportRows(report: IndexReport): Row[] {
  const rows: Row[] = []
  const delta = new Map(report.deltas.map((d) => [d.id, d]))
  const yesNo = (b: boolean) => (b ? '是' : '否')
  const push = (node: IndexNodeResult | IndexLeafResult, depth: number, prov?: Omit<LeafProvenance, 'parts'>) => {
    const d = delta.get(node.id)
    const leaf = 'kind' in node ? node : null
    const { evidence, entered } = provenanceText(prov)
    rows.push({
      id: node.id,
      level: LEVEL_NAMES[depth],
      name: node.name,
      max: node.max,
      points: node.points,
      previous: d && depth <= 3 ? d.previousPoints : null,
      delta: d && depth <= 3 ? d.delta : null,
      source: leaf ? SOURCE_NAMES[leaf.source] ?? leaf.source : null,
      missing: leaf ? yesNo(leaf.missing) : null,
      provisional: leaf ? yesNo(leaf.provisional) : null,
      explanation: leaf ? leaf.explanation : null,
      evidence: evidence ?? leaf?.evidence ?? null,
      entered,
    })
  }
  const total = delta.get(report.result.id)
  rows.push({
    id: report.result.id,
    level: LEVEL_NAMES[0],
    name: `${report.unit.name} ${report.period.label}`,
    max: report.result.max,
    points: report.result.total,
    previous: total?.previousPoints ?? null,
    delta: total?.delta ?? null,
    explanation: `缺少数据 ${report.result.missing.length} 项；暂定 ${report.result.provisional.length} 项`,
  })
  const walk = (nodes: IndexNodeResult[], depth: number) => {
    for (const node of nodes) {
      if ('children' in node) {
        push(node, depth)
        walk(node.children, depth + 1)
        continue
      }
      const prov = report.provenance[node.id]
      push(node, depth, prov)
      for (const part of node.parts ?? []) push(part, 4, prov?.parts?.[part.id])
    }
  }
  walk(report.result.children, 1)
  return rows
}

export function indexSheets(report: IndexReport): { sheets: Sheet[]; csv: Sheet } {
  const rows = indexExportRows(report)
  const radar: Sheet = {
    name: '一级指标',
    columns: [
      { key: 'name', header: '一级指标', width: 14 },
      { key: 'max', header: '满分' },
      { key: 'points', header: `${report.period.label}得分` },
      { key: 'previous', header: `${report.previous.period.label}得分` },
    ],
    rows: report.radar.map((r, i) => ({ name: r.name, max: r.max, points: r.points, previous: report.previous.radar[i]?.points ?? null })),
  }
  const index: Sheet = { name: '评估指标', columns: INDEX_COLUMNS, rows }
  return { sheets: [index, radar], csv: index }
}

/** GET /api/indicators/export: the report as a download. */
export async function exportIndex(r: Reader, q: NeighbourhoodQuery & { format?: ExportFormat }): Promise<Download> {
  const unit = await neighbourhoodFor(r, q.unitId, 'indicators.read')
  const report = await buildReport(r.db, unit, periodOf(r, q.period))
  const { sheets, csv } = indexSheets(report)
  return {
    format: q.format ?? 'xlsx',
    name: { ascii: `index-${unit.id}-${report.period.id}`, display: `评估指标-${unit.name}-${report.period.label}` },
    sheets,
    csv,
  }
}
