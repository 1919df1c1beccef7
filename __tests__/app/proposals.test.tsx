/**
 * 社区提案 in the app: the state → label/badge map residents read, co-sign progress, the list's state
 * groups, the draft store that survives closing the app (with its submit key), and one render of the
 * proposal card.
 */
import './taro-h5'
import { createRoot } from './dom'
import Taro from '@tarojs/taro'
import { act } from 'react'
import type { ProposalListItem, ProposalState, ProposalTransition } from '@yishi/types'
import { PROPOSAL_STATES } from '@yishi/types'
import {
  cosignProgress,
  deadlineText,
  formatYuan,
  groupOf,
  STATE_GROUPS,
  STATE_VIEWS,
  stateLabel,
  stateTone,
  transitionNotes,
} from '@/proposals/labels'
import { checkDraft, createDraftStore, DRAFT_STORAGE_KEY, EMPTY_DRAFT, toSubmitBody } from '@/proposals/draft'
import { ProposalCard } from '@/proposals/ui'
import { notificationTarget } from '@/notifications/labels'

describe('state labels', () => {
  it('has a plain Chinese label, a badge tone and a sentence for every state', () => {
    for (const s of PROPOSAL_STATES) {
      const v = STATE_VIEWS[s]
      expect(v.label).toMatch(/[\u4e00-\u9fa5]/)
      expect(v.label).not.toMatch(/[a-z]/i)
      expect(['accent', 'warn', 'success', 'danger', 'neutral']).toContain(v.tone)
      expect(v.text.length).toBeGreaterThan(5)
    }
  })

  it('reads the main path and the side exits as residents would say them', () => {
    const expected: Partial<Record<ProposalState, string>> = {
      submitted: '征集附议',
      screening: '居委会审核中',
      accepted: '已立项（议题）',
      voting: '投票中',
      implementing: '实施中',
      rejected: '未受理',
      referred: '已转办',
      expired: '已过期',
    }
    for (const [s, label] of Object.entries(expected)) expect(stateLabel(s as ProposalState)).toBe(label)
    expect(stateTone('rejected')).toBe('danger')
    expect(stateTone('completed')).toBe('success')
    expect(stateTone('screening')).toBe('warn')
  })

  it('puts each state in at most one list group; 全部 filters nothing', () => {
    expect(STATE_GROUPS.map((g) => g.label)).toEqual(['全部', '征集联名', '议事中', '投票中', '实施中', '已完成'])
    expect(STATE_GROUPS[0].states).toEqual([])
    const seen = STATE_GROUPS.flatMap((g) => g.states)
    expect(new Set(seen).size).toBe(seen.length)
    expect(groupOf('submitted')?.label).toBe('征集联名')
    expect(groupOf('accepted')?.label).toBe('议事中')
    expect(groupOf('closed')?.label).toBe('已完成')
    expect(groupOf('withdrawn')).toBeNull()
  })
})

describe('co-sign progress', () => {
  it('counts towards the threshold', () => {
    expect(cosignProgress(3, 5)).toEqual({ count: 3, threshold: 5, percent: 60, remaining: 2, reached: false, text: '3 / 5 人附议', hint: '还差 2 人' })
    expect(cosignProgress(5, 5)).toMatchObject({ percent: 100, remaining: 0, reached: true, hint: '人数已够' })
    expect(cosignProgress(0, 18)).toMatchObject({ percent: 0, remaining: 18 })
    expect(cosignProgress(1, 3).percent).toBe(33)
  })

  it('never overflows the bar or divides by zero', () => {
    expect(cosignProgress(9, 5)).toMatchObject({ percent: 100, remaining: 0, reached: true })
    expect(cosignProgress(0, 0)).toMatchObject({ threshold: 1, percent: 0 })
    expect(cosignProgress(-2, 5)).toMatchObject({ count: 0, percent: 0 })
    expect(cosignProgress(Number.NaN, 5).count).toBe(0)
  })
})

