/**
 * 纸质问卷复核 on the committee's survey detail: each batch with its state, a 复核 button only for
 * batches someone else entered (asked first, then counted), and the 街镇's 确认计入评估 for a closed
 * wave the index holds back.
 */
import './taro-h5'
import './page-hooks'
import { fakeServer } from './fake-server'
import { moderator, setUpScreen } from './screen'
import { act } from 'react'
import type { Me, PaperBatch, SurveyDetail, SurveyResults } from '@yishi/types'
import { PaperBatches } from '@/committee/surveys/PaperBatches'
import { SurveyResultsView } from '@/committee/surveys/Results'

const screen = setUpScreen()

const batch = (id: number, enteredBy: number, checked = false): PaperBatch => ({
  id,
  surveyId: 7,
  count: id === 1 ? 8 : 1,
  byStreet: false,
  enteredBy,
  enteredAt: '2026-11-20T02:00:00Z',
  checkedBy: checked ? 40 : null,
  checkedAt: checked ? '2026-11-21T02:00:00Z' : null,
})
const streetAdmin: Me = { ...moderator, id: 40, roles: [{ role: 'admin', unitId: 1, unitName: '新华路街道', unitLevel: 'street' }] }
const survey = (state: SurveyDetail['state']) => ({ id: 7, state }) as SurveyDetail
const results = (heldReason: string | null) =>
  ({ paper: { paperShare: 0.9, committeePaperShare: 0.9, uncheckedPaper: 1, confirmedAt: null, heldReason } }) as SurveyResults

async function render(node: React.ReactNode) {
  await act(async () => {
    screen.root.render(node)
  })
}
const buttons = (text: string) => [...screen.container.querySelectorAll('.btn')].filter((b) => b.textContent === text) as HTMLElement[]

test('each batch shows its count, entry time and state; 复核 only on batches the viewer did not enter', async () => {
  fakeServer({ 'GET /api/surveys/7/paper-batches': () => ({ items: [batch(3, 30), batch(2, 31), batch(1, 31, true)] }) })
  await render(<PaperBatches survey={survey('published')} results={results(null)} me={moderator} onChange={jest.fn()} />)
  const rows = [...screen.container.querySelectorAll('.cs-batch')]
  expect(rows).toHaveLength(3)
  expect(rows[0].textContent).toContain('1 份')
  expect(rows[0].textContent).toContain('待复核')
  expect(rows[0].textContent).toContain('录入')
  expect(rows[0].textContent).toContain('请另一位工作人员复核')
  expect(rows[0].querySelector('.btn')).toBeNull()
  expect(rows[1].textContent).toContain('待复核')
  expect(rows[1].querySelector('.btn')?.textContent).toBe('复核')
  expect(rows[2].textContent).toContain('8 份')
  expect(rows[2].textContent).toContain('已复核')
  expect(rows[2].querySelector('.btn')).toBeNull()
  expect(buttons('确认计入评估')).toHaveLength(0)
})

test('复核 asks first, then checks the batch and says the results changed', async () => {
  const server = fakeServer({
    'GET /api/surveys/7/paper-batches': () => ({ items: [batch(2, 31)] }),
    'POST /api/surveys/7/paper-batches/2/check': () => batch(2, 31, true),
  })
  const onChange = jest.fn()
  await render(<PaperBatches survey={survey('published')} results={results(null)} me={moderator} onChange={onChange} />)
  screen.declineNext()
  await act(async () => buttons('复核')[0].click())
  expect(server.calls.filter((c) => c.method === 'POST')).toHaveLength(0)
  await act(async () => buttons('复核')[0].click())
  expect(server.calls.filter((c) => c.method === 'POST').map((c) => c.path)).toEqual(['/api/surveys/7/paper-batches/2/check'])
  expect(screen.container.querySelector('.cs-batch')?.textContent).toContain('已复核')
  expect(buttons('复核')).toHaveLength(0)
  expect(onChange).toHaveBeenCalledTimes(1)
})

test('a 街镇 admin confirms a closed wave held back for its paper; no one else, and not while open', async () => {
  const server = fakeServer({
    'GET /api/surveys/7/paper-batches': () => ({ items: [] }),
    'POST /api/surveys/7/paper-confirmation': () => results(null).paper,
  })
  const held = '九成回答是居委会录入的纸质问卷，需街镇确认'
  await render(<PaperBatches survey={survey('closed')} results={results(held)} me={moderator} onChange={jest.fn()} />)
  expect(buttons('确认计入评估')).toHaveLength(0)
  await render(<PaperBatches survey={survey('published')} results={results(held)} me={streetAdmin} onChange={jest.fn()} />)
  expect(buttons('确认计入评估')).toHaveLength(0)
  const onChange = jest.fn()
  await render(<PaperBatches survey={survey('closed')} results={results(held)} me={streetAdmin} onChange={onChange} />)
  expect(screen.container.textContent).toContain(held)
  await act(async () => buttons('确认计入评估')[0].click())
  expect(screen.modal).toHaveBeenCalled()
  expect(server.calls.filter((c) => c.method === 'POST').map((c) => c.path)).toEqual(['/api/surveys/7/paper-confirmation'])
  expect(onChange).toHaveBeenCalledTimes(1)
})

test('the results say how much came on paper, what still waits for its check, and why the index holds the wave', async () => {
  const r = {
    unit: { id: 2, name: '梧桐居民区', level: 'neighbourhood' },
    responses: { total: 10, app: 1, paper: 9, paperShare: 0.9 },
    paper: { paperShare: 0.9, committeePaperShare: 0.9, uncheckedPaper: 2, confirmedAt: null, heldReason: '需街镇确认' },
    eligible: { verifiedResidents: 20, verifiedHouseholds: 15, households: 100 },
    responseRate: 0.05,
    minCellSize: 10,
    available: true,
    questions: [],
    instruments: [],
  } as unknown as SurveyResults
  await render(<SurveyResultsView results={r} />)
  expect(screen.container.textContent).toContain('纸质问卷占 90.0%')
  expect(screen.container.textContent).toContain('2 份待复核，未计入')
  expect(screen.container.textContent).toContain('暂不计入评估：需街镇确认')
})
