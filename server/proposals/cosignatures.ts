// Co-signatures (附议): where they are added, taken back, carried over on a merge, and counted. The
// proposal's cosign_count moves with every change here, in the same transaction; reaching the threshold
// is reported to the caller, which moves the proposal to screening (transitions.ts).
import type { CosignResult, ProposalState } from '../../types'
import { compiled } from '../core/compiled'
import type { Trx } from '../core/db'
import { conflict } from '../core/errors'
import { loadRow, type ProposalRow, type Tx } from './rows'
import { buildingsIn } from './units'

export interface Signer {
  /** "u:<userId>", or "p:<building>:<room>" for a household's 代录 (rows stored before carry ":<name>" too). */
  key: string
  userId: number | null
  buildingId: number
  room: string | null
  enteredBy: number | null
}

export const ownSignerKey = (userId: number) => `u:${userId}`
export const proxySignerKey = (buildingId: number, room: string) => `p:${buildingId}:${room}`

/**
 * 代录 counts a household once, whoever of it came in: the signer keyed as the 代录 co-signature already
 * standing for this 楼组 and room (one stored with a name, before keys went by household), or as given.
 */
export async function householdSigner(trx: Trx, proposalId: number, s: Signer): Promise<Signer> {
  const standing = await trx
    .selectFrom('proposal_cosigns')
    .select('signer_key')
    .where('proposal_id', '=', proposalId)
    .where('user_id', 'is', null)
    .where('building_id', '=', s.buildingId)
    .where('room', '=', s.room)
    .orderBy('id')
    .executeTakeFirst()
  return standing ? { ...s, key: standing.signer_key } : s
}

/** Co-signers follow what they co-signed. */
async function follow(trx: Trx, proposalId: number, userIds: number[], iso: string): Promise<void> {
  const rows = userIds.map((user_id) => ({ proposal_id: proposalId, user_id, created_at: iso }))
  for (let i = 0; i < rows.length; i += 300) {
    await trx
      .insertInto('proposal_follows')
      .values(rows.slice(i, i + 300))
      .onConflict((oc) => oc.columns(['proposal_id', 'user_id']).doNothing())
      .execute()
  }
}

// A resident's co-signature is the hottest write: its statements are compiled once (core/compiled.ts).
const insertCosign = compiled(
  (db, v: { id: number; key: string; userId: number | null; buildingId: number; room: string | null; enteredBy: number | null; iso: string }) =>
    db
      .insertInto('proposal_cosigns')
      .values({ proposal_id: v.id, signer_key: v.key, user_id: v.userId, building_id: v.buildingId, room: v.room, entered_by: v.enteredBy, created_at: v.iso })
      .onConflict((oc) => oc.columns(['proposal_id', 'signer_key']).doNothing())
      .returning('id'),
)
const countCosign = compiled((db, v: { id: number; iso: string }) =>
  db
    .updateTable('proposals')
    .set((eb) => ({ cosign_count: eb('cosign_count', '+', 1), updated_at: v.iso }))
    .where('id', '=', v.id)
    .where('state', '=', 'submitted')
    .returning(['cosign_count', 'threshold']),
)

/**
 * Adds a co-signature while the proposal collects them. `added` is false if this signer had already
 * co-signed (nothing changes); `reached` is true once the new count meets the threshold; `counted` the new
 * count when one was added.
 */
export async function addCosign(
  tx: Tx,
  proposalId: number,
  s: Signer,
): Promise<{ added: boolean; reached: boolean; counted: { cosign_count: number; threshold: number } | null }> {
  const iso = tx.now.toISOString()
  const inserted = await insertCosign.first(tx.trx, { id: proposalId, key: s.key, userId: s.userId, buildingId: s.buildingId, room: s.room, enteredBy: s.enteredBy, iso })
  if (!inserted) return { added: false, reached: false, counted: null }
  // The count moves only while the proposal is still collecting: a concurrent transition rolls this back.
  const updated = await countCosign.first(tx.trx, { id: proposalId, iso })
  if (!updated) throw conflict('not_collecting', '这条提案已不在征集附议阶段')
  if (s.userId !== null) await follow(tx.trx, proposalId, [s.userId], iso)
  return { added: true, reached: updated.cosign_count >= updated.threshold, counted: updated }
}

/**
 * Takes a co-signature back (only while collecting): a resident's own, or a 代录 one by its id that the
 * committee entered by mistake. Returns the removed row's key and room, or undefined if there was none.
 */
