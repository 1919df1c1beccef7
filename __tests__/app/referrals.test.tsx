/**
 * 转办 as the referee handles it: on the proposal detail only the referee gets 接受 / 答复 / 退回, an empty
 * answer or reason is refused on the spot, an answer is sent as written, a refusal sends the referee
 * back (it can no longer read the proposal); the inbox lists open referrals for a referee only.
 */
import './taro-h5'
import './page-hooks'
import Taro from '@tarojs/taro'
import { act } from 'react'
import type { Me, ProposalDetail, ProposalTransition, ReferralInboxItem } from '@yishi/types'
import { fakeServer } from './fake-server'
import { setUpScreen } from './screen'
import { RefereeCard } from '@/referrals/RefereeCard'
import { useProposalAction } from '@/proposals/useProposalAction'
import { Timeline } from '@/proposals/parts'
import { isReferee } from '@/referrals/api'
import ReferralsPage from '@/more/referrals/index'

const property: Me = {
  id: 41,
  label: '梧桐物业',
  roles: [{ role: 'property', unitId: 2, unitName: '梧桐居民区', unitLevel: 'neighbourhood' }],
  residence: null,
  verified: false,
  privacyAcceptedAt: '2026-01-01T00:00:00Z',
}

const screen = setUpScreen(property)

const referral = { to: 'property', toName: '物业', reason: '物业职责', status: 'open', acceptedAt: null, answer: null, answeredAt: null, answeredBy: null }
const detail = (more: Partial<ProposalDetail> = {}) => ({ id: 9, state: 'referred', isReferee: true, referral, ...more }) as unknown as ProposalDetail

function Card({ d, reload }: { d: ProposalDetail; reload: () => Promise<void> }) {
  return <RefereeCard d={d} action={useProposalAction(reload)} />
}

const type = (value: string) =>
  act(() => void screen.container.querySelector('.field__textarea')!.dispatchEvent(new CustomEvent('input', { detail: { value }, bubbles: true })))
const buttons = () => [...screen.container.querySelectorAll('.btn')].map((b) => b.textContent)

test('a referee is whoever holds a 物业, 业委会 or department role, never staff', () => {
  expect(isReferee(property)).toBe(true)
  expect(isReferee({ ...property, roles: [{ ...property.roles[0], role: 'moderator' }] })).toBe(false)
  expect(isReferee({ ...property, roles: [] })).toBe(false)
  expect(isReferee(null)).toBe(false)
})

test('only the referee of an unanswered referral gets the actions', () => {
  const reload = jest.fn(() => Promise.resolve())
  act(() => screen.root.render(<Card d={detail()} reload={reload} />))
  expect(buttons()).toEqual(['接受', '答复', '退回居委会'])
  act(() => screen.root.render(<Card d={detail({ referral: { ...referral, status: 'accepted' } } as Partial<ProposalDetail>)} reload={reload} />))
  expect(buttons()).toEqual(['答复', '退回居委会'])
  act(() => screen.root.render(<Card d={detail({ isReferee: false })} reload={reload} />))
  expect(screen.container.textContent).toBe('')
  act(() => screen.root.render(<Card d={detail({ referral: { ...referral, status: 'answered' } } as Partial<ProposalDetail>)} reload={reload} />))
  expect(screen.container.textContent).toBe('')
})

test('the referee answers: an empty answer is refused, the written one is sent and the proposal reloads', async () => {
  const server = fakeServer({ 'POST /api/proposals/9/referral/answer': () => detail() })
  const reload = jest.fn(() => Promise.resolve())
  act(() => screen.root.render(<Card d={detail()} reload={reload} />))
  await screen.tap('.btn', '答复')
  await screen.tap('.btn', '提交答复')
  expect(screen.find('.field__error', '请填写答复内容')).toBeTruthy()
  expect(server.calls).toEqual([])

  type('  已安排维修，本周五完成  ')
  await screen.tap('.btn', '提交答复')
  expect(screen.modal).toHaveBeenCalledWith(expect.objectContaining({ title: '提交答复' }))
  expect(server.calls.map((c) => [c.path, c.data])).toEqual([['/api/proposals/9/referral/answer', { answer: '已安排维修，本周五完成' }]])
  expect(reload).toHaveBeenCalledTimes(1)
})

