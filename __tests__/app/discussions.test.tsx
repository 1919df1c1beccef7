/**
 * 议事厅 in the app: the edit-window countdown, stance bar shares, which placeholder a post shows,
 * readable refusals, drafts, list updates, and one render of a post card and the stance bar.
 */
import './taro-h5'
import { createRoot, type Root } from './dom'
import { act, type ReactNode } from 'react'
import type { Post, StanceCounts, UnitNode } from '@yishi/types'
import {
  closingText,
  editCountdown,
  lengthHint,
  postView,
  refusalOf,
  stanceShares,
  topicBadge,
} from '@/discussions/format'
import { draftKey, pruneDrafts, useDrafts } from '@/discussions/drafts'
import { addReply, replacePost } from '@/discussions/usePostList'
import { composeUrl, threadUrl, topicUrl } from '@/discussions/routes'
import { waitingItems } from '@/moderation/api'
import { placesOf } from '@/committee/discussions/places'
import { checkModerationReason } from '@/committee/moderation/ModerationActions'
import { PostCard, type PostContext } from '@/discussions/PostCard'
import { StanceBar } from '@/discussions/StanceBar'

// Local time, like the phone's clock (the app shows dates in the device's time zone).
const NOW = new Date(2025, 10, 21, 14, 0).getTime()
const at = (ms: number) => new Date(NOW + ms).toISOString()

function post(over: Partial<Post> = {}): Post {
  return {
    id: 7,
    topicId: 3,
    parentId: null,
    replyTo: null,
    author: { label: '3号楼居民', isStaff: false, isMine: false },
    official: false,
    pinned: false,
    status: 'published',
    body: '建议晚上10点后断电',
    placeholder: null,
    photos: [],
    hiddenReason: null,
    likeCount: 2,
    likedByMe: false,
    reportedByMe: false,
    replyCount: 0,
    replies: [],
    createdAt: at(-60_000),
    editedAt: null,
    editableUntil: null,
    appeal: null,
    canAppeal: false,
    ...over,
  }
}

// ---- the edit window ----------------------------------------------------------------------

describe('editCountdown', () => {
  test('counts whole minutes up while a minute or more is left', () => {
    expect(editCountdown(at(10 * 60_000), NOW)?.text).toBe('还可修改 10 分钟')
    expect(editCountdown(at(9 * 60_000 + 1000), NOW)?.text).toBe('还可修改 10 分钟')
    expect(editCountdown(at(9 * 60_000), NOW)?.text).toBe('还可修改 9 分钟')
    expect(editCountdown(at(60_000), NOW)?.text).toBe('还可修改 1 分钟')
  })

  test('counts seconds in the last minute, then nothing', () => {
    expect(editCountdown(at(59_000), NOW)?.text).toBe('还可修改 59 秒')
    expect(editCountdown(at(400), NOW)?.text).toBe('还可修改 1 秒')
    expect(editCountdown(at(0), NOW)).toBeNull()
    expect(editCountdown(at(-5_000), NOW)).toBeNull()
  })

  test('no window (someone else’s post, or a hidden one) and bad dates give nothing', () => {
    expect(editCountdown(null, NOW)).toBeNull()
    expect(editCountdown('not a date', NOW)).toBeNull()
    expect(editCountdown(at(5 * 60_000), NOW)?.remainingMs).toBe(5 * 60_000)
  })
})

// ---- the stance bar -----------------------------------------------------------------------

const counts = (support: number, oppose: number, neutral: number): StanceCounts => ({ support, oppose, neutral })
const percents = (c: StanceCounts) => stanceShares(c).items.map((i) => i.percent)

describe('stanceShares', () => {
  test('whole percents that add up to 100', () => {
    expect(percents(counts(3, 1, 0))).toEqual([75, 25, 0])
    expect(percents(counts(2, 1, 0))).toEqual([67, 33, 0])
    expect(percents(counts(1, 1, 1))).toEqual([34, 33, 33])
    expect(percents(counts(5, 0, 0))).toEqual([100, 0, 0])
    expect(percents(counts(1, 2, 4))).toEqual([14, 29, 57])
  })

  test('always 100 in total, and each within one point of its exact share', () => {
    for (let s = 0; s <= 10; s++)
      for (let o = 0; o <= 10; o++)
        for (let n = 0; n <= 10; n++) {
          const total = s + o + n
          if (total === 0) continue
          const p = percents(counts(s, o, n))
          expect(p.reduce((a, b) => a + b, 0)).toBe(100)
          ;[s, o, n].forEach((c, i) => expect(Math.abs(p[i] - (c * 100) / total)).toBeLessThan(1))
        }
  })

  test('nobody yet: zero total and zero shares, names in order 支持 反对 中立', () => {
    const r = stanceShares(counts(0, 0, 0))
    expect(r.total).toBe(0)
    expect(r.items.map((i) => [i.name, i.count, i.percent])).toEqual([
      ['支持', 0, 0],
      ['反对', 0, 0],
      ['中立', 0, 0],
    ])
  })
})

