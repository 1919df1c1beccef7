/**
 * Subscribe messages: after submitting a proposal the mini-program asks for the configured templates,
 * never again for one the resident turned down, and not at all when none is configured or in H5.
 */
import './taro-h5'
import './page-hooks'
import Taro from '@tarojs/taro'
import { act } from 'react'
import type { Me } from '@yishi/types'
import { useProposalDraft } from '@/proposals/draft'
import { configuredTemplates } from '@/notifications/subscribe'
import SubmitProposalPage from '@/more/proposals/submit'
import { fakeServer } from './fake-server'
import { resident, setUpScreen } from './screen'

const verified: Me = {
  ...resident,
  verified: true,
  residence: {
    id: 1,
    buildingId: 200,
    buildingName: '3号楼',
    estateName: '梧桐新村',
    neighbourhoodId: 2,
    neighbourhoodName: '梧桐居民区',
    room: '302',
    status: 'approved',
    reason: null,
    isRepresentative: false,
    requestedAt: '2026-11-01T02:00:00.000Z',
    reviewedAt: '2026-11-02T02:00:00.000Z',
  },
}
const screen = setUpScreen(verified)
const g = globalThis as { SUBSCRIBE_TEMPLATES?: string }
let ask: jest.SpyInstance

beforeEach(() => {
  process.env.TARO_ENV = 'weapp'
  g.SUBSCRIBE_TEMPLATES = 'TPL-A,TPL-B'
  Taro.removeStorageSync('subscribe-refused')
  ask = jest.spyOn(Taro, 'requestSubscribeMessage').mockImplementation((() => Promise.resolve({ errMsg: 'ok', 'TPL-A': 'reject', 'TPL-B': 'accept' })) as never)
  jest.spyOn(Taro, 'redirectTo').mockImplementation(() => Promise.resolve({ errMsg: 'ok' }))
  fakeServer({ 'GET /api/proposals/similar': () => ({ items: [] }), 'POST /api/proposals': () => ({ id: 9 }) })
})
afterEach(() => {
  Reflect.deleteProperty(process.env, 'TARO_ENV')
  delete g.SUBSCRIBE_TEMPLATES
})

async function submitProposal() {
  act(() => useProposalDraft.setState({ title: '楼道灯经常不亮', body: '3号楼二楼到五楼的灯坏了一个月', category: 'sanitation', level: 'building' }))
  await act(async () => screen.root.render(<SubmitProposalPage />))
  await screen.tap('#submit-proposal', '提交')
  await act(async () => undefined)
}

test('asks for the configured templates after a proposal is submitted, and not again for one turned down', async () => {
  await submitProposal()
  expect(ask).toHaveBeenCalledTimes(1)
  expect(ask.mock.calls[0][0]).toMatchObject({ tmplIds: ['TPL-A', 'TPL-B'] })
  expect(Taro.redirectTo).toHaveBeenCalled()

  await submitProposal()
  expect(ask).toHaveBeenCalledTimes(2)
  expect(ask.mock.calls[1][0]).toMatchObject({ tmplIds: ['TPL-B'] })
})

test('does not ask when no template is configured, nor in H5', async () => {
  delete g.SUBSCRIBE_TEMPLATES
  await submitProposal()
  g.SUBSCRIBE_TEMPLATES = 'TPL-A'
  process.env.TARO_ENV = 'h5'
  await submitProposal()
  expect(ask).not.toHaveBeenCalled()
  expect(Taro.redirectTo).toHaveBeenCalledTimes(2)
})

test('reads the build-time ids as a list or as the server’s map of kinds', () => {
  expect(configuredTemplates(' TPL-A , TPL-B,')).toEqual(['TPL-A', 'TPL-B'])
  expect(configuredTemplates('{"post.reply":"TPL-A","residence.approved":"TPL-B","residence.rejected":"TPL-B"}')).toEqual(['TPL-A', 'TPL-B'])
  expect(configuredTemplates('')).toEqual([])
})
