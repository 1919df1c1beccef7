// GET /api/reports[/street][/download]: the 台账 of a 居民区, or of every 居民区 of a 街镇, as JSON or as
// a file. A download is a staff act on the record: it is logged.
import type { Ledger, LedgerPeriod, StreetLedger } from '../../../types'
import { parseLedgerPeriod } from '../../../types'
import { shanghaiYear } from '../../../types/time'
import { logModeration } from '../../core/audit'
import { badInput } from '../../core/errors'
import { unitInfo, XLSX_TYPE, type Reader, type UnitInfo } from '../../surveys'
import { comparisonTable, ledgerTables, streetTables } from '../layout'
import { ledgerPdf, streetLedgerPdf } from '../pdf'
import { defaultUnit, ledgerRefusal, streetLedgerRefusal } from '../policy'
import { asOfFor, comparisonRows, ledgerWindow } from '../rules'
import { ledgerWorkbook } from '../xlsx'
import { buildLedger } from './ledger'

export interface LedgerQuery {
  unitId?: number
  period?: string
}

export type LedgerFormat = 'xlsx' | 'pdf'

export interface LedgerFile {
  name: { ascii: string; display: string }
  ext: LedgerFormat
  type: string
  body: Buffer
}

/** The period asked for, or this year in Shanghai. */
function periodOf(r: Reader, id: string | undefined): LedgerPeriod {
  const p = parseLedgerPeriod(id ?? shanghaiYear(r.clock()))
  if (!p) throw badInput('period', '统计期应写成 2026、2026-H1、2026-Q3 或 2026-05')
  return p
}

async function unitFor(r: Reader, unitId: number | undefined, refusal: typeof ledgerRefusal): Promise<UnitInfo> {
  const id = defaultUnit(r.principal, unitId)
  if (id === undefined) throw badInput('unitId', '请选择居民区')
  const unit = await unitInfo(r.db, id)
  const refused = refusal(r.principal, unit)
  if (refused) throw refused
  return unit!
}

export async function neighbourhoodLedger(r: Reader, q: LedgerQuery): Promise<Ledger> {
  const unit = await unitFor(r, q.unitId, ledgerRefusal)
  return buildLedger(r.db, unit, periodOf(r, q.period), r.clock())
}

export async function streetLedger(r: Reader, q: LedgerQuery): Promise<StreetLedger> {
  const street = await unitFor(r, q.unitId, streetLedgerRefusal)
  const period = periodOf(r, q.period)
  const units = await r.db.selectFrom('units').select(['id', 'name']).where('parent_id', '=', street.id).where('level', '=', 'neighbourhood').orderBy('id').execute()
  // One after another: each 居民区's index is a heavy computation, and the machine is shared.
  const ledgers: Ledger[] = []
  for (const u of units) ledgers.push(await buildLedger(r.db, u, period, r.clock()))
  return {
    unit: { id: street.id, name: street.name },
    period,
    asOf: asOfFor(ledgerWindow(period), r.clock()),
    neighbourhoods: units.map((u) => ({ id: u.id, name: u.name })),
    rows: comparisonRows(ledgers),
    ledgers,
  }
}

const PDF_TYPE = 'application/pdf'

/** Logs the download on the 居民区 (or the 街镇) it concerns: who took which 台账 when. */
async function logDownload(r: Reader, unitId: number, what: string) {
  await r.db.transaction().execute((trx) =>
    logModeration(trx, { actorId: r.principal.userId, action: 'report.download', targetType: 'report', targetId: unitId, unitId, reason: what }),
  )
}

export async function downloadLedger(r: Reader, q: LedgerQuery & { format?: LedgerFormat }): Promise<LedgerFile> {
  const ledger = await neighbourhoodLedger(r, q)
  const ext = q.format ?? 'xlsx'
  const display = `台账-${ledger.unit.name}-${ledger.period.label}`
  const body = ext === 'pdf' ? await ledgerPdf(ledger) : await ledgerWorkbook(ledgerTables(ledger), display)
  await logDownload(r, ledger.unit.id, `${ledger.period.label} ${ext}`)
  return { name: { ascii: `ledger-${ledger.unit.id}-${ledger.period.id}`, display }, ext, type: ext === 'pdf' ? PDF_TYPE : XLSX_TYPE, body }
}

export async function downloadStreetLedger(r: Reader, q: LedgerQuery & { format?: LedgerFormat }): Promise<LedgerFile> {
  const street = await streetLedger(r, q)
  const ext = q.format ?? 'xlsx'
  const display = `台账-${street.unit.name}-${street.period.label}`
  const body = ext === 'pdf' ? await streetLedgerPdf(street) : await ledgerWorkbook([comparisonTable(street), ...streetTables(street)], display)
  await logDownload(r, street.unit.id, `${street.period.label} ${ext}`)
  return { name: { ascii: `ledger-street-${street.unit.id}-${street.period.id}`, display }, ext, type: ext === 'pdf' ? PDF_TYPE : XLSX_TYPE, body }
}
