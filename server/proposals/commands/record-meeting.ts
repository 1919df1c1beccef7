import type { MeetingKind, ProposalMeeting } from '../../../types'
import { FILE_KINDS, MEETING_KIND_NAMES } from '../../../types'
import { attachFiles, filesFor } from '../../media'
import { notifyAudience } from '../audience'
import type { CommandContext } from '../context'
import { deny, manageRefusal, meetingDateRefusal, meetingRefusal } from '../policy'
import { readableProposal } from '../queries/detail'
import { loadRow, logStaffAct } from '../rows'
import type { MeetingInput } from '../schemas'

/** The committee records a 三会 meeting or a 居民代表会议 held on the proposal. */
export async function recordMeeting(ctx: CommandContext, id: number, b: MeetingInput): Promise<ProposalMeeting> {
  const v = ctx.viewer
  const row = await readableProposal(ctx.db, v, id)
  deny(manageRefusal(v, row))
  deny(meetingRefusal(row, b.heldOn))
  deny(meetingDateRefusal(row, b.heldOn, ctx.now))
  return ctx.write(async (tx) => {
    const { trx, now } = tx
    const iso = now.toISOString()
    const m = await trx
      .insertInto('proposal_meetings')
      .values({
        proposal_id: row.id,
        kind: b.kind,
        held_on: b.heldOn,
        place: b.place.trim(),
        attendance: b.attendance,
        minutes: b.minutes.trim(),
        decisions: b.decisions?.trim() || null,
        created_by: v.userId,
        created_at: iso,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    const files = await attachFiles(trx, { ids: b.files ?? [], userId: v.userId, owner: { kind: 'meeting', id: m.id }, now, kinds: FILE_KINDS, field: 'files' })
    await trx.updateTable('proposals').set({ updated_at: iso }).where('id', '=', row.id).execute()
    const p = (await loadRow(trx, row.id))!
    await notifyAudience(tx, p, 'proposal.meeting', `居委会记录了${MEETING_KIND_NAMES[b.kind]}（${b.heldOn}，${b.attendance} 人参加）`, {
      except: v.userId,
      status: '会议记录',
    })
    await logStaffAct(trx, v.userId, 'proposal.meeting', row)
    return {
      id: m.id,
      kind: m.kind as MeetingKind,
      heldOn: m.held_on,
      place: m.place,
      attendance: m.attendance,
      minutes: m.minutes,
      decisions: m.decisions,
      files: await filesFor(trx, { userId: v.userId, committee: true }, files),
      createdAt: m.created_at,
    }
  })
}
