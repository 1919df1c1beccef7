// Who may upload, read and decide on media. Pure: callers load the row, then ask, and throw the refusal.
import type { MediaStatus } from '../../types'
import { isStaff, isStaffFor, type Principal } from '../accounts'
import { AppError, conflict, forbidden } from '../core/errors'

export type Refusal = AppError | null

export function deny(refusal: Refusal): void {
  if (refusal) throw refusal
}

/** What the policy needs of a stored upload. */
export interface MediaFacts {
  uploader_id: number
  status: MediaStatus
  neighbourhood_id: number | null
  street_id: number | null
}

/** Verified residents, staff and referees (物业 answering with photos) upload; a stranger does not. */
export function uploadRefusal(p: Principal): Refusal {
  if (p.residence || isStaff(p) || p.referees.length > 0) return null
  return forbidden('认证居民或工作人员才能上传照片和文件')
}

/** The 居委会 of the uploader's 居民区, or an admin of its 街镇. */
export function isCommitteeFor(p: Principal, m: MediaFacts): boolean {
  return isStaffFor(p, [m.neighbourhood_id, m.street_id].filter((id): id is number => id !== null))
}

/** Same answer for a missing upload and one the caller may not see: its existence is not theirs to learn. */
export const unseen = () => new AppError(404, 'not_found', '照片或文件不存在，或您无权查看')

/**
 * Reading an upload: its uploader always; while pending or rejected, the committee too; once visible,
 * whoever may read something it is attached to (`ownerReadable`, asked only when needed).
 */
export async function readRefusal(p: Principal, m: MediaFacts, ownerReadable: () => Promise<boolean>): Promise<Refusal> {
  if (m.uploader_id === p.userId) return null
  if (m.status !== 'visible') return isCommitteeFor(p, m) ? null : unseen()
  return (await ownerReadable()) ? null : unseen()
}

export type Decision = 'release' | 'reject'

/** A committee member of the upload's 居民区 (or its 街镇's admin) releases or rejects it, once. */
export function decideRefusal(p: Principal, m: MediaFacts, decision: Decision): Refusal {
  if (!isCommitteeFor(p, m)) return forbidden('只有居委会可以审核照片和文件')
  const target: MediaStatus = decision === 'release' ? 'visible' : 'rejected'
  if (m.status === target) return conflict('media_already_decided', decision === 'release' ? '已经放行' : '已经驳回')
  return null
}

/** Attaching: only one's own uploads, and none that was rejected. */
export function attachRefusal(p: Principal | { userId: number }, m: MediaFacts, o = { noun: '照片', field: 'photos' }): Refusal {
  if (m.uploader_id !== p.userId) return new AppError(400, 'invalid_input', `只能附上自己上传的${o.noun}`, o.field)
  if (m.status === 'rejected') return new AppError(400, 'invalid_input', `有${o.noun}未通过审核，请删除后再提交`, o.field)
  return null
}
