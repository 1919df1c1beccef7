/**
 * What the browser tests share: the fixtures (per test file, a fresh seeded server and one phone) and the
 * steps a resident takes in the H5 app.
 *
 * Taro's H5 router keeps every `.taro_page` in `.taro_router`: tab pages stay while hidden
 * (`taro_page_shade`), a new page slides in over the one below (`taro_page_show` at the start,
 * `taro_page_stationed` when the slide ends) and the one below is shaded a moment later; a page going back
 * loses both classes and is removed when it has slid out. So steps act on the page on screen, and a step
 * that moves to another page waits until the router is still again: those classes, never a timer.
 */
import path from 'node:path'
import { randomUUID } from 'node:crypto'
import { test as base, expect, type ConsoleMessage, type Locator, type Page } from '@playwright/test'
import { startTestServer, type TestServer } from './server'

export { expect }

/** Screenshots the tests take on purpose (failures go to artifacts/test-results). */
const ARTIFACTS = path.resolve(__dirname, '../artifacts')

/** The page on screen: shown, its slide over, not shaded. While the page below waits to be shaded two can
 *  match for a moment; the later one in the DOM is on top. */
const SCREEN = '.taro_router > .taro_page.taro_page_show.taro_page_stationed:not(.taro_page_shade)'

type Screen = { id: string; path: string; tab: boolean }
type Wanted = { leaving: string | null; at: string | null }

/** Runs in the browser. The page on screen once the router is still (exactly one page unshaded, and its
 *  slide over), as long as it is not `leaving` and is the page at path `at` when one is given; else null. */
function stillScreen({ leaving, at }: Wanted): Screen | null {
  const open = Array.from(document.querySelectorAll('.taro_router > .taro_page')).filter((el) => !el.classList.contains('taro_page_shade'))
  if (open.length !== 1) return null
  const el = open[0]
  if (!el.classList.contains('taro_page_show') || !el.classList.contains('taro_page_stationed')) return null
  const screen = { id: el.id, path: el.id.split('?')[0], tab: el.classList.contains('taro_tabbar_page') }
  return screen.id !== leaving && (at === null || screen.path === at) ? screen : null
}

/** Runs in the browser. Whether rem has its final size: index.html (Taro's flexible script) sets the root
 *  font size from the viewport, 40px per 750 design px of the narrower side within 20-40px, and sets it
 *  again 500 ms after a resize; the phone emulation resizes once at start, so every page load shifts its
 *  layout once, under a tap that is on its way. */
function remIsFinal(): boolean {
  const root = document.documentElement
  const { width, height } = root.getBoundingClientRect()
  const side = Math.min(...[width, height].filter(Boolean))
  return parseFloat(root.style.fontSize) === Math.min(40, Math.max(20, (40 * side) / 750))
}

export class App {
  constructor(
    readonly page: Page,
    readonly url: string,
  ) {}

  /** The page on screen. */
  get screen(): Locator {
    return this.page.locator(SCREEN).last()
  }

  /** Something a resident sees on the page on screen. */
  on(selector: string): Locator {
    return this.screen.locator(selector).filter({ visible: true })
  }

  /** Something shown over the pages: the modal, the toast, the tab bar, the navigation bar. */
  overlay(selector: string): Locator {
    return this.page.locator(selector).filter({ visible: true })
  }

  /** Waits until the router is still (see stillScreen) and says which page is on screen. */
  async settled(wanted: Partial<Wanted> = {}): Promise<Screen> {
    const arg: Wanted = { leaving: wanted.leaving ?? null, at: wanted.at ?? null }
    try {
      return (await (await this.page.waitForFunction(stillScreen, arg)).jsonValue()) as Screen
    } catch (e) {
      const pages = await this.page
        .evaluate(() => Array.from(document.querySelectorAll('.taro_page'), (el) => `${el.id}: ${el.className}`).join('\n'))
        .catch(() => '(page gone)')
      throw new Error(`Taro's router did not settle (${JSON.stringify(arg)}). Pages:\n${pages}`, { cause: e })
    }
  }

