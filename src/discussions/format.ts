import dayjs from 'dayjs'
import type { Post, Stance, StanceCounts, Topic } from '@yishi/types'
import { STANCE_NAMES } from '@yishi/types'
import { keysOf } from '@/shared/keys'

// The 议事厅's display rules, without UI: stance shares, the edit countdown, what a post shows
// (its text or a placeholder), topic state badges, closing dates and readable refusals.

export const STANCES: Stance[] = keysOf(STANCE_NAMES)

/** The most a post may say (the server refuses more). */
export const MAX_POST_LENGTH = 1000

export interface StanceShare {
  stance: Stance
  name: string
  count: number
  /** Whole percent; the three add up to 100 when anyone has taken a stance. */
  percent: number
}

/**
 * Each stance's share in whole percent. Rounded by largest remainder so the bar always adds up to
 * 100 (1:1:1 is 34/33/33, never 33/33/33); ties go to the earlier stance (支持, 反对, 中立).
 */
export function stanceShares(counts: StanceCounts): { total: number; items: StanceShare[] } {
  const total = STANCES.reduce((s, k) => s + Math.max(0, counts[k] || 0), 0)
  const items = STANCES.map((stance) => ({ stance, name: STANCE_NAMES[stance], count: Math.max(0, counts[stance] || 0), percent: 0 }))
  if (total === 0) return { total, items }
  const exact = items.map((i) => (i.count * 100) / total)
  items.forEach((i, n) => (i.percent = Math.floor(exact[n])))
  let left = 100 - items.reduce((s, i) => s + i.percent, 0)
  const order = items.map((_, n) => n).sort((a, b) => exact[b] - Math.floor(exact[b]) - (exact[a] - Math.floor(exact[a])) || a - b)
  for (const n of order) {
    if (left <= 0) break
    items[n].percent += 1
    left -= 1
  }
  return { total, items }
}

export interface EditCountdown {
  remainingMs: number
  /** "还可修改 8 分钟" / "还可修改 40 秒" */
  text: string
}

/** How long the author may still edit a post; null when they may not (or the window has passed). */
export function editCountdown(editableUntil: string | null, now: number = Date.now()): EditCountdown | null {
  if (!editableUntil) return null
  const until = Date.parse(editableUntil)
  if (Number.isNaN(until)) return null
  const remainingMs = until - now
  if (remainingMs <= 0) return null
  if (remainingMs >= 60_000) return { remainingMs, text: `还可修改 ${Math.ceil(remainingMs / 60_000)} 分钟` }
  return { remainingMs, text: `还可修改 ${Math.ceil(remainingMs / 1000)} 秒` }
}

export const DELETED_TEXT = '该内容已被作者删除'
export const hiddenText = (reason: string | null) => `该内容已被隐藏（${reason || '违反议事规则'}）`

export type PostView =
  /** Published: the text shows as the API gives it (masked for other residents). */
  | { kind: 'body'; body: string }
  /** Held by the content check: only its author and the committee see it. */
  | { kind: 'pending'; body: string; note: string }
  /** Hidden: a placeholder; its author (and staff) still read the text and the reason below it. */
  | { kind: 'hidden'; placeholder: string; body: string; reason: string | null }
  | { kind: 'deleted'; placeholder: string }

/** What a post shows: its text, or which placeholder. The API's placeholder wins when it gives one. */
export function postView(post: Pick<Post, 'status' | 'body' | 'placeholder' | 'hiddenReason' | 'author'>): PostView {
  if (post.status === 'deleted') return { kind: 'deleted', placeholder: post.placeholder || DELETED_TEXT }
  if (post.status === 'hidden') {
    return { kind: 'hidden', placeholder: post.placeholder || hiddenText(post.hiddenReason), body: post.body, reason: post.hiddenReason }
  }
  if (post.status === 'pending') {
    return {
      kind: 'pending',
      body: post.body,
      note: post.author.isMine ? '审核中：居委会看过后，邻居们才能看到这条发言' : '审核中：只有作者和居委会能看到',
    }
  }
  if (post.placeholder) return { kind: 'deleted', placeholder: post.placeholder }
  return { kind: 'body', body: post.body }
}

