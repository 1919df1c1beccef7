// One screen rendered per test under jsdom: a fresh root, the privacy notice agreed, a signed-in
// person, toasts and confirmations faked (confirmed unless a test says no). Spies, the fake server's
// included, are restored after each test.
import Taro from '@tarojs/taro'
import { act } from 'react'
import type { Me } from '@yishi/types'
import { usePrivacy } from '@/accounts/privacy'
import { PRIVACY_VERSION } from '@/accounts/privacyText'
import { useSession } from '@/accounts/session'
import { createRoot, type Root } from './dom'

export const resident: Me = { id: 5, label: '3号楼居民', roles: [], residence: null, verified: false, privacyAcceptedAt: '2026-01-01T00:00:00Z' }
export const moderator: Me = {
  ...resident,
  id: 30,
  label: '梧桐居民区工作人员',
  roles: [{ role: 'moderator', unitId: 2, unitName: '梧桐居民区', unitLevel: 'neighbourhood' }],
  verified: true,
}

export interface Screen {
  container: HTMLDivElement
  root: Root
  toast: jest.SpyInstance
  modal: jest.SpyInstance
  /** The next confirmation is answered 取消. */
  declineNext(): void
  /** The first element matching the selector whose text contains the words. */
  find(selector: string, text: string): HTMLElement
  tap(selector: string, text: string): Promise<void>
}

export function setUpScreen(me: Me = moderator): Screen {
  const s = {} as Screen
  beforeEach(() => {
    s.container = document.createElement('div')
    document.body.appendChild(s.container)
    s.root = createRoot(s.container)
    usePrivacy.setState({ agreedAt: '2026-01-01T00:00:00Z', agreedVersion: PRIVACY_VERSION, wechatAsking: false })
    useSession.setState({ token: 'tok', expiresAt: '2999-01-01T00:00:00Z', me })
    s.toast = jest.spyOn(Taro, 'showToast').mockImplementation(() => Promise.resolve({ errMsg: 'ok' }))
    s.modal = jest
      .spyOn(Taro, 'showModal')
      .mockImplementation(() => Promise.resolve({ confirm: true, cancel: false, errMsg: 'ok' } as Taro.showModal.SuccessCallbackResult))
  })
  afterEach(() => {
    act(() => s.root.unmount())
    s.container.remove()
    jest.restoreAllMocks()
  })
  s.declineNext = () => s.modal.mockImplementationOnce(() => Promise.resolve({ confirm: false, cancel: true, errMsg: 'ok' }))
  s.find = (selector, text) => [...s.container.querySelectorAll(selector)].find((e) => e.textContent?.includes(text)) as HTMLElement
  s.tap = (selector, text) => act(async () => s.find(selector, text).click())
  return s
}
