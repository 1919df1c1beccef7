/**
 * What a resident who is not verified yet is told: on 首页, that topics are open but wait for their
 * verification; applying again after a rejection, the old request filled in; while pending, how long the
 * 居委会 usually takes and how to reach it.
 */
import './taro-h5'
import './page-hooks'
import { act } from 'react'
import type { Me, Residence, ResidenceWait, UnitNode } from '@yishi/types'
import { waitView } from '@/accounts/residence'
import { HallHomeSection } from '@/discussions/HallHomeSection'
import ResidencePage from '@/pages/residence/index'
import { ContactCard } from '@/committee/verifications/ContactCard'
import { fakeServer } from './fake-server'
import { resident, setUpScreen } from './screen'

const request: Residence = {
  id: 9,
  buildingId: 40,
  buildingName: '5号楼',
  estateName: '梧桐新村',
  neighbourhoodId: 2,
  neighbourhoodName: '梧桐居民区',
  room: '502',
  status: 'rejected',
  reason: '房号与产权登记不符',
  isRepresentative: false,
  requestedAt: '2026-11-01T02:00:00.000Z',
  reviewedAt: '2026-11-02T02:00:00.000Z',
}

const unit = (id: number, level: UnitNode['level'], name: string, children: UnitNode[] = []): UnitNode => ({
  id,
  parentId: null,
  level,
  name,
  housingType: null,
  households: 10,
  verifiedHouseholds: 0,
  children,
})
const tree = [
  unit(1, 'street', '长宁示范街道', [
    unit(2, 'neighbourhood', '梧桐居民区', [unit(3, 'estate', '梧桐新村', [unit(39, 'building', '3号楼'), unit(40, 'building', '5号楼')])]),
  ]),
]

const screen = setUpScreen(resident)
const text = () => screen.container.textContent ?? ''
const signedInAs = async (me: Me) => {
  const { useSession } = await import('@/accounts/session')
  act(() => useSession.setState({ me }))
}

test('首页 says topics are open but wait for verification, with their count and a way to verify', async () => {
  const server = fakeServer({
    'GET /api/topics': () => ({ items: [], nextCursor: null }),
    'GET /api/topics/hidden': () => ({ open: 2 }),
  })
  await act(async () => screen.root.render(<HallHomeSection />))
  expect(text()).toContain('有 2 个议题正在讨论')
  expect(text()).toContain('完成居住认证后')
  expect(text()).not.toContain('现在没有进行中的议事')
  expect(screen.find('.btn, button, [class*=button]', '去认证')).toBeTruthy()
  expect(server.calls.some((c) => c.path === '/api/topics/hidden')).toBe(true)
})

test('首页 says nothing is open when nothing is', async () => {
  fakeServer({ 'GET /api/topics': () => ({ items: [], nextCursor: null }), 'GET /api/topics/hidden': () => ({ open: 0 }) })
  await act(async () => screen.root.render(<HallHomeSection />))
  expect(text()).toContain('现在没有进行中的议事')
  expect(text()).not.toContain('个议题正在讨论')
})

test('a verified resident is not counted for', async () => {
  await signedInAs({ ...resident, verified: true, residence: { ...request, status: 'approved', reason: null } })
  const server = fakeServer({ 'GET /api/topics': () => ({ items: [], nextCursor: null }) })
  await act(async () => screen.root.render(<HallHomeSection />))
  expect(text()).toContain('现在没有进行中的议事')
  expect(server.calls.some((c) => c.path === '/api/topics/hidden')).toBe(false)
})

test('a rejected resident applies again on the old request, with the reason shown', async () => {
  await signedInAs({ ...resident, residence: request })
  const server = fakeServer({
    'GET /api/units': () => ({ units: tree }),
    'GET /api/me': () => ({ ...resident, residence: request }),
    'POST /api/me/residence': () => [201, { ...request, status: 'pending', reason: null }],
  })
  await act(async () => screen.root.render(<ResidencePage />))
  expect(text()).toContain('房号与产权登记不符')
  expect(text()).toContain('已为您填好上次的 梧桐新村 5号楼 502 室')
  expect(screen.container.querySelector('.choice--selected')?.textContent).toContain('梧桐新村')
  expect(screen.container.querySelector('.tile--selected')?.textContent).toContain('5号楼')
  // Sent as it was filled in: the same 楼组 and room.
  await screen.tap('.btn, button, [class*=button]', '提交认证')
  expect(server.calls.find((c) => c.method === 'POST')?.data).toEqual({ buildingId: 40, room: '502' })
})

test('a pending request says how long the 居委会 usually takes and how to reach it', async () => {
  const pending = { ...request, status: 'pending' as const, reason: null }
  await signedInAs({ ...resident, residence: pending })
  fakeServer({
    'GET /api/units': () => ({ units: tree }),
    'GET /api/me/residence/wait': () => ({ neighbourhoodName: '梧桐居民区', contact: '电话 6201-1234', typicalHours: 30, reviewedCount: 12 }),
  })
  await act(async () => screen.root.render(<ResidencePage />))
  expect(text()).toContain('梧桐居民区居委会一般在 2 天内审核完（按最近 12 次审核计算）')
  expect(text()).toContain('着急的话可以联系居委会：电话 6201-1234')
})

test('the wait reads plainly with few or no reviews and no contact', () => {
  const w: ResidenceWait = { neighbourhoodName: '香樟居民区', contact: null, typicalHours: null, reviewedCount: 0 }
  expect(waitView(w)).toEqual({ time: '香樟居民区居委会还没有审核过认证申请，暂时估计不出要等多久。', contact: '着急的话可以直接到居委会办公室询问。' })
  expect(waitView({ ...w, typicalHours: 0.4, reviewedCount: 3 }).time).toContain('1 小时内')
  expect(waitView({ ...w, typicalHours: 5.2, reviewedCount: 3 }).time).toContain('6 小时内')
})

test('the 居委会 writes the contact residents are given', async () => {
  const withContact = [{ ...tree[0], children: [{ ...tree[0].children[0], contact: '电话 6201-1234' }] }]
  const server = fakeServer({
    'GET /api/units': () => ({ units: withContact }),
    'PATCH /api/units/2': (call) => ({ ...unit(2, 'neighbourhood', '梧桐居民区'), contact: (call.data as { contact: string }).contact.trim() }),
  })
  await act(async () => screen.root.render(<ContactCard neighbourhoodId={2} />))
  const input = () => screen.container.querySelector('#contact-field .field__input')!
  expect(input().getAttribute('value') ?? (input() as HTMLInputElement).value).toBe('电话 6201-1234')
  act(() => void input().dispatchEvent(new CustomEvent('input', { detail: { value: '电话 6201-5678，工作日 9:00–17:00 ' }, bubbles: true })))
  await screen.tap('.btn, button, [class*=button]', '保存联系方式')
  expect(server.calls.find((c) => c.method === 'PATCH')?.data).toEqual({ contact: '电话 6201-5678，工作日 9:00–17:00 ' })
  expect(screen.toast).toHaveBeenCalledWith(expect.objectContaining({ title: '已保存' }))
})
