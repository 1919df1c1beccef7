/**
 * The committee's 处理提案 screens: 更正 in the progress panel (lower figures only with the switch on and
 * a reason, sent with `correction: true`), correction entries labelled 更正 in the progress list everyone
 * reads, and the 三会 date picker bounded by the submission day and today.
 */
import './taro-h5'
import './page-hooks'
import { fakeServer } from './fake-server'
import { setUpScreen } from './screen'
import { act } from 'react'
import type { ProgressUpdate, ProposalDetail } from '@yishi/types'
import { correctionProblem, ProgressPanel } from '@/committee/proposals/panels/ProgressPanel'
import { ImplementationCard } from '@/proposals/parts'
import { MeetingPanel } from '@/committee/proposals/panels/MeetingPanel'

const screen = setUpScreen()

const implementing = {
  id: 9,
  state: 'implementing',
  allowedTransitions: ['completed'],
  overdue: false,
  implementation: { owner: '物业', plannedDate: '2026-12-31', budgetPlanned: 5000, budgetSpent: 3000, percent: 75 },
  progress: [] as ProgressUpdate[],
} as unknown as ProposalDetail

const tiles = () => [...screen.container.querySelectorAll('.tile')].map((t) => t.textContent)
const fire = (el: Element, type: string, value: unknown) => act(() => void el.dispatchEvent(new CustomEvent(type, { detail: { value }, bubbles: true })))

test('lowering a figure is a correction; a correction must lower one', () => {
  const before = { percent: 75, spent: 3000 }
  expect(correctionProblem(before, { percent: 90, spent: 3500 }, false)).toBeNull()
  expect(correctionProblem(before, { percent: 75, spent: undefined }, false)).toBeNull()
  expect(correctionProblem(before, { percent: 50, spent: undefined }, false)).toContain('更正')
  expect(correctionProblem(before, { percent: 75, spent: 2000 }, false)).toContain('更正')
  expect(correctionProblem(before, { percent: 50, spent: undefined }, true)).toBeNull()
  expect(correctionProblem(before, { percent: 90, spent: 3000 }, true)).toContain('不是更正')
  expect(correctionProblem({ percent: 0, spent: null }, { percent: 10, spent: 0 }, false)).toBeNull()
})

test('the 更正 switch offers lower percents, asks for the reason and sends correction: true', async () => {
  const server = fakeServer({ 'POST /api/proposals/9/progress': () => ({}) })
  const run = jest.fn((_key: string, work: () => Promise<unknown>, _options?: object) => work().then(() => true))
  act(() => screen.root.render(<ProgressPanel d={implementing} run={run} busy={null} />))
  expect(tiles()).toEqual(['75%', '90%', '100%'])
  expect(screen.container.textContent).toContain('进展说明')

  fire(screen.container.querySelector('.switch')!, 'change', true)
  expect(tiles()).toEqual(['10%', '25%', '50%', '75%', '90%', '100%'])
  expect(screen.container.textContent).toContain('更正原因')
  await screen.tap('.tile', '50%')
  await screen.tap('.btn', '发布进展')
  expect(screen.container.querySelector('.field__error')?.textContent).toContain('更正原因')
  expect(run).not.toHaveBeenCalled()

  fire(screen.container.querySelector('.field__textarea')!, 'input', '上次把二期工程也算进去了，实际完成一半')
  await screen.tap('.btn', '发布进展')
  expect(run).toHaveBeenCalledTimes(1)
  expect(run.mock.calls[0][2]).toMatchObject({ ask: { title: '发布更正' } })
  expect(server.calls.map((c) => [c.path, c.data])).toEqual([
    ['/api/proposals/9/progress', { percent: 50, text: '上次把二期工程也算进去了，实际完成一半', correction: true }],
  ])
})

test('the progress list labels correction entries 更正', () => {
  const entry = (id: number, percent: number, correction: boolean): ProgressUpdate => ({
    id,
    percent,
    text: correction ? '上次报多了' : '加装扶手',
    photos: [],
    budgetSpent: null,
    correction,
    createdAt: '2026-11-0' + id + 'T02:00:00Z',
    comments: [],
  })
  act(() => screen.root.render(<ImplementationCard detail={{ ...implementing, progress: [entry(1, 75, false), entry(2, 50, true)] }} />))
  const titles = [...screen.container.querySelectorAll('.block__head')].map((b) => b.textContent)
  expect(titles).toEqual(['更正为 50%更正', '完成 75%'])
  expect([...screen.container.querySelectorAll('.block .badge')].map((b) => b.textContent)).toEqual(['更正'])
})

test('the meeting date picker offers only days from the proposal’s submission to today (Shanghai)', async () => {
  // Submitted at 23:30 UTC on 1 Nov: already 2 Nov in Shanghai.
  const d = { ...implementing, meetings: [], createdAt: '2026-11-01T23:30:00Z' } as unknown as ProposalDetail
  // 17:00 UTC on 6 Dec is 7 Dec in Shanghai.
  const now = jest.spyOn(Date, 'now').mockReturnValue(Date.parse('2026-12-06T17:00:00Z'))
  act(() => screen.root.render(<MeetingPanel d={d} run={jest.fn()} busy={null} />))
  await screen.tap('.btn', '记录一次会议')
  now.mockRestore()
  const picker = screen.container.querySelector('.field taro-picker-core')!
  expect([picker.getAttribute('start'), picker.getAttribute('end'), picker.getAttribute('value')]).toEqual(['2026-11-02', '2026-12-07', '2026-12-07'])
})
