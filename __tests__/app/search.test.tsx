/**
 * Search in the app: the box sends the words only when asked (搜索 or the keyboard's search key), the
 * lists ask the server with them (the 议事厅 across every state), an empty answer says what to try,
 * and 清除 brings the whole list back. The step view of a proposal renders its road.
 */
import './taro-h5'
import './page-hooks'
import { act } from 'react'
import type { Me, ProposalDetail, ProposalListItem, Topic } from '@yishi/types'
import { fakeServer, type Call } from './fake-server'
import { setUpScreen } from './screen'
import ProposalsPage from '@/pages/proposals/index'
import HallPage from '@/pages/hall/index'
import { RoadCard, timeLeftText } from '@/proposals/Road'

const neighbour: Me = {
  id: 5,
  label: '3号楼居民',
  roles: [],
  verified: true,
  privacyAcceptedAt: '2026-01-01T00:00:00Z',
  residence: {
    id: 1,
    buildingId: 3,
    buildingName: '3号楼',
    estateName: '梧桐新村',
    neighbourhoodId: 2,
    neighbourhoodName: '梧桐居民区',
    room: '302',
    status: 'approved',
    reason: null,
    isRepresentative: false,
    requestedAt: '2025-11-01T00:00:00Z',
    reviewedAt: '2025-11-02T00:00:00Z',
  },
}

const screen = setUpScreen(neighbour)

const lift: ProposalListItem = {
  id: 11,
  title: '3号楼加装电梯',
  category: 'elevator',
  level: 'building',
  unitId: 3,
  unitName: '3号楼',
  neighbourhoodId: 2,
  state: 'submitted',
  cosignCount: 2,
  threshold: 5,
  deadlineAt: null,
  overdue: false,
  authorLabel: '3号楼居民',
  enteredByStaff: false,
  contentStatus: 'visible',
  isMine: false,
  cosignedByMe: false,
  followedByMe: false,
  coverPhoto: null,
  voteClosesAt: null,
  createdAt: '2025-03-01T02:00:00.000Z',
  updatedAt: '2025-03-01T02:00:00.000Z',
}
const topic: Topic = {
  id: 4,
  unit: { id: 2, name: '梧桐居民区', level: 'neighbourhood' },
  neighbourhoodId: 2,
  question: '电梯加装方案大家怎么看',
  background: '',
  closesAt: null,
  state: 'open',
  closed: false,
  pending: false,
  summary: null,
  concludedAt: null,
  proposalId: null,
  openedAt: '2025-03-01T02:00:00.000Z',
  lastPostAt: null,
  postCount: 0,
  participantCount: 0,
  stances: { support: 0, oppose: 0, neutral: 0 },
  myStance: null,
  canPost: true,
  cannotPostReason: null,
  canModerate: false,
}

/** Answers a list by its `q`: the items whose text holds every word, like the server. */
function byWords<T>(items: T[], text: (t: T) => string) {
  return (call: Call) => {
    const words = (call.query.q ?? '').split(/\s+/).filter(Boolean)
    return { items: items.filter((i) => words.every((w) => text(i).includes(w))), nextCursor: null }
  }
}

const type = (value: string) =>
  act(() => void screen.container.querySelector('#search-input')!.dispatchEvent(new CustomEvent('input', { detail: { value }, bubbles: true })))
const settle = () => act(() => new Promise((r) => setTimeout(r, 0)))

test('the proposals list searches with the words typed, says what to try when nothing is found, and clears', async () => {
  const server = fakeServer({ 'GET /api/proposals': byWords([lift], (p) => p.title) })
  act(() => screen.root.render(<ProposalsPage />))
  await settle()
  expect(screen.container.textContent).toContain('3号楼加装电梯')
  expect(server.calls.map((c) => c.query.q)).toEqual([undefined])

  // Typing alone asks nothing; 搜索 does.
  type('  篮球场 ')
  expect(server.calls).toHaveLength(1)
  await screen.tap('.btn', '搜索')
  await settle()
  expect(server.calls.map((c) => c.query.q)).toEqual([undefined, '篮球场'])
  expect(screen.container.textContent).toContain('没有找到和“篮球场”有关的提案')
  expect(screen.container.textContent).toContain('少输几个字')
  expect(screen.container.textContent).toContain('按相关程度排列')

  type('电梯')
  await screen.tap('.btn', '搜索')
  await settle()
  expect(server.calls[2].query.q).toBe('电梯')
  expect(screen.container.textContent).toContain('3号楼加装电梯')

  await screen.tap('.btn', '清除')
  await settle()
  expect(server.calls[3].query.q).toBeUndefined()
  expect(screen.container.textContent).not.toContain('按相关程度排列')
})

test('the 议事厅 searches every topic, whatever its state, and says what to try', async () => {
  const server = fakeServer({ 'GET /api/topics': byWords([topic], (t) => t.question) })
  act(() => screen.root.render(<HallPage />))
  await settle()
  expect(server.calls[0].query).toMatchObject({ state: 'open', mine: '1' })

  type('垃圾')
  await act(async () => void screen.container.querySelector('#search-input')!.dispatchEvent(new CustomEvent('confirm', { detail: { value: '垃圾' }, bubbles: true })))
  await settle()
  expect(server.calls[1].query).toEqual({ q: '垃圾', mine: '1' })
  expect(screen.container.textContent).toContain('没有找到和“垃圾”有关的议题')
})

test('the step view shows each step of the road with the days left of the current one', () => {
  const now = new Date('2025-03-05T02:00:00.000Z')
  const d = {
    id: 9,
    state: 'screening',
    createdAt: '2025-03-01T02:00:00.000Z',
    deadlineAt: '2025-03-08T02:00:00.000Z',
    referral: null,
    timeline: [
      { from: null, to: 'submitted', at: '2025-03-01T02:00:00.000Z' },
      { from: 'submitted', to: 'screening', at: '2025-03-01T02:00:00.000Z' },
    ],
  } as unknown as ProposalDetail
  act(() => screen.root.render(<RoadCard detail={d} now={now} />))
  const steps = [...screen.container.querySelectorAll('.road__step')].map((e) => [e.getAttribute('data-status'), e.querySelector('.road__title')!.textContent])
  expect(steps).toEqual([
    ['done', '提出 · 已完成'],
    ['done', '附议 · 已完成'],
    ['now', '审核立项 · 进行中'],
    ['ahead', '协商 · 待进行'],
    ['ahead', '表决 · 待进行'],
    ['ahead', '实施 · 待进行'],
    ['ahead', '评议 · 待进行'],
  ])
  expect(screen.container.textContent).toContain('还剩 3 天')
  expect(timeLeftText({ deadlineAt: d.deadlineAt, daysLeft: -2 } as never)).toMatch(/^已超期 2 天/)
  expect(timeLeftText({ deadlineAt: d.deadlineAt, daysLeft: 0 } as never)).toMatch(/^今天到期/)
})