test('accepting asks first and sends nothing else', async () => {
  const server = fakeServer({ 'POST /api/proposals/9/referral/accept': () => detail() })
  act(() => screen.root.render(<Card d={detail()} reload={() => Promise.resolve()} />))
  await screen.tap('.btn', '接受')
  expect(server.calls.map((c) => [c.path, c.data])).toEqual([['/api/proposals/9/referral/accept', {}]])
})

test('sending it back needs a reason, then leaves the page instead of reloading it', async () => {
  const server = fakeServer({ 'POST /api/proposals/9/referral/refuse': () => ({ id: 9, state: 'screening' }) })
  const back = jest.spyOn(Taro, 'navigateBack').mockImplementation(() => Promise.resolve({ errMsg: 'ok' }))
  const reload = jest.fn(() => Promise.resolve())
  act(() => screen.root.render(<Card d={detail()} reload={reload} />))
  await screen.tap('.btn', '退回居委会')
  await screen.tap('.btn', '确认退回')
  expect(screen.find('.field__error', '请填写退回的原因')).toBeTruthy()
  await screen.tap('.choice', '不属于我们的职责范围')
  await screen.tap('.btn', '确认退回')
  expect(server.calls.map((c) => [c.path, c.data])).toEqual([['/api/proposals/9/referral/refuse', { reason: '不属于我们的职责范围' }]])
  expect(back).toHaveBeenCalledTimes(1)
  expect(reload).not.toHaveBeenCalled()
})

test('the inbox lists the open referrals with their deadline', async () => {
  const item = {
    id: 9,
    title: '3号楼电梯异响',
    body: '',
    category: 'facilities',
    referredTo: 'property',
    neighbourhoodId: 2,
    neighbourhoodName: '梧桐居民区',
    estateName: '梧桐新村',
    unitName: '3号楼',
    authorLabel: '3号楼居民',
    reason: '物业职责',
    referredAt: '2026-03-01T02:00:00Z',
    deadlineAt: '2026-03-08T02:00:00Z',
    overdue: true,
    status: 'open',
    acceptedAt: null,
    answer: null,
    answeredAt: null,
  } as unknown as ReferralInboxItem
  const server = fakeServer({ 'GET /api/referrals': () => ({ items: [item] }) })
  await act(async () => screen.root.render(<ReferralsPage />))
  expect(server.calls.map((c) => c.path)).toEqual(['/api/referrals'])
  const card = screen.find('.card', '3号楼电梯异响')
  expect(card.textContent).toContain('已超期')
  expect(card.textContent).toContain('居委会说明：物业职责')
  expect(card.textContent).toContain('请在')
})

test('the timeline shows a referral’s own steps by name, apart from a state change with the same id', () => {
  const step = (referralEvent: ProposalTransition['referralEvent'], actorRole: ProposalTransition['actorRole']): ProposalTransition => ({
    id: 4,
    from: 'referred',
    to: 'referred',
    actorRole,
    actorLabel: actorRole === 'referee' ? '物业' : '居委会',
    referralEvent,
    photos: [],
    reason: null,
    details: null,
    at: '2026-03-02T02:00:00Z',
  })
  const error = jest.spyOn(console, 'error')
  act(() => screen.root.render(<Timeline steps={[step(null, 'committee'), step('accepted', 'referee'), step('answered', 'referee')]} />))
  expect([...screen.container.querySelectorAll('.timeline__title')].map((t) => t.textContent)).toEqual(['已转办', '已接收转办', '已答复'])
  expect(error).not.toHaveBeenCalled()
})