export async function removeCosign(tx: Tx, p: ProposalRow, which: { userId: number } | { proxyId: number }): Promise<{ signer_key: string; room: string | null } | undefined> {
  const matching = tx.trx.deleteFrom('proposal_cosigns').where('proposal_id', '=', p.id)
  const deleted = await ('userId' in which
    ? matching.where('signer_key', '=', ownSignerKey(which.userId))
    : matching.where('id', '=', which.proxyId).where('user_id', 'is', null)
  )
    .returning(['signer_key', 'room'])
    .executeTakeFirst()
  if (!deleted) return undefined
  const updated = await tx.trx
    .updateTable('proposals')
    .set((eb) => ({ cosign_count: eb('cosign_count', '-', 1), updated_at: tx.now.toISOString() }))
    .where('id', '=', p.id)
    .where('state', '=', 'submitted')
    .returning('cosign_count')
    .executeTakeFirst()
  // A decrement, not a recount: it stays right beside concurrent co-signatures on PostgreSQL too. Below the
  // threshold is where a collecting proposal already is, so nothing else moves.
  if (!updated) throw conflict('not_collecting', '提案已进入下一阶段，附议不能再撤回')
  return deleted
}

/** The count, the threshold and whether `signerKey` is among the co-signers, as the cosign routes answer. */
export async function cosignResult(trx: Trx, id: number, signerKey: string): Promise<CosignResult> {
  const [p, mine] = await Promise.all([
    trx.selectFrom('proposals').select(['cosign_count', 'threshold', 'state']).where('id', '=', id).executeTakeFirstOrThrow(),
    trx.selectFrom('proposal_cosigns').select('id').where('proposal_id', '=', id).where('signer_key', '=', signerKey).executeTakeFirst(),
  ])
  return { cosigned: mine !== undefined, cosignCount: p.cosign_count, threshold: p.threshold, state: p.state as ProposalState }
}

/**
 * Merge: the source's co-signers (and its author) become co-signers of the target where they live in the
 * target's unit, and the target's count is recounted. Returns who to tell, and the target if the carried
 * co-signatures brought a collecting target to its threshold.
 */
export async function carryOver(
  tx: Tx,
  source: ProposalRow,
  targetId: number,
): Promise<{ targetTitle: string; cosignerIds: number[]; reached: ProposalRow | null }> {
  const { trx } = tx
  const target = await loadRow(trx, targetId)
  if (!target) throw conflict('merge_target_gone', '要合并到的提案不存在')
  const iso = tx.now.toISOString()
  const rows = await trx
    .selectFrom('proposal_cosigns')
    .select(['signer_key', 'user_id', 'building_id', 'room', 'entered_by'])
    .where('proposal_id', '=', source.id)
    .execute()
  const signers: Signer[] = rows.map((r) => ({ key: r.signer_key, userId: r.user_id, buildingId: r.building_id, room: r.room, enteredBy: r.entered_by }))
  if (source.author_id !== null) {
    signers.push({ key: ownSignerKey(source.author_id), userId: source.author_id, buildingId: source.author_building_id, room: null, enteredBy: null })
  }
  const eligible = new Set((await buildingsIn(trx, { id: target.unit_id, level: target.level })).map((b) => b.id))
  const carried = signers.filter((s) => eligible.has(s.buildingId) && (s.userId === null || s.userId !== target.author_id))
  for (let i = 0; i < carried.length; i += 200) {
    await trx
      .insertInto('proposal_cosigns')
      .values(
        carried.slice(i, i + 200).map((s) => ({
          proposal_id: target.id,
          signer_key: s.key,
          user_id: s.userId,
          building_id: s.buildingId,
          room: s.room,
          entered_by: s.enteredBy,
          created_at: iso,
        })),
      )
      .onConflict((oc) => oc.columns(['proposal_id', 'signer_key']).doNothing())
      .execute()
  }
  await follow(
    trx,
    target.id,
    carried.filter((s) => s.userId !== null).map((s) => s.userId!),
    iso,
  )
  const { n } = await trx
    .selectFrom('proposal_cosigns')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('proposal_id', '=', target.id)
    .executeTakeFirstOrThrow()
  const count = Number(n)
  await trx.updateTable('proposals').set({ cosign_count: count, updated_at: iso }).where('id', '=', target.id).execute()
  return {
    targetTitle: target.title,
    cosignerIds: signers.filter((s) => s.userId !== null).map((s) => s.userId!),
    reached: target.state === 'submitted' && count >= target.threshold ? { ...target, cosign_count: count } : null,
  }
}
