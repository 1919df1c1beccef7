/**
 * 代录附议 on the committee's 代录 page: the proposal's 代录 co-signatures listed with a 撤销 (asked
 * first, the count going down), and a second person of a household already counted told 该户已附议.
 */
import './taro-h5'
import './page-hooks'
import { fakeServer } from './fake-server'
import { setUpScreen } from './screen'
import { act } from 'react'
import type { CosignResult, ProposalListItem, ProxyCosign, UnitNode } from '@yishi/types'
import ProxyPage from '@/committee/proposals/proxy'

const screen = setUpScreen()
const node = (id: number, level: UnitNode['level'], name: string, children: UnitNode[] = []) =>
  ({ id, level, name, parentId: null, children, verifiedHouseholds: 0 }) as unknown as UnitNode
const units = [node(1, 'street', '新华路街道', [node(2, 'neighbourhood', '梧桐居民区', [node(3, 'estate', '梧桐新村', [node(4, 'building', '2号楼')])])])]
const proposal = { id: 9, title: '加装楼道扶手', unitName: '2号楼', cosignCount: 3, threshold: 5, contentStatus: 'visible', state: 'submitted' } as ProposalListItem
const entry = (id: number, room: string): ProxyCosign => ({ id, buildingId: 4, buildingName: '2号楼', room, enteredAt: '2026-11-20T02:00:00Z' })

const { find, tap } = screen
const fill = (label: string, value: string) => {
  const field = [...screen.container.querySelectorAll('.field')].find((f) => f.querySelector('.field__label')?.textContent?.startsWith(label))!
  act(() => void field.querySelector('taro-input-core')!.dispatchEvent(new CustomEvent('input', { detail: { value }, bubbles: true })))
}

async function openCosignTab(cosigns: ProxyCosign[], answers: { cosign?: CosignResult; remove?: CosignResult }) {
  let listed = cosigns
  const server = fakeServer({
    'GET /api/units': () => ({ units }),
    'GET /api/proposals': () => ({ items: [proposal], nextCursor: null }),
    'GET /api/proposals/9/proxy-cosigns': () => ({ items: listed }),
    'POST /api/proposals/9/cosign': () => answers.cosign,
    'DELETE /api/proposals/9/proxy-cosigns/21': () => {
      listed = listed.filter((c) => c.id !== 21)
      return answers.remove
    },
  })
  await act(async () => screen.root.render(<ProxyPage />))
  await tap('.segment', '代录附议')
  await tap('.choice', '加装楼道扶手')
  return server
}

test('the chosen proposal’s 代录 co-signatures each have a 撤销 that asks first and lowers the count', async () => {
  const server = await openCosignTab([entry(21, '502'), entry(22, '601')], { remove: { cosigned: false, cosignCount: 2, threshold: 5, state: 'submitted' } })
  expect(find('.choice', '加装楼道扶手').textContent).toContain('3 / 5 人附议')
  const rows = () => [...screen.container.querySelectorAll('.proxy-cosign')].map((r) => r.querySelector('.list-row__label')?.textContent)
  expect(rows()).toEqual(['2号楼 502', '2号楼 601'])

  screen.declineNext()
  await act(async () => find('.proxy-cosign', '502').querySelector('.btn')!.dispatchEvent(new MouseEvent('click', { bubbles: true })))
  expect(server.calls.some((c) => c.method === 'DELETE')).toBe(false)

  await act(async () => find('.proxy-cosign', '502').querySelector('.btn')!.dispatchEvent(new MouseEvent('click', { bubbles: true })))
  expect(screen.modal).toHaveBeenLastCalledWith(expect.objectContaining({ title: '撤销代录附议' }))
  expect(server.calls.filter((c) => c.method === 'DELETE').map((c) => c.path)).toEqual(['/api/proposals/9/proxy-cosigns/21'])
  expect(rows()).toEqual(['2号楼 601'])
  expect(find('.choice', '加装楼道扶手').textContent).toContain('2 / 5 人附议')
  expect(screen.toast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '已撤销（2/5）' }))
})

test('a second person of a household already counted: 该户已附议, the count unchanged', async () => {
  await openCosignTab([entry(21, '502')], { cosign: { cosigned: true, cosignCount: 3, threshold: 5, state: 'submitted' } })
  await tap('.tile', '梧桐新村')
  await tap('.tile', '2号楼')
  fill('房号', '502')
  fill('姓名', '王老伯')
  await tap('.btn', '代录附议')
  expect(screen.toast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '该户已附议，人数不变（3/5）' }))
  expect(find('.choice', '加装楼道扶手').textContent).toContain('3 / 5 人附议')
})

test('a new household is counted: 已代录 with the new count, and it is listed', async () => {
  const server = await openCosignTab([], { cosign: { cosigned: true, cosignCount: 4, threshold: 5, state: 'submitted' } })
  await tap('.tile', '梧桐新村')
  await tap('.tile', '2号楼')
  fill('房号', '302')
  await tap('.btn', '代录附议')
  expect(screen.toast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '已代录（4/5）' }))
  expect(server.calls.filter((c) => c.path === '/api/proposals/9/proxy-cosigns')).toHaveLength(2)
})
