/**
 * 认证审核: on an approved resident the 居委会 names or unnames a 居民代表 at any time, not only when
 * approving; the switch shows what the server stored.
 */
import './taro-h5'
import './page-hooks'
import { act } from 'react'
import type { VerificationRequest } from '@yishi/types'
import { fakeServer } from './fake-server'
import { setUpScreen } from './screen'
import VerificationsPage from '@/committee/verifications/index'

const screen = setUpScreen()

const approved: VerificationRequest = {
  id: 31,
  userId: 7,
  buildingId: 200,
  buildingName: '3号楼',
  estateName: '梧桐新村',
  room: '302',
  status: 'approved',
  reason: null,
  isRepresentative: false,
  requestedAt: '2026-11-01T02:00:00.000Z',
  reviewedAt: '2026-11-02T02:00:00.000Z',
}

const fire = (el: Element, type: string, value: unknown) => act(() => void el.dispatchEvent(new CustomEvent(type, { detail: { value }, bubbles: true })))

test('an approved resident is named 居民代表 with the switch, and unnamed again', async () => {
  let stored = false
  let lists = 0
  // The page asks for the pending tab first, then the approved one.
  const server = fakeServer({
    'GET /api/verifications': () => ({ items: lists++ === 0 ? [] : [{ ...approved, isRepresentative: stored }] }),
    'PUT /api/residences/31/representative': (req) => {
      stored = (req.data as { isRepresentative: boolean }).isRepresentative
      return { id: 31, isRepresentative: stored }
    },
  })
  await act(async () => screen.root.render(<VerificationsPage />))
  // Pending requests have no such switch; the approved tab has one per resident.
  expect(screen.container.textContent).not.toContain('居民代表')
  await screen.tap('.segment', '已认证')
  const toggle = () => screen.container.querySelector('.switch')!
  expect(screen.container.textContent).toContain('居民代表')
  fire(toggle(), 'change', true)
  await act(async () => undefined)
  fire(toggle(), 'change', false)
  await act(async () => undefined)
  expect(server.calls.filter((c) => c.method === 'PUT').map((c) => [c.path, c.data])).toEqual([
    ['/api/residences/31/representative', { isRepresentative: true }],
    ['/api/residences/31/representative', { isRepresentative: false }],
  ])
  expect(stored).toBe(false)
})