// ---- what a post shows --------------------------------------------------------------------

describe('postView picks the text or the right placeholder', () => {
  test('published: the body as the API gives it (already masked for others)', () => {
    expect(postView(post({ body: '电话138****5678' }))).toEqual({ kind: 'body', body: '电话138****5678' })
  })

  test('deleted: 该内容已被作者删除', () => {
    expect(postView(post({ status: 'deleted', body: '', placeholder: null }))).toEqual({ kind: 'deleted', placeholder: '该内容已被作者删除' })
    expect(postView(post({ status: 'deleted', body: '', placeholder: '该内容已被作者删除' })).kind).toBe('deleted')
  })

  test('hidden: the API’s placeholder, else one made from the reason', () => {
    const fromApi = postView(post({ status: 'hidden', body: '', placeholder: '该内容已被隐藏（广告）', hiddenReason: null }))
    expect(fromApi).toMatchObject({ kind: 'hidden', placeholder: '该内容已被隐藏（广告）' })
    const made = postView(post({ status: 'hidden', body: '', placeholder: null, hiddenReason: '人身攻击' }))
    expect(made).toMatchObject({ kind: 'hidden', placeholder: '该内容已被隐藏（人身攻击）' })
    const noReason = postView(post({ status: 'hidden', body: '', placeholder: null, hiddenReason: null }))
    expect(noReason).toMatchObject({ placeholder: '该内容已被隐藏（违反议事规则）' })
  })

  test('hidden post of mine: the placeholder, my text and the reason', () => {
    const v = postView(post({ status: 'hidden', author: { label: '3号楼居民', isStaff: false, isMine: true }, placeholder: '该内容已被隐藏（广告）', hiddenReason: '广告' }))
    expect(v).toEqual({ kind: 'hidden', placeholder: '该内容已被隐藏（广告）', body: '建议晚上10点后断电', reason: '广告' })
  })

  test('pending: 审核中, worded for the author or for staff', () => {
    const mine = postView(post({ status: 'pending', author: { label: '3号楼居民', isStaff: false, isMine: true } }))
    expect(mine).toMatchObject({ kind: 'pending', body: '建议晚上10点后断电' })
    expect((mine as { note: string }).note).toMatch(/审核中.*邻居们才能看到/)
    expect((postView(post({ status: 'pending' })) as { note: string }).note).toMatch(/只有作者和居委会/)
  })
})

describe('topics', () => {
  test('badges: pending, concluded, locked, past the date, open', () => {
    const t = { state: 'open' as const, closed: false, pending: false }
    expect(topicBadge(t)).toEqual({ text: '讨论中', tone: 'accent' })
    expect(topicBadge({ ...t, closed: true }).text).toBe('已截止')
    expect(topicBadge({ ...t, state: 'locked' }).text).toBe('已锁定')
    expect(topicBadge({ ...t, state: 'concluded' }).text).toBe('已形成纪要')
    expect(topicBadge({ ...t, pending: true }).text).toBe('待审核')
  })

  test('closing dates read as a date with what is left, or as past', () => {
    expect(closingText(null, NOW)).toBe('不设截止时间')
    const local = (d: number, h: number) => new Date(2025, 10, d, h, 0).toISOString()
    expect(closingText(local(24, 18), NOW)).toBe('11月24日 18:00 截止（还有 3 天）')
    expect(closingText(local(21, 18), NOW)).toBe('11月21日 18:00 截止（还有 4 小时）')
    expect(closingText(local(20, 18), NOW)).toBe('已于 11月20日 截止')
  })
})

// ---- the composer ---------------------------------------------------------------------------

