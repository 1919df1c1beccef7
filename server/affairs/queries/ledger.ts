// The ledger of a 居民区, one entry with its questions and corrections, and the committee's queue.
import type { Kysely } from 'kysely'
import type { AffairDetail, AffairEntry, AffairKind, AffairQuestion, AffairsLedger, AffairsQueue, SupervisorCandidate } from '../../../types'
import { AFFAIR_KINDS } from '../../../types'
import { isStaffFor, privacyLabel } from '../../accounts'
import { maskPersonalInfo } from '../../content'
import { badInput, notFound } from '../../core/errors'
import type { Database } from '../../db/schema'
import { photosFor } from '../../media'
import { neighbourhoodOf, unitInfo, type UnitInfo } from '../../surveys'
import type { Reader } from '../context'
import { deny, manageRefusal, readRefusal } from '../policy'
import { parseKey } from '../rules'
import { SOURCES, type SourceEntry } from './sources'

type Q = Kysely<Database>

export interface LedgerQuery {
  unitId?: number
  year?: string
  kind?: AffairKind
}

/** The 居民区 asked for, else the caller's own (their home, or the one they serve). */
async function neighbourhoodFor(r: Reader, unitId: number | undefined): Promise<UnitInfo> {
  const p = r.principal
  const id = unitId ?? (p.residence ? neighbourhoodOf(p.residence.chain) : p.grants.find((g) => g.role === 'moderator')?.unitId)
  if (id === undefined) throw badInput('unitId', '请选择居民区')
  const unit = await unitInfo(r.db, id)
  if (!unit || unit.level !== 'neighbourhood') throw badInput('unitId', '居务公开按居民区查看，请选择一个居民区')
  return unit
}

/** The 居民区 the caller may read (403 otherwise). */
export async function readableNeighbourhood(r: Reader, unitId: number | undefined): Promise<UnitInfo> {
  const unit = await neighbourhoodFor(r, unitId)
  deny(readRefusal(r.principal, unit.chain))
  return unit
}

/** The 居民区 the caller's committee keeps (403 otherwise). */
export async function managedNeighbourhood(r: Reader, unitId: number | undefined): Promise<UnitInfo> {
  const unit = await neighbourhoodFor(r, unitId)
  deny(manageRefusal(r.principal, unit.chain))
  return unit
}

export async function isSupervisor(db: Q, neighbourhoodId: number, userId: number): Promise<boolean> {
  const row = await db
    .selectFrom('affairs_supervisors')
    .select('id')
    .where('neighbourhood_id', '=', neighbourhoodId)
    .where('user_id', '=', userId)
    .where('removed_at', 'is', null)
    .executeTakeFirst()
  return row !== undefined
}

/** Adds to each entry its corrections and how many questions and open flags it has. */
async function withFollowUps(db: Q, neighbourhoodId: number, entries: SourceEntry[]): Promise<(AffairEntry & { photos: number[] })[]> {
  const [corrections, questions] = await Promise.all([
    db.selectFrom('affairs_entries').select(['id', 'corrects']).where('neighbourhood_id', '=', neighbourhoodId).where('kind', '=', 'correction').orderBy('id').execute(),
    db
      .selectFrom('affairs_questions')
      .select(['entry_key', 'kind', 'answered_at'])
      .where('neighbourhood_id', '=', neighbourhoodId)
      .execute(),
  ])
  const correctedBy = new Map<string, string[]>()
  for (const c of corrections) if (c.corrects) correctedBy.set(c.corrects, [...(correctedBy.get(c.corrects) ?? []), `correction-${c.id}`])
  return entries.map(({ neighbourhoodId: _n, ...e }) => ({
    ...e,
    correctedBy: correctedBy.get(e.key) ?? [],
    questions: questions.filter((q) => q.entry_key === e.key && q.kind === 'question' && q.answered_at !== null).length,
    openFlags: questions.filter((q) => q.entry_key === e.key && q.kind === 'flag' && q.answered_at === null).length,
  }))
}

const newestFirst = (a: { date: string; key: string }, b: { date: string; key: string }) => b.date.localeCompare(a.date) || b.key.localeCompare(a.key)

/** Every entry of a 居民区 (of a year and a kind, when asked), newest first. */
export async function entriesOf(db: Q, neighbourhoodId: number, q: { year?: string; kind?: AffairKind } = {}): Promise<(AffairEntry & { photos: number[] })[]> {
  const kinds = q.kind ? [q.kind] : AFFAIR_KINDS
  const all = (await Promise.all(kinds.map((k) => SOURCES[k](db, { neighbourhoodId })))).flat()
  const inYear = q.year ? all.filter((e) => e.date.startsWith(`${q.year}-`)) : all
  return (await withFollowUps(db, neighbourhoodId, inYear)).sort(newestFirst)
}

async function supervisorsOf(db: Q, neighbourhoodId: number) {
  const rows = await db
    .selectFrom('affairs_supervisors')
    .select(['id', 'label', 'appointed_at'])
    .where('neighbourhood_id', '=', neighbourhoodId)
    .where('removed_at', 'is', null)
    .orderBy('id')
    .execute()
  return rows.map((r) => ({ id: r.id, label: r.label, appointedAt: r.appointed_at }))
}

/** GET /api/affairs */
export async function ledger(r: Reader, q: LedgerQuery): Promise<AffairsLedger> {
  const unit = await readableNeighbourhood(r, q.unitId)
  const [entries, supervisors, supervisor] = await Promise.all([
    entriesOf(r.db, unit.id, q),
    supervisorsOf(r.db, unit.id),
    isSupervisor(r.db, unit.id, r.principal.userId),
  ])
  return {
    neighbourhood: { id: unit.id, name: unit.name },
    entries: entries.map(({ photos: _p, ...e }) => e),
    supervisors,
    isSupervisor: supervisor,
    isCommittee: isStaffFor(r.principal, unit.chain),
  }
}

