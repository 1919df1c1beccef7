import { notificationPage, type AppNotification } from '@yishi/types'

// What kind of news a notification is, in a few words (the body carries the details).

const KIND_NAMES: Record<string, string> = {
  'proposal.transition': '提案进展',
  'proposal.progress': '实施进展',
  'proposal.overdue': '已超期提醒',
  'proposal.merged': '提案合并',
  'proposal.meeting': '会议记录',
  'proposal.referral_answer': '转办答复',
  'proposal.referral_accept': '转办已接收',
  'proposal.escalated': '超期上报街镇',
  'proposal.published': '内容审核',
  'proposal.hidden': '内容审核',
  'proposal.expiring': '即将到期',
  'post.hidden': '发言被隐藏',
  'post.restored': '发言已恢复',
  'post.approved': '发言已通过',
  'appeal.decided': '申诉结果',
  'user.muted': '暂停发言',
  'post.reply': '有人回复',
  'residence.approved': '认证通过',
  'residence.rejected': '认证未通过',
}

export function notificationKindName(kind: string): string {
  return KIND_NAMES[kind] ?? '消息'
}

/** The page a notification opens, or null when there is nothing to open. */
export function notificationTarget(n: Pick<AppNotification, 'targetType' | 'targetId'>): string | null {
  const page = notificationPage(n)
  return page ? `/${page}` : null
}