describe('composer', () => {
  test('the live count, and over the limit', () => {
    expect(lengthHint('你好')).toEqual({ text: '2 / 1000 字', over: false })
    expect(lengthHint('好'.repeat(1000)).over).toBe(false)
    expect(lengthHint('好'.repeat(1003))).toEqual({ text: '超出 3 字', over: true })
    // An emoji is one character, as the server counts.
    expect(lengthHint('👍').text).toBe('1 / 1000 字')
  })

  test('refusals in words a resident can act on', () => {
    expect(refusalOf({ code: 'content_rejected', message: '内容含有不适宜发布的词语，请修改后再提交', details: { words: ['某词'] } })).toEqual({
      title: '内容没有通过检查',
      text: '内容含有不适宜发布的词语，请修改后再提交（涉及：某词）',
    })
    const muted = refusalOf({ code: 'muted', message: '您已被禁言至 2025年11月28日 14:00（原因：人身攻击），期间不能发言' })
    expect(muted.title).toBe('您暂时不能发言')
    expect(muted.text).toContain('2025年11月28日 14:00')
    expect(refusalOf({ code: 'rate_limited', message: '发言太频繁了：每 10 分钟最多发 10 条' }).title).toBe('发言太频繁了')
    expect(refusalOf({ code: 'network_error', message: 'x' }).text).toContain('草稿还在')
    expect(refusalOf({ code: 'something_else', message: '出错了' })).toEqual({ title: '没有发出去', text: '出错了' })
  })

  test('drafts: one per topic or per post replied to; empty and old ones are dropped', () => {
    expect(draftKey(3)).toBe('t3')
    expect(draftKey(3, 9)).toBe('t3-r9')
    const now = Date.now()
    const kept = pruneDrafts(
      {
        a: { body: '写了一半', stance: null, savedAt: now - 1000 },
        b: { body: '   ', stance: null, savedAt: now },
        c: { body: '很久以前', stance: 'support', savedAt: now - 40 * 86_400_000 },
      },
      now,
    )
    expect(Object.keys(kept)).toEqual(['a'])
    useDrafts.getState().save('t3', '草稿', 'oppose')
    expect(useDrafts.getState().drafts.t3).toMatchObject({ body: '草稿', stance: 'oppose' })
    useDrafts.getState().clear('t3')
    expect(useDrafts.getState().drafts.t3).toBeUndefined()
  })

  test('links: topic, thread by post id, composer', () => {
    expect(topicUrl(3)).toBe('/pages/hall/topic?id=3')
    expect(threadUrl(12)).toBe('/pages/hall/thread?id=12')
    expect(composeUrl({ topicId: 3, parentId: 12 })).toBe('/more/hall/compose?topicId=3&parentId=12')
    expect(composeUrl({ topicId: 3, official: true })).toBe('/more/hall/compose?topicId=3&official=1')
  })
})

// ---- lists and the committee ------------------------------------------------------------------

test('a changed reply is replaced under its root; a new reply goes under its root once', () => {
  const reply = post({ id: 8, parentId: 7, body: '同意' })
  const list = [post({ replies: [reply], replyCount: 1 }), post({ id: 9 })]
  const changed = replacePost(list, { ...reply, likeCount: 5 })
  expect(changed[0].replies![0].likeCount).toBe(5)
  const root = replacePost(list, { ...list[0], likeCount: 9, replies: undefined })
  expect(root[0].replies).toHaveLength(1) // an updated root keeps its replies
  const added = addReply(list, post({ id: 10, parentId: 7 }))
  expect(added[0].replies!.map((r) => r.id)).toEqual([8, 10])
  expect(added[0].replyCount).toBe(2)
  expect(addReply(added, post({ id: 10, parentId: 7 }))[0].replies).toHaveLength(2)
})