export type Tone = 'accent' | 'warn' | 'success' | 'danger' | 'neutral'

/** The badge of a topic: 待审核, 讨论中, 已截止, 已锁定, 已形成纪要. */
export function topicBadge(t: Pick<Topic, 'state' | 'closed' | 'pending'>): { text: string; tone: Tone } {
  if (t.pending) return { text: '待审核', tone: 'warn' }
  if (t.state === 'concluded') return { text: '已形成纪要', tone: 'success' }
  if (t.state === 'locked') return { text: '已锁定', tone: 'neutral' }
  if (t.closed) return { text: '已截止', tone: 'neutral' }
  return { text: '讨论中', tone: 'accent' }
}

/** "11月30日 18:00 截止（还有 3 天）", "已于 11月30日 截止", or no closing date. */
export function closingText(closesAt: string | null, now: number = Date.now()): string {
  if (!closesAt) return '不设截止时间'
  const d = dayjs(closesAt)
  if (!d.isValid()) return ''
  const sameYear = d.year() === dayjs(now).year()
  if (d.valueOf() <= now) return `已于 ${d.format(sameYear ? 'M月D日' : 'YYYY年M月D日')} 截止`
  const when = d.format(sameYear ? 'M月D日 HH:mm' : 'YYYY年M月D日 HH:mm')
  const days = Math.floor((d.valueOf() - now) / 86_400_000)
  if (days >= 1) return `${when} 截止（还有 ${days} 天）`
  const hours = Math.max(1, Math.floor((d.valueOf() - now) / 3_600_000))
  return `${when} 截止（还有 ${hours} 小时）`
}

/** Characters as the server counts them (code points), so an emoji counts once. */
export function textLength(text: string): number {
  return Array.from(text).length
}

/** "还能写 880 字" / "超出 12 字" for the composer. */
export function lengthHint(text: string, max = MAX_POST_LENGTH): { text: string; over: boolean } {
  const n = textLength(text)
  return n > max ? { text: `超出 ${n - max} 字`, over: true } : { text: `${n} / ${max} 字`, over: false }
}

export interface Refusal {
  title: string
  text: string
}

/** A refused post, in words a resident can act on (the API's message says the detail). */
export function refusalOf(err: { code?: string; message?: string; details?: unknown }): Refusal {
  const message = err.message || '没有发出去，请稍后再试'
  switch (err.code) {
    case 'content_rejected': {
      const words = (err.details as { words?: unknown } | undefined)?.words
      const list = Array.isArray(words) ? words.filter((w): w is string => typeof w === 'string') : []
      return { title: '内容没有通过检查', text: list.length ? `${message}（涉及：${list.join('、')}）` : message }
    }
    case 'muted':
      return { title: '您暂时不能发言', text: message }
    case 'rate_limited':
      return { title: '发言太频繁了', text: message }
    case 'topic_read_only':
      return { title: '这个议题现在不能发言', text: message }
    case 'edit_window_closed':
      return { title: '已经不能修改了', text: message }
    case 'parent_unavailable':
      return { title: '不能回复这条发言', text: message }
    case 'network_error':
      return { title: '网络不给力', text: '没有发出去，草稿还在，请稍后重试' }
    default:
      return { title: '没有发出去', text: message }
  }
}

/** "3分钟前", "今天 14:30", "11月21日 14:30": when a post was written. */
export function postTime(iso: string, now: number = Date.now()): string {
  const d = dayjs(iso)
  if (!d.isValid()) return ''
  const diff = now - d.valueOf()
  if (diff < 60_000) return '刚刚'
  if (diff < 3_600_000) return `${Math.floor(diff / 60_000)}分钟前`
  const n = dayjs(now)
  if (d.isSame(n, 'day')) return `今天 ${d.format('HH:mm')}`
  if (d.isSame(n.subtract(1, 'day'), 'day')) return `昨天 ${d.format('HH:mm')}`
  return d.format(d.year() === n.year() ? 'M月D日 HH:mm' : 'YYYY年M月D日 HH:mm')
}
