/**
 * 街镇设置 in the app: which files go to the import preview and as what, the checks on a unit before it is
 * saved, and the invitation form a 居委会 member gets (only the roles they may hand out, in their own
 * 居民区, the code shown once with a copy button).
 */
import './taro-h5'
import './page-hooks'
import Taro from '@tarojs/taro'
import { act } from 'react'
import { fakeServer } from './fake-server'
import { setUpScreen } from './screen'
import { CSV_TYPE, spreadsheetType, XLSX_TYPE } from '@/community/api'
import { checkUnit } from '@/committee/setup/UnitForm'
import { InviteForm } from '@/committee/setup/InviteForm'
import { MODERATOR_INVITES } from '@/invitations/api'

const screen = setUpScreen()

test('only a workbook or a CSV is sent, with its own content type', () => {
  expect(spreadsheetType('社区架构.XLSX')).toBe(XLSX_TYPE)
  expect(spreadsheetType('社区架构.csv')).toBe(CSV_TYPE)
  expect(spreadsheetType('社区架构.xls')).toBeNull()
  expect(spreadsheetType('照片.jpg')).toBeNull()
})

test('a unit needs a name; a 小区 its housing type; a 楼组 a whole number of households', () => {
  expect(checkUnit('neighbourhood', '  ', null, '')).toBe('请填写名称')
  expect(checkUnit('neighbourhood', '梧'.repeat(41), null, '')).toContain('最多 40 个字')
  expect(checkUnit('neighbourhood', '银杏居民区', null, '')).toBeNull()
  expect(checkUnit('estate', '银杏苑', null, '')).toBe('请选择住房类型')
  expect(checkUnit('estate', '银杏苑', 'commercial', '')).toBeNull()
  for (const bad of ['', '0', '2.5', 'x', '10001']) expect(checkUnit('building', '1号楼', null, bad)).toContain('户数')
  expect(checkUnit('building', '1号楼', null, '36')).toBeNull()
})

test('a 居委会 member invites only 居委会, 物业 or 业委会 of their 居民区, and sees the code once to copy', async () => {
  const server = fakeServer({
    'POST /api/invitations': () => [201, { id: 3, code: 'K7QM-3XPA', role: 'property', unitId: 2, unitName: '梧桐居民区', label: '安和物业', expiresAt: '2026-03-08T02:00:00Z' }],
  })
  const copy = jest.spyOn(Taro, 'setClipboardData').mockImplementation(() => Promise.resolve({ errMsg: 'ok' }) as never)
  act(() => screen.root.render(<InviteForm roles={MODERATOR_INVITES} street={null} neighbourhoods={[{ id: 2, name: '梧桐居民区' }]} onDone={() => undefined} />))
  expect([...screen.container.querySelectorAll('.tile')].map((t) => t.textContent)).toEqual(['居委会', '物业', '业委会'])
  await screen.tap('.btn', '生成邀请码')
  expect(screen.find('.field__error', '请选择要邀请的角色')).toBeTruthy()

  await screen.tap('.tile', '物业')
  expect(screen.container.textContent).toContain('邀请到：梧桐居民区')
  act(() => void screen.container.querySelector('#invite-label .field__input')!.dispatchEvent(new CustomEvent('input', { detail: { value: ' 安和物业 ' }, bubbles: true })))
  await screen.tap('.btn', '生成邀请码')
  expect(server.calls.map((c) => c.data)).toEqual([{ role: 'property', unitId: 2, label: '安和物业' }])
  expect(screen.find('.setup-code', '').textContent).toBe('K7QM-3XPA')
  await screen.tap('.btn', '复制邀请码')
  expect(copy).toHaveBeenCalledWith({ data: 'K7QM-3XPA' })
})