/** One entry by key, whatever 居民区 it is of (404 for a key that names nothing). */
export async function loadEntry(db: Q, key: string): Promise<SourceEntry> {
  const found = await findEntry(db, key)
  if (!found) throw notFound('这条居务公开记录')
  return found
}

async function findEntry(db: Q, key: string): Promise<SourceEntry | undefined> {
  const k = parseKey(key)
  return k ? (await SOURCES[k.kind](db, { id: k.id }))[0] : undefined
}

/** An entry the caller may read, with the 居民区 it belongs to. */
export async function readableEntry(r: Reader, key: string): Promise<{ entry: SourceEntry; unit: UnitInfo }> {
  const entry = await loadEntry(r.db, key)
  const unit = (await unitInfo(r.db, entry.neighbourhoodId))!
  deny(readRefusal(r.principal, unit.chain))
  return { entry, unit }
}

function questionOf(r: Reader, committee: boolean) {
  return (q: { id: number; entry_key: string; kind: 'question' | 'flag'; author_label: string; body: string; answer: string | null; answered_at: string | null; created_at: string; user_id: number }): AffairQuestion => ({
    id: q.id,
    entryKey: q.entry_key,
    kind: q.kind,
    authorLabel: q.author_label,
    body: committee ? q.body : maskPersonalInfo(q.body),
    answer: q.answer,
    answeredAt: q.answered_at,
    createdAt: q.created_at,
    isMine: q.user_id === r.principal.userId,
  })
}

/** GET /api/affairs/entries/:key */
export async function entryDetail(r: Reader, key: string): Promise<AffairDetail> {
  const { entry, unit } = await readableEntry(r, key)
  const committee = isStaffFor(r.principal, unit.chain)
  const [mine, questions, supervisor] = await Promise.all([
    withFollowUps(r.db, unit.id, [entry]),
    r.db
      .selectFrom('affairs_questions')
      .selectAll()
      .where('neighbourhood_id', '=', unit.id)
      .where('entry_key', '=', entry.key)
      .orderBy('id')
      .execute(),
    isSupervisor(r.db, unit.id, r.principal.userId),
  ])
  const [full] = mine
  // Related: the entries correcting this one, and the one it corrects.
  const relatedKeys = [...full.correctedBy, ...(full.corrects ? [full.corrects] : [])]
  const related = relatedKeys.length > 0 ? await withFollowUps(r.db, unit.id, await Promise.all(relatedKeys.map((k) => loadEntry(r.db, k)))) : []
  // A question is public once answered (the committee has read it); a flag is public at once. Each asker sees their own.
  const visible = questions.filter((q) => q.kind === 'flag' || q.answered_at !== null || q.user_id === r.principal.userId || committee)
  const photos = await photosFor(r.db, { userId: r.principal.userId, committee }, full.photos)
  const { photos: _p, ...shown } = full
  return {
    entry: shown,
    neighbourhood: { id: unit.id, name: unit.name },
    questions: visible.map(questionOf(r, committee)),
    related: related.map(({ photos: _q, ...e }) => e),
    photos: photos.map((p) => ({ id: p.id, url: p.url, thumbUrl: p.thumbUrl })),
    noticeUrl: `/api/affairs/entries/${entry.key}/notice`,
    isSupervisor: supervisor,
    isCommittee: committee,
  }
}

/** GET /api/affairs/queue: unanswered questions and flags of the committee's 居民区, oldest first. */
export async function questionQueue(r: Reader, unitId: number | undefined): Promise<AffairsQueue> {
  const unit = await managedNeighbourhood(r, unitId)
  const rows = await r.db
    .selectFrom('affairs_questions')
    .selectAll()
    .where('neighbourhood_id', '=', unit.id)
    .where('answered_at', 'is', null)
    .orderBy('id')
    .limit(200)
    .execute()
  const titles = new Map<string, string>()
  for (const key of new Set(rows.map((q) => q.entry_key))) titles.set(key, (await findEntry(r.db, key))?.title ?? '（记录已不公开）')
  return { items: rows.map((q) => ({ ...questionOf(r, true)(q), entryTitle: titles.get(q.entry_key) ?? '' })) }
}

/** GET /api/affairs/supervisors/candidates: the verified residents a committee may appoint. */
export async function supervisorCandidates(r: Reader, unitId: number | undefined): Promise<SupervisorCandidate[]> {
  const unit = await managedNeighbourhood(r, unitId)
  const [rows, members] = await Promise.all([
    r.db
      .selectFrom('residences as re')
      .innerJoin('units as b', 'b.id', 're.building_id')
      .innerJoin('units as e', 'e.id', 'b.parent_id')
      .select(['re.user_id', 're.room', 'b.name as building', 'e.name as estate'])
      .where('e.parent_id', '=', unit.id)
      .where('re.status', '=', 'approved')
      .orderBy('re.id')
      .limit(500)
      .execute(),
    supervisorsOfUsers(r.db, unit.id),
  ])
  return rows.map((x) => ({
    userId: x.user_id,
    label: privacyLabel({ buildingName: x.building, isStaff: false }),
    buildingName: `${x.estate}${x.building}`,
    room: x.room,
    supervisorId: members.get(x.user_id) ?? null,
  }))
}

/** Current members: their membership id by user. */
async function supervisorsOfUsers(db: Q, neighbourhoodId: number): Promise<Map<number, number>> {
  const rows = await db.selectFrom('affairs_supervisors').select(['id', 'user_id']).where('neighbourhood_id', '=', neighbourhoodId).where('removed_at', 'is', null).execute()
  return new Map(rows.map((x) => [x.user_id, x.id]))
}
