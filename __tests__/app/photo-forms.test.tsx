/**
 * Photos on the forms beyond a proposal's: a progress update (committee), a 议事厅 post and a referral
 * answer each carry the ids of the photos uploaded with them, wait while one is still uploading, and send
 * none when none was picked. A 三会 record takes a PDF too, and shows it as a row that opens it.
 */
import './taro-h5'
import './page-hooks'
import Taro from '@tarojs/taro'
import { act } from 'react'
import type { Post, ProposalDetail, Topic } from '@yishi/types'
import { fakeServer } from './fake-server'
import { setPageParams } from './page-hooks'
import { answerUpload, fakePhotoUploads, uploaded, type Upload } from './photo-uploads'
import { setUpScreen } from './screen'
import { MeetingPanel } from '@/committee/proposals/panels/MeetingPanel'
import { ProgressPanel } from '@/committee/proposals/panels/ProgressPanel'
import { MeetingsCard } from '@/proposals/parts'
import { RefereeCard } from '@/referrals/RefereeCard'
import { useProposalAction } from '@/proposals/useProposalAction'
import ComposePage from '@/more/hall/compose'

const screen = setUpScreen()
let uploads: Upload[]
beforeEach(() => {
  uploads = fakePhotoUploads()
})

const fire = (el: Element, type: string, value: unknown) => act(() => void el.dispatchEvent(new CustomEvent(type, { detail: { value }, bubbles: true })))
const settle = () => act(() => new Promise((resolve) => setTimeout(resolve, 0)))
/** Types into the form's text box, once the box has mounted (Taro's components mount a tick after React's). */
async function write(text: string) {
  await settle()
  fire(screen.container.querySelector('.field__textarea')!, 'input', text)
}
/** Picks two photos; the first uploads as `id`, the second is left uploading. */
async function pickTwo(id: number) {
  await screen.tap('.picker__add', '拍照或选照片')
  expect(uploads).toHaveLength(2)
  await answerUpload(uploads[0], 201, uploaded(id))
}

test('a progress update waits for its photos, then sends their ids', async () => {
  const server = fakeServer({ 'POST /api/proposals/9/progress': () => ({}) })
  const run = jest.fn((_key: string, work: () => Promise<unknown>) => work().then(() => true))
  const d = { id: 9, state: 'implementing', allowedTransitions: [], implementation: { percent: 0, budgetSpent: null }, progress: [] } as unknown as ProposalDetail
  act(() => screen.root.render(<ProgressPanel d={d} run={run} busy={null} />))
  await screen.tap('.tile', '50%')
  await write('楼道杂物已清走一半')
  await pickTwo(31)
  await screen.tap('.btn', '发布进展')
  expect(screen.find('.field__error', '照片还没传完')).toBeTruthy()
  expect(run).not.toHaveBeenCalled()

  await answerUpload(uploads[1], 201, uploaded(32))
  await screen.tap('.btn', '发布进展')
  expect(server.calls.map((c) => c.data)).toEqual([{ percent: 50, text: '楼道杂物已清走一半', photos: [31, 32] }])
  // Attached to that update: the next one starts without photos.
  expect(screen.container.querySelectorAll('.picker__item')).toHaveLength(0)
})

test('a referral answer sends the photos of what was done', async () => {
  const referral = { to: 'property', toName: '物业', reason: '物业职责', status: 'accepted', acceptedAt: null, answer: null, answeredAt: null, answeredBy: null }
  const d = { id: 9, state: 'referred', isReferee: true, referral } as unknown as ProposalDetail
  const server = fakeServer({ 'POST /api/proposals/9/referral/answer': () => d })
  function Card() {
    return <RefereeCard d={d} action={useProposalAction(() => Promise.resolve())} />
  }
  act(() => screen.root.render(<Card />))
  await screen.tap('.btn', '答复')
  await write('已清理，见照片')
  await pickTwo(41)
  await screen.tap('.btn', '提交答复')
  expect(screen.find('.field__error', '照片还没传完')).toBeTruthy()
  // The failed one is removed rather than retried: the answer goes with the one that arrived.
  await answerUpload(uploads[1], 413, { error: { code: 'file_too_large', message: '照片不能超过 10 MB' } })
  await act(async () => [...screen.container.querySelectorAll('.picker__remove')][1].dispatchEvent(new MouseEvent('click', { bubbles: true })))
  await screen.tap('.btn', '提交答复')
  expect(server.calls.map((c) => [c.path, c.data])).toEqual([['/api/proposals/9/referral/answer', { answer: '已清理，见照片', photos: [41] }]])
})