  /** Does what opens another page (a tap, the back arrow, the browser's back) and waits until that page
   *  is on screen and still. */
  async moveBy(action: () => Promise<unknown>): Promise<Screen> {
    const from = await this.settled()
    await action()
    return this.settled({ leaving: from.id })
  }

  /** Taps something that opens another page. */
  async tapTo(target: Locator): Promise<void> {
    await this.moveBy(() => target.click())
  }

  /** The navigation bar's back arrow (as a resident would), then something on the page below. */
  async back(selector: string): Promise<void> {
    await this.moveBy(() => this.overlay('.taro-navigation-bar-back').click())
    await expect(this.on(selector).first()).toBeVisible()
  }

  /** The browser's back button. */
  async goBack(): Promise<void> {
    await this.moveBy(() => this.page.goBack())
  }

  /** Back to the tab pages (the tab bar shows only there), one page at a time, never past them. */
  async backToTabs(): Promise<void> {
    for (let screen = await this.settled(); !screen.tab; ) {
      const back = this.overlay('.taro-navigation-bar-back')
      const home = this.overlay('.taro-navigation-bar-home')
      screen = await this.moveBy(async () => {
        if (await back.count()) await back.click()
        else if (await home.count()) await home.click()
        else await this.page.goBack()
      })
    }
    await expect(this.overlay('.weui-tabbar__item').first()).toBeVisible()
  }

  /** A tab of the tab bar, by its label; on when the tab's page is on screen and still. */
  async tab(name: string): Promise<void> {
    await this.settled()
    const target = await this.page.evaluate(
      (text) => (window as unknown as { __taroAppConfig: { tabBar: { list: { text: string; pagePath: string }[] } } }).__taroAppConfig.tabBar.list.find((t) => t.text === text)?.pagePath ?? null,
      name,
    )
    expect(target, `a tab labelled ${name}`).not.toBeNull()
    await this.overlay('.weui-tabbar__item').filter({ hasText: name }).click()
    await this.settled({ at: target })
  }

  /** Opens the app at `hash` (a page load unless only the hash changes), its layout final. */
  async load(hash = ''): Promise<void> {
    await this.page.goto(this.url + hash)
    await this.page.waitForFunction(remIsFinal)
  }

  /** Reloads the app (as if closed and opened again), its layout final. */
  async reload(): Promise<void> {
    await this.page.reload()
    await this.page.waitForFunction(remIsFinal)
  }

  /** A phone that has never run the app: open it and agree to the privacy notice. */
  async launch(): Promise<void> {
    await this.load()
    await this.on('#agree-privacy').click()
  }

  /** On the login page, the first demo account whose line has all of `match`; then 首页. */
  async loginAs(...match: string[]): Promise<void> {
    let choice = this.on('.choice')
    await expect(choice.first()).toBeVisible()
    for (const m of match) choice = choice.filter({ hasText: m })
    await choice.first().click()
    await expect(this.on('.hello__name')).toBeVisible()
  }

  /** Sign out by forgetting the session (as if on another phone), then sign in as someone else. */
  async switchUser(...match: string[]): Promise<void> {
    await this.page.evaluate(() => localStorage.removeItem('yishi.session'))
    await this.load('/')
    await this.reload()
    await expect(this.screen.getByText('选择演示账号')).toBeVisible()
    await this.loginAs(...match)
  }

  /** 我的 → 退出登录, from wherever the test is. */
  async logout(): Promise<void> {
    await this.backToTabs()
    await this.tab('我的')
    await this.on('.btn').filter({ hasText: '退出登录' }).click()
    await this.confirmModal()
    await expect(this.screen.getByText('选择演示账号')).toBeVisible()
  }

  /** 大字模式 on or off, in 我的 (where it stays). */
  async setLargeText(on: boolean): Promise<void> {
    await this.tab('我的')
    await expect(this.on('.profile__name')).toBeVisible()
    const large = (await this.on('.page--large .profile__name').count()) > 0
    if (large !== on) await this.on('taro-switch-core input').first().click()
    await expect(this.on(`${on ? '.page--large' : '.page--normal'} .profile__name`)).toBeVisible()
  }