test('the committee: waiting items, places to open a topic, reasons', () => {
  const item = (kind: 'recent' | 'reported' | 'appeal') => ({ kind, topic: { id: 1, question: 'q', unitName: 'u', state: 'open', pending: false }, post: null, reports: [], appeal: null, since: at(0) })
  expect(waitingItems([item('recent'), item('reported'), item('appeal')]).map((i) => i.kind)).toEqual(['reported', 'appeal'])

  const node = (id: number, level: UnitNode['level'], name: string, children: UnitNode[] = []): UnitNode => ({
    id, parentId: null, level, name, housingType: null, households: 10, verifiedHouseholds: 0, children,
  })
  const tree = [
    node(1, 'street', '街道', [
      node(2, 'neighbourhood', '梧桐居民区', [node(3, 'estate', '梧桐新村', [node(4, 'building', '1号楼')])]),
      node(5, 'neighbourhood', '香樟居民区', [node(6, 'estate', '香樟苑')]),
    ]),
  ]
  expect(placesOf(tree, [2]).map((p) => [p.name, p.level, p.buildings.length])).toEqual([
    ['梧桐居民区', 'neighbourhood', 0],
    ['梧桐新村', 'estate', 1],
  ])
  expect(placesOf(tree, [1]).map((p) => p.name)).toEqual(['梧桐居民区', '梧桐新村', '香樟居民区', '香樟苑'])
  expect(placesOf(tree, [])).toEqual([])

  expect(checkModerationReason('广告')).toBeNull()
  expect(checkModerationReason(' 一 ')).toMatch(/至少 2 个字/)
  expect(checkModerationReason('长'.repeat(101))).toMatch(/最多 100/)
})

// ---- one render -------------------------------------------------------------------------------


describe('rendering', () => {
  let container: HTMLDivElement
  let root: Root
  const ctx: PostContext = { topicId: 3, canLike: true, canReply: true, staff: false, openThread: () => undefined }

  beforeEach(() => {
    container = document.createElement('div')
    document.body.appendChild(container)
    root = createRoot(container)
  })
  afterEach(() => {
    act(() => root.unmount())
    container.remove()
  })
  const render = (node: ReactNode) => act(() => root.render(node))

  test('a post of mine: 我, the edit countdown, 删除, no 举报; replies with “查看全部 N 条回复”', () => {
    const mine = post({
      author: { label: '3号楼居民', isStaff: false, isMine: true },
      editableUntil: new Date(Date.now() + 8 * 60_000 - 500).toISOString(),
      replyCount: 5,
      replies: [post({ id: 8, parentId: 7, body: '同意您的看法', author: { label: '居委会', isStaff: true, isMine: false }, official: true })],
    })
    render(<PostCard post={mine} ctx={ctx} showReplies onChange={() => undefined} onRemove={() => undefined} />)
    const text = container.textContent ?? ''
    expect(text).toContain('还可修改 8 分钟')
    expect(text).toContain('删除')
    expect(text).toContain('官方回复')
    expect(text).toContain('同意您的看法')
    expect(text).toContain('查看全部 5 条回复')
    // My own post: no 赞同 button and no 举报 on it (the reply by the committee may be reported).
    const own = container.querySelector('#post-7 > .post__actions')!.textContent
    expect(own).not.toContain('举报')
    expect(own).not.toContain('赞同 ')
    expect(container.querySelector('.post--official')).not.toBeNull()
  })

  test('a hidden post of mine: placeholder, why, and 申诉 once', () => {
    render(
      <PostCard
        post={post({ status: 'hidden', author: { label: '3号楼居民', isStaff: false, isMine: true }, placeholder: '该内容已被隐藏（广告）', hiddenReason: '广告', canAppeal: true })}
        ctx={ctx}
        onChange={() => undefined}
        onRemove={() => undefined}
      />,
    )
    const text = container.textContent ?? ''
    expect(text).toContain('该内容已被隐藏（广告）')
    expect(text).toContain('原因：广告')
    expect(text).toContain('申诉')
    expect(text).toContain('建议晚上10点后断电') // my own text, for me only
  })

  test('someone else’s post: 赞同 with the count, 回复, 举报 opens the reason list', () => {
    render(<PostCard post={post()} ctx={ctx} onChange={() => undefined} onRemove={() => undefined} />)
    expect(container.textContent).toContain('赞同2')
    const report = [...container.querySelectorAll('.post__action')].find((e) => e.textContent === '举报') as HTMLElement
    act(() => report.click())
    for (const r of ['广告', '人身攻击', '不实信息', '泄露隐私', '与议题无关', '其他']) expect(container.textContent).toContain(r)
  })

  test('the stance bar draws each share as a width and writes the counts', () => {
    render(<StanceBar counts={counts(3, 1, 0)} />)
    const widths = [...container.querySelectorAll('.stance-bar__track .stance-bar__part')].map((e) => (e as HTMLElement).style.width)
    expect(widths).toEqual(['75%', '25%'])
    expect(container.textContent).toContain('支持 3（75%）')
    expect(container.textContent).toContain('中立 0（0%）')
    render(<StanceBar counts={counts(0, 0, 0)} />)
    expect(container.textContent).toContain('还没有人表态')
  })
})