test('a meeting record takes the minutes as a PDF, and the record opens it', async () => {
  const server = fakeServer({ 'POST /api/proposals/9/meetings': () => ({}) })
  const run = jest.fn((_key: string, work: () => Promise<unknown>) => work().then(() => true))
  const d = { id: 9, state: 'deliberating', createdAt: '2026-01-01T00:00:00Z', meetings: [] } as unknown as ProposalDetail
  // The browser's own file chooser: the test picks a PDF in it.
  URL.createObjectURL = () => 'blob:minutes'
  jest.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(function (this: HTMLInputElement) {
    expect(this.accept).toBe('application/pdf')
    Object.defineProperty(this, 'files', { value: [new File(['%PDF-1.4'], 'minutes.pdf', { type: 'application/pdf' })] })
    this.onchange?.(new Event('change'))
  })
  act(() => screen.root.render(<MeetingPanel d={d} run={run} busy={null} />))
  await screen.tap('.btn', '记录一次会议')
  await screen.tap('.tile', '听证会')
  await settle()
  const input = (label: string) => screen.find('.field', label).querySelector('.field__input')!
  fire(input('地点'), 'input', '居委会活动室')
  fire(input('参加人数'), 'input', '23')
  fire(input('会议纪要'), 'input', '大家同意清理楼道')
  await screen.tap('.picker__add', '选 PDF 文件')
  await settle()
  expect(uploads.map((u) => u.opt.filePath)).toEqual(['blob:minutes'])
  expect(screen.find('.picker__item', 'PDF 文件')).toBeTruthy()
  await answerUpload(uploads[0], 201, { ...uploaded(61), kind: 'pdf', thumbUrl: null })
  await screen.tap('.btn', '保存记录')
  expect(screen.container.querySelector('.field__error')?.textContent ?? null).toBeNull()
  expect(server.calls.map((c) => c.data)).toEqual([{ kind: 'hearing', heldOn: expect.any(String), place: '居委会活动室', attendance: 23, minutes: '大家同意清理楼道', files: [61] }])

  const open = jest.spyOn(window, 'open').mockReturnValue(null)
  const file = { id: 61, kind: 'pdf' as const, url: '/api/media/61?u=1&exp=2&sig=s', thumbUrl: null, status: 'visible' as const }
  const meeting = { id: 1, kind: 'hearing' as const, heldOn: '2026-01-02', place: '居委会活动室', attendance: 23, minutes: '同意', decisions: null, files: [file], createdAt: '2026-01-02T00:00:00Z' }
  act(() => screen.root.render(<MeetingsCard meetings={[meeting]} />))
  await screen.tap('.list-row', '会议记录文件（PDF）')
  expect(open).toHaveBeenCalledWith('/api/media/61?u=1&exp=2&sig=s', '_blank', 'noopener')
})

describe('a 议事厅 post', () => {
  const topic = { id: 3, question: '楼道堆物怎么管', canPost: true, canModerate: false, myStance: null } as unknown as Topic
  const post = { id: 77, status: 'published' } as unknown as Post
  let server: ReturnType<typeof fakeServer>
  beforeEach(() => {
    jest.spyOn(Taro, 'navigateBack').mockResolvedValue({ errMsg: 'ok' } as never)
    setPageParams({ topicId: '3' })
    server = fakeServer({ 'GET /api/topics/3': () => topic, 'POST /api/topics/3/posts': () => post })
  })
  const posted = () => server.calls.filter((c) => c.method === 'POST').map((c) => c.data)

  test('carries its photos once they are uploaded', async () => {
    act(() => screen.root.render(<ComposePage />))
    await write('3号楼楼道堆了旧家具')
    await pickTwo(51)
    await screen.tap('.btn', '发布')
    expect(screen.find('.field__error', '照片还没传完')).toBeTruthy()
    expect(posted()).toEqual([])
    await answerUpload(uploads[1], 201, uploaded(52))
    await screen.tap('.btn', '发布')
    expect(posted()).toEqual([{ body: '3号楼楼道堆了旧家具', photos: [51, 52] }])
  })

  test('without photos sends none', async () => {
    act(() => screen.root.render(<ComposePage />))
    await write('支持')
    await screen.tap('.btn', '发布')
    expect(posted()).toEqual([{ body: '支持' }])
  })
})