  async confirmModal(): Promise<void> {
    await this.overlay('.taro-model__confirm').click()
  }

  /** A screenshot into e2e/artifacts/, once the router is still and no toast is showing. */
  async shot(name: string, { fullPage = false, of }: { fullPage?: boolean; of?: Locator } = {}): Promise<void> {
    await this.settled()
    // The toast's box is fixed inside a wrapper of no size: it is gone when the box is.
    await expect(this.overlay('.taro__toast > *')).toHaveCount(0)
    const file = path.join(ARTIFACTS, `${name}.png`)
    if (of) await of.screenshot({ path: file, animations: 'disabled' })
    else await this.page.screenshot({ path: file, fullPage, animations: 'disabled' })
  }
}

export type DevUser = { id: number; label: string; description: string }

/** The API as other residents' phones call it, each with their own token (dev login). */
export class Api {
  constructor(private readonly url: string) {}

  async users(): Promise<DevUser[]> {
    return (await this.request<{ users: DevUser[] }>(null, 'GET', '/api/auth/dev-users')).body.users
  }

  async login(userId: number): Promise<string> {
    return (await this.ok<{ token: string }>(null, 'POST', '/api/auth/dev-login', { userId })).token
  }

  /** Tokens of every demo user with exactly this description, in the login page's order. */
  async tokensOf(description: string): Promise<string[]> {
    const tokens: string[] = []
    for (const u of (await this.users()).filter((x) => x.description === description)) tokens.push(await this.login(u.id))
    return tokens
  }

  async request<T = Record<string, unknown>>(token: string | null, method: string, url: string, body?: unknown): Promise<{ status: number; body: T }> {
    const res = await fetch(this.url + url, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(method !== 'GET' ? { 'idempotency-key': `e2e-${randomUUID()}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    return { status: res.status, body: (await res.json()) as T }
  }

  /** A request that must succeed; its body. */
  async ok<T = Record<string, unknown>>(token: string | null, method: string, url: string, body?: unknown): Promise<T> {
    const res = await this.request<T>(token, method, url, body)
    if (res.status >= 300) throw new Error(`${method} ${url} → ${res.status} ${JSON.stringify(res.body)}`)
    return res.body
  }
}

type Fixtures = { app: App; api: Api }
type WorkerFixtures = { journey: string; server: TestServer; phone: Page }

export const test = base.extend<Fixtures, WorkerFixtures>({
  journey: ['', { scope: 'worker', option: true }],

  server: [
    async ({ journey }, use) => {
      if (!journey) throw new Error("Name the file's journey first: journey('…') at the top of the spec")
      const server = await startTestServer(journey)
      await use(server)
      await server.close()
    },
    { scope: 'worker' },
  ],

  // One phone for the whole file: each test goes on from where the one before left the app.
  phone: [
    async ({ browser }, use, workerInfo) => {
      const { viewport, deviceScaleFactor, locale, isMobile, hasTouch } = workerInfo.project.use
      const context = await browser.newContext({ viewport, deviceScaleFactor, locale, isMobile, hasTouch })
      await use(await context.newPage())
      await context.close()
    },
    { scope: 'worker' },
  ],

  app: async ({ phone, server }, use, testInfo) => {
    // What the app logged as errors, attached to the test's report.
    const errors: string[] = []
    const onPageError = (err: Error) => errors.push(String(err))
    const onConsole = (m: ConsoleMessage) => void (m.type() === 'error' && errors.push(m.text()))
    phone.on('pageerror', onPageError)
    phone.on('console', onConsole)
    await use(new App(phone, server.url))
    phone.off('pageerror', onPageError)
    phone.off('console', onConsole)
    if (errors.length) await testInfo.attach('app errors', { body: errors.join('\n'), contentType: 'text/plain' })
  },

  api: async ({ server }, use) => {
    await use(new Api(server.url))
  },
})

/**
 * Names a test file's journey. Its tests run in order, one phone going on from test to test, against a
 * server of its own: a different worker option per file makes the runner give each file its own worker.
 */
export function journey(name: string): void {
  test.use({ journey: name })
  test.describe.configure({ mode: 'serial' })
}
