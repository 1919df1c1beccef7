/**
 * Rendering app components under jsdom with @tarojs/components/lib/react: the privacy gate comes
 * before anything else, 大字模式 puts its class on the page root, and the residence card says
 * what to do next.
 */
import './taro-h5'
import { createRoot, type Root } from './dom'
import { act, type ReactNode } from 'react'
import { Page } from '@/accounts/Page'
import { ComingSoon } from '@/shared/ui/ComingSoon'
import { usePrivacy } from '@/accounts/privacy'
import { PRIVACY_VERSION } from '@/accounts/privacyText'
import { useSession } from '@/accounts/session'
import { useLargeTextSetting } from '@/shared/largeText'
import { ResidenceCard } from '@/accounts/ResidenceCard'
import type { Me } from '@yishi/types'


let container: HTMLDivElement
let root: Root

function render(node: ReactNode) {
  act(() => {
    root.render(node)
  })
}

const resident: Me = {
  id: 5,
  label: '3号楼居民',
  roles: [],
  residence: null,
  verified: false,
  privacyAcceptedAt: '2025-11-01T00:00:00Z',
}

beforeEach(() => {
  container = document.createElement('div')
  document.body.appendChild(container)
  root = createRoot(container)
  usePrivacy.setState({ agreedAt: null, agreedVersion: null, wechatAsking: false })
  useSession.setState({ token: 'tok', expiresAt: '2999-01-01T00:00:00Z', me: resident })
  useLargeTextSetting.setState({ choice: false })
})

afterEach(() => {
  act(() => root.unmount())
  container.remove()
})

test('until the privacy notice is agreed, a page shows only the notice', () => {
  render(
    <Page>
      <ComingSoon title='议事厅' intro='商量事情的地方' points={['发表意见']} />
    </Page>,
  )
  expect(container.textContent).toContain('隐私说明')
  expect(container.textContent).toContain('同意并继续')
  expect(container.textContent).toContain('openid')
  expect(container.textContent).not.toContain('商量事情的地方')
})

test('tapping 同意并继续 records the agreement and shows the page', () => {
  render(
    <Page>
      <ComingSoon title='议事厅' intro='商量事情的地方' points={['发表意见']} />
    </Page>,
  )
  const agree = container.querySelector('#agree-privacy') as HTMLElement
  expect(agree).not.toBeNull()
  act(() => {
    agree.click()
  })
  expect(usePrivacy.getState().agreedVersion).toBe(PRIVACY_VERSION)
  expect(container.textContent).toContain('商量事情的地方')
  expect(container.textContent).toContain('即将开放')
})

test('大字模式 sets page--large on the page root', () => {
  usePrivacy.setState({ agreedAt: '2025-11-01T00:00:00Z', agreedVersion: PRIVACY_VERSION })
  render(<Page>内容</Page>)
  const pageRoot = () => container.firstElementChild as HTMLElement
  expect(pageRoot().className).toContain('page--normal')
  act(() => useLargeTextSetting.getState().setLarge(true))
  expect(pageRoot().className).toContain('page--large')
  expect(document.body.classList.contains('yishi-large')).toBe(true)
})

test('the residence card asks an unverified resident to verify, and shows a rejection reason', () => {
  render(<ResidenceCard me={resident} />)
  expect(container.textContent).toContain('去认证')
  const rejected: Me = {
    ...resident,
    residence: {
      id: 1,
      buildingId: 3,
      buildingName: '3号楼',
      estateName: '康乐小区',
      neighbourhoodId: 2,
      neighbourhoodName: '康乐居民区',
      room: '302',
      status: 'rejected',
      reason: '房号与楼组对不上',
      isRepresentative: false,
      requestedAt: '2025-11-01T00:00:00Z',
      reviewedAt: '2025-11-02T00:00:00Z',
    },
  }
  render(<ResidenceCard me={rejected} />)
  expect(container.textContent).toContain('房号与楼组对不上')
  expect(container.textContent).toContain('重新申请')
  render(<ResidenceCard me={{ ...rejected, residence: { ...rejected.residence!, status: 'pending', reason: null } }} />)
  expect(container.textContent).toContain('审核中')
  expect(container.textContent).not.toContain('去认证')
})
