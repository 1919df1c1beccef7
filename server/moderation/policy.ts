// Who may report, hide, restore, pin, mute and decide appeals, without I/O: callers load the
// principal, the post and the unit chain of its topic, then ask.
import type { PostStatus } from '../../types'
import { can, isStaff, isStaffFor, type Principal, type UnitChain } from '../accounts'
import { allowed, refused, type Check, type PostViewer } from '../discussions'

/** Residents report posts they read (not their own); staff act on a post directly instead. */
export function reportCheck(viewer: PostViewer, post: { author_id: number; status: PostStatus }): Check {
  if (viewer.isStaff) return refused('居委会成员可以直接处理这条发言，无需举报')
  if (post.status === 'deleted') return refused('发言不存在或已被删除', 404, 'not_found')
  if (post.author_id === viewer.userId) return refused('不能举报自己的发言', 409, 'own_post')
  return allowed
}

/** Who may hide, restore, approve, pin or unpin a post: the committee of its topic's 居民区 (or the 街镇). */
export function moderatePostCheck(p: Principal, chain: UnitChain): Check {
  return can(p, 'discussions.moderate', chain) ? allowed : refused('只有本居民区的居委会可以处理发言')
}

/** The author may appeal their hidden post, once. */
export function canAppeal(post: { author_id: number; status: PostStatus }, userId: number, alreadyAppealed: boolean): Check {
  if (post.author_id !== userId) return refused('只能对自己被隐藏的发言提出申诉')
  if (post.status !== 'hidden') return refused('这条发言没有被隐藏，不需要申诉', 409, 'not_hidden')
  if (alreadyAppealed) return refused('每条发言只能申诉一次，您已经申诉过了', 409, 'already_appealed')
  return allowed
}

/** Appeals go to an admin of the 街镇, never to the person who hid the post. */
export function canDecideAppeal(p: Principal, chain: UnitChain, hiddenBy: number | null): boolean {
  return can(p, 'appeals.decide', chain) && p.userId !== hiddenBy
}

export function decideAppealCheck(p: Principal, chain: UnitChain, hiddenBy: number | null): Check {
  if (!can(p, 'appeals.decide', chain)) return refused('申诉由街镇管理员复核')
  if (!canDecideAppeal(p, chain, hiddenBy)) return refused('隐藏这条发言的人不能复核它的申诉，请由另一位管理员处理')
  return allowed
}

/** Only staff mute at all (checked before the target is looked up). */
export function mayMuteCheck(p: Principal): Check {
  return isStaff(p) ? allowed : refused('只有居委会可以禁言')
}

/** The committee mutes a resident in its own 居民区; never itself or other staff there. */
export function muteCheck(p: Principal, chain: UnitChain | null, target: Principal): Check {
  if (!chain || !can(p, 'discussions.moderate', chain)) return refused('只能禁言本居民区议事厅的发言人')
  if (target.userId === p.userId || isStaffFor(target, chain)) return refused('不能禁言本居民区的工作人员', 409, 'cannot_mute_staff')
  return allowed
}

export function unmuteCheck(p: Principal, chain: UnitChain | null): Check {
  return chain && can(p, 'discussions.moderate', chain) ? allowed : refused('只能解除本居民区的禁言')
}

/** The queue and the settings: staff, each for the 居民区 they serve. */
export function staffCheck(p: Principal): Check {
  return isStaff(p) ? allowed : refused('只有居委会或街镇工作人员可以查看')
}

export function readLogCheck(p: Principal): Check {
  return can(p, 'moderationLog.read') ? allowed : refused('只有居委会或街镇工作人员可以查看审核日志')
}

export function settingsCheck(p: Principal, chain: UnitChain): Check {
  return can(p, 'discussions.moderate', chain) ? allowed : refused('只能修改本居民区的议事厅设置')
}
