// Moderation of the 议事厅: reports, the review queue, mutes, appeals and the append-only log.
import type { Appeal, AppealStatus, Post, ReportReason } from './discussions'
import { PROPOSAL_STATE_NAMES } from './proposals'

export const REPORT_REASON_NAMES: Record<ReportReason, string> = {
  ad: '广告',
  attack: '人身攻击',
  misinfo: '不实信息',
  privacy: '泄露隐私',
  offtopic: '与议题无关',
  other: '其他',
}

export type PostModerationAction = 'hide' | 'restore' | 'approve' | 'pin' | 'unpin'

export const APPEAL_STATUS_NAMES: Record<AppealStatus, string> = {
  pending: '等待街镇复核',
  granted: '申诉成立，已恢复',
  denied: '申诉未成立',
}

export interface Mute {
  id: number
  userId: number
  /** The 居民区 where the user may not post. */
  neighbourhoodId: number
  reason: string
  endsAt: string
  createdAt: string
  liftedAt: string | null
}

/** Why an item is in the queue, most urgent first. */
export type QueueKind = 'appeal' | 'auto_hidden' | 'reported' | 'pending' | 'pending_topic' | 'recent'

export interface QueueItem {
  kind: QueueKind
  topic: { id: number; question: string; unitName: string; state: string; pending: boolean }
  /** The post concerned (as staff see it), for every kind but pending_topic. */
  post: Post | null
  reports: { reason: ReportReason; count: number }[]
  appeal: Appeal | null
  /** When the item started waiting. */
  since: string
}

export interface ModerationQueue {
  items: QueueItem[]
}

export interface ModerationLogEntry {
  id: number
  /** null: the server's admin command (actorLabel 命令行). */
  actorId: number | null
  actorLabel: string
  /** e.g. post.hide, topic.conclude, user.mute */
  action: string
  actionName: string
  targetType: string
  /** The kind of object in words (提案, 居民认证…). */
  targetName: string
  targetId: number
  /** Which one, readably: a proposal's, topic's or survey's title, a unit's name; null when there is none to show. */
  targetLabel: string | null
  unitId: number
  unitName: string
  reason: string | null
  createdAt: string
}

/** What the log's target types are called on screen. */
export const MODERATION_TARGET_NAMES: Record<string, string> = {
  post: '发言',
  topic: '议题',
  user: '居民',
  proposal: '提案',
  residence: '居民认证',
  verification: '居民认证',
  survey: '问卷',
  neighbourhood: '居民区设置',
  unit: '街镇、居民区、小区或楼组',
  invitation: '邀请码',
  indicator_input: '评价指标录入',
  report: '台账',
}

export const MODERATION_ACTION_NAMES: Record<string, string> = {
  'verification.approve': '通过居民认证',
  'verification.reject': '驳回居民认证',
  'topic.open': '发起议题',
  'topic.approve': '审核通过议题',
  'topic.lock': '锁定议题',
  'topic.conclude': '形成议事纪要',
  'topic.reopen': '重新开放议题',
  'post.hide': '隐藏发言',
  'post.auto_hide': '多人举报自动隐藏',
  'post.restore': '恢复发言',
  'post.approve': '审核通过发言',
  'post.pin': '置顶发言',
  'post.unpin': '取消置顶',
  'user.mute': '禁言',
  'user.unmute': '解除禁言',
  'appeal.grant': '申诉成立',
  'appeal.deny': '驳回申诉',
  'settings.update': '修改议事厅设置',
  // 社区提案: each transition is logged as proposal.<new state>.
  ...Object.fromEntries(Object.entries(PROPOSAL_STATE_NAMES).map(([state, name]) => [`proposal.${state}`, `提案转为：${name}`])),
  'proposal.proxy_submit': '代录提案',
  'proposal.proxy_cosign': '代录联名',
  'proposal.settings': '修改提案规则',
  'proposal.publish': '审核通过提案内容',
  'proposal.hide': '隐藏提案内容',
  'proposal.meeting': '记录三会会议',
  'proposal.referral_answer': '转办答复',
  'proposal.referral_accept': '接收转办',
  'proposal.referral_refuse': '退回转办',
  'proposal.progress': '发布实施进展',
  'survey.create': '创建问卷',
  'survey.update': '修改问卷',
  'survey.publish': '发布问卷',
  'survey.close': '结束问卷',
  'survey.paper_response': '录入纸质问卷',
  'survey.response_note': '发布问卷回应',
  'indicator.input': '录入评估指标',
  'report.download': '下载台账',
  'street.create': '建立街镇',
  'invitation.create': '发出邀请码',
  'invitation.revoke': '撤销邀请码',
  'invitation.accept': '接受邀请，获得角色',
  'grant.remove': '撤销角色',
  'residence.representative': '设为居民代表',
  'residence.unrepresentative': '取消居民代表',
}

export interface DiscussionSettings {
  neighbourhoodId: number
  /** Distinct residents whose reports hide a post pending review. */
  reportThreshold: number
}