describe('small formatters', () => {
  it('says what a deadline is for', () => {
    const at = '2030-03-05T10:00:00.000Z'
    expect(deadlineText({ state: 'submitted', deadlineAt: at, voteClosesAt: null })).toMatch(/^附议截止 /)
    expect(deadlineText({ state: 'voting', deadlineAt: null, voteClosesAt: at })).toMatch(/^投票截止 /)
    expect(deadlineText({ state: 'screening', deadlineAt: at, voteClosesAt: null })).toMatch(/^本阶段期限 /)
    expect(deadlineText({ state: 'closed', deadlineAt: null, voteClosesAt: null })).toBe('')
    // Implementation ends at the planned day's end in Shanghai: the day, not a UTC time.
    expect(deadlineText({ state: 'implementing', deadlineAt: '2030-12-22T15:59:59.999Z', voteClosesAt: null })).toBe('计划完成 2030年12月22日')
  })

  it('formats money for 居务公开', () => {
    expect(formatYuan(1234.5)).toBe('1,234.5 元')
    expect(formatYuan(80000)).toBe('80,000 元')
    expect(formatYuan(0)).toBe('0 元')
    expect(formatYuan(null)).toBe('—')
  })

  it('explains timeline steps from their details', () => {
    const step = (to: ProposalState, details: Record<string, unknown> | null, actorRole: ProposalTransition['actorRole'] = 'committee'): ProposalTransition => ({
      id: 1,
      from: 'screening',
      to,
      actorRole,
      actorLabel: '居委会',
      reason: null,
      referralEvent: null, photos: [],
      details,
      at: '2025-03-03T02:00:00.000Z',
    })
    expect(transitionNotes(step('referred', { referTo: 'property' }))).toEqual(['转交：物业公司'])
    expect(transitionNotes(step('merged', { mergeInto: 3 }), '3号楼加装电梯')).toEqual(['合并到：3号楼加装电梯'])
    expect(transitionNotes(step('approved', { tally: { for: 2, against: 1, abstain: 1, turnout: 4, eligibleHouseholds: 6, passed: true } }))).toEqual([
      '支持 2 户，反对 1 户，弃权 1 户（4/6 户参与）',
    ])
    expect(transitionNotes(step('screening', null, 'system'))).toEqual(['附议人数达到要求，自动交居委会审核'])
  })

  it('opens the proposal a notification is about', () => {
    expect(notificationTarget({ targetType: 'proposal', targetId: 7 })).toBe('/more/proposals/detail?id=7')
    expect(notificationTarget({ targetType: 'indicator_input', targetId: 7 })).toBeNull()
    expect(notificationTarget({ targetType: 'post', targetId: 9 })).toBe('/pages/hall/thread?id=9')
    expect(notificationTarget({ targetType: 'topic', targetId: 3 })).toBe('/pages/hall/topic?id=3')
  })
})

describe('the draft', () => {
  beforeEach(() => Taro.clearStorageSync())

  it('survives closing the app: a new store (as after a restart) restores it', () => {
    const first = createDraftStore()
    first.getState().update({ title: '3号楼加装电梯', body: '老人上下楼困难', category: 'elevator', level: 'estate', hideBuilding: true })
    expect(Taro.getStorageSync(DRAFT_STORAGE_KEY)).toBeTruthy()

    const reopened = createDraftStore()
    expect(reopened.getState()).toMatchObject({ title: '3号楼加装电梯', body: '老人上下楼困难', category: 'elevator', level: 'estate', hideBuilding: true })
  })

  it('keeps one submit key per unchanged draft, across a restart, and a new one when the text changes', () => {
    const store = createDraftStore()
    store.getState().update({ title: '楼道堆物清理', body: '楼道堆满杂物', category: 'safety' })
    const body = toSubmitBody(store.getState())
    const key = store.getState().keyFor(body)
    expect(key).toMatch(/^[0-9a-f-]{36}$/)
    expect(store.getState().keyFor(toSubmitBody(store.getState()))).toBe(key)
    expect(createDraftStore().getState().keyFor(body)).toBe(key)

    store.getState().update({ body: '楼道堆满杂物，影响消防通道' })
    expect(store.getState().keyFor(toSubmitBody(store.getState()))).not.toBe(key)
  })

  it('is emptied after a successful submit, also for the next launch', () => {
    const store = createDraftStore()
    store.getState().update({ title: '增设晾衣架', body: '小区缺少晾衣的地方', category: 'public_space' })
    store.getState().keyFor(toSubmitBody(store.getState()))
    store.getState().clear()
    expect(createDraftStore().getState()).toMatchObject({ ...EMPTY_DRAFT, submitKey: null })
  })

  it('checks the same limits as the server before sending', () => {
    expect(checkDraft(EMPTY_DRAFT)).toEqual({ title: '请填写标题', body: '请写一写具体的问题和建议', category: '请选择分类' })
    expect(checkDraft({ ...EMPTY_DRAFT, title: '修路灯', body: 'x', category: 'safety' }).title).toBe('标题至少 5 个字')
    expect(checkDraft({ ...EMPTY_DRAFT, title: '长'.repeat(41), body: 'x', category: 'safety' }).title).toBe('标题最多 40 个字')
    expect(checkDraft({ ...EMPTY_DRAFT, title: '修一修楼道灯', body: '字'.repeat(2001), category: 'safety' }).body).toBe('内容最多 2000 个字')
    expect(checkDraft({ ...EMPTY_DRAFT, title: '  修一修楼道灯  ', body: '灯坏了', category: 'safety' })).toEqual({})
    expect(toSubmitBody({ ...EMPTY_DRAFT, title: ' 修一修楼道灯 ', body: ' 灯坏了 ', category: 'safety' })).toEqual({
      title: '修一修楼道灯',
      body: '灯坏了',
      category: 'safety',
      level: 'building',
    })
  })
})


describe('the proposal card', () => {
  const item: ProposalListItem = {
    id: 12,
    title: '3号楼加装电梯的建议',
    category: 'elevator',
    level: 'building',
    unitId: 9,
    unitName: '3号楼',
    neighbourhoodId: 2,
    state: 'submitted',
    cosignCount: 3,
    threshold: 5,
    deadlineAt: '2030-04-02T02:00:00.000Z',
    overdue: false,
    authorLabel: '3号楼居民',
    enteredByStaff: false,
    contentStatus: 'visible',
    isMine: false,
    cosignedByMe: true,
    followedByMe: false,
    coverPhoto: null,
    voteClosesAt: null,
    createdAt: '2030-03-03T02:00:00.000Z',
    updatedAt: '2030-03-03T02:00:00.000Z',
  }

  it('shows title, state, category, unit, author, progress and flags, never an id', () => {
    const container = document.createElement('div')
    document.body.appendChild(container)
    const root = createRoot(container)
    act(() => root.render(<ProposalCard item={item} />))
    const text = container.textContent ?? ''
    expect(text).toContain('3号楼加装电梯的建议')
    expect(text).toContain('征集附议')
    expect(text).toContain('加装电梯 · 3号楼 · 3号楼居民')
    expect(text).toContain('3 / 5 人附议')
    expect(text).toContain('还差 2 人')
    expect(text).toContain('我已附议')
    expect(text).toMatch(/附议截止/)
    expect(text).not.toContain('已超期')
    expect(container.querySelector('.pbar__fill')?.getAttribute('style')).toContain('60%')

    act(() => root.render(<ProposalCard item={{ ...item, state: 'implementing', overdue: true, cosignedByMe: false }} />))
    const late = container.textContent ?? ''
    expect(late).toContain('实施中')
    expect(late).toContain('已超期')
    expect(late).not.toContain('人附议')
    expect(container.querySelector('.card--danger')).not.toBeNull()
    act(() => root.unmount())
    container.remove()
  })
})
