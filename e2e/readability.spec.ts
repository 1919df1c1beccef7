/**
 * Readability for older eyes, measured in the H5 build on a 390×844 phone: on every page a resident and a
 * 居委会 member can reach (the routes of src/app.config.ts), in normal and 大字模式, text is at least 16 / 20 px,
 * every tap target at least 44×44 / 48×48 px and text contrast at least 4.5:1 (computed colours, the
 * background found by walking up); the confirm dialog follows the same rules. And a quick back from a
 * card never leaves a blank screen.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Page } from '@playwright/test'
import { expect, journey, test, type App, type Api } from './support/app'

journey('readability')

const RESIDENT = '居民代表 · 梧桐新村3号楼'
const COMMITTEE = '居委会 · 梧桐'
const STREET_ADMIN = '街道工作人员'

type Limits = { text: number; target: number }
const NORMAL: Limits = { text: 16, target: 44 }
const LARGE: Limits = { text: 20, target: 48 }

/** What a resident taps: controls, and our own elements that carry a click handler (marked by class). */
const TAPS = [
  'taro-button-core',
  'a[href]',
  '[role=button]',
  'input:not([type=hidden])',
  'textarea',
  'taro-switch-core',
  'taro-checkbox-core',
  'taro-radio-core',
  '.taro-navigation-bar-back',
  '.taro-navigation-bar-home',
  '.weui-tabbar__item',
  '.taro-model__btn',
  '.segment',
  '.tile',
  '.choice',
  '.link',
  '.cs-link',
  '.post__action',
  '.post__reply-to',
  '.queue-item__topic',
  '.chip',
  '.picker-box',
  '.ix-check__option',
  '.stars:not(.stars--small) .star',
  '.tap',
].join(',')

/** Runs in the browser: every rule broken by the page on screen and what is shown over it, naming the element. */
function audit({ limits, taps }: { limits: Limits; taps: string }): string[] {
  const screens = document.querySelectorAll('.taro_router > .taro_page.taro_page_show:not(.taro_page_shade)')
  const overlays = document.querySelectorAll('.taro-navigation-bar, .weui-tabbar, .taro__modal, .taro__toast, .weui-picker')
  const roots = [screens[screens.length - 1], ...Array.from(overlays)].filter(Boolean) as Element[]
  const name = (el: Element) => {
    const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : ''
    return `<${el.tagName.toLowerCase()}${cls}> "${(el.textContent ?? '').trim().slice(0, 20)}"`
  }
  const shown = (el: Element) => {
    const r = el.getBoundingClientRect()
    const s = getComputedStyle(el)
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && el.closest('[hidden]') === null
  }
  const rgba = (c: string) => {
    const m = c.match(/rgba?\(([^)]+)\)/)
    if (!m) return [0, 0, 0, 0]
    const [r, g, b, a = '1'] = m[1].split(/[\s,/]+/).filter(Boolean)
    return [Number(r), Number(g), Number(b), Number(a)]
  }
  const luminance = ([r, g, b]: number[]) => {
    const lin = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
  }
  const background = (el: Element | null) => {
    for (; el; el = el.parentElement) {
      const c = rgba(getComputedStyle(el).backgroundColor)
      if (c[3] >= 0.5) return c
    }
    return [255, 255, 255, 1]
  }
  const problems = new Set<string>()
  for (const root of roots) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement
      if (!el || !n.textContent?.trim() || !shown(el)) continue
      const s = getComputedStyle(el)
      const size = parseFloat(s.fontSize)
      if (size < limits.text - 0.05) problems.add(`text ${size.toFixed(1)}px < ${limits.text}px: ${name(el)}`)
      const fg = luminance(rgba(s.color))
      const bg = luminance(background(el))
      const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05)
      if (ratio < 4.5) problems.add(`contrast ${ratio.toFixed(1)}:1 < 4.5:1 (${s.color}): ${name(el)}`)
    }
    for (const el of Array.from(root.querySelectorAll(taps))) {
      if (!shown(el)) continue
      // An input inside a tappable field box is as big as the box.
      const box = (el.closest('.field__input, .weui-switch-cell, taro-switch-core') ?? el).getBoundingClientRect()
      if (box.width < limits.target - 0.5 || box.height < limits.target - 0.5)
        problems.add(`target ${Math.round(box.width)}×${Math.round(box.height)} < ${limits.target}×${limits.target}: ${name(el)}`)
    }
  }
  return [...problems]
}

async function problemsOn(app: App, limits: Limits): Promise<string[]> {
  return app.page.evaluate(audit, { limits, taps: TAPS })
}

/** Opens a page by its hash (the router pushes it, no reload) and waits for its content. */
async function open(app: App, route: string): Promise<void> {
  const path = route.split('?')[0]
  await app.page.evaluate((r) => (location.hash = `#${r}`), route)
  await app.settled({ at: path })
  await expect(app.on('.page__body > *').first()).toBeVisible()
  // Loaded: no loading shell left on the page.
  await expect(app.screen.getByText('正在加载…')).toHaveCount(0)
}

async function ids(api: Api, token: string) {
  const first = async (url: string) => ((await api.ok<{ items: { id: number }[] }>(token, 'GET', url)).items[0]?.id ?? 0)
  const topic = await first('/api/topics')
  return {
    proposal: await first('/api/proposals'),
    topic,
    post: await first(`/api/topics/${topic}/posts`),
    survey: await first('/api/surveys'),
    // The demo's 自治金 entry: it has a correction, an answered question and an open flag.
    affair: (await api.ok<{ entries: { key: string; kind: string }[] }>(token, 'GET', '/api/affairs')).entries.find((e) => e.kind === 'fund')?.key ?? '',
  }
}

/** A demo user's token, found as the login page finds them: every part of `match` in their line. */
async function tokenOf(api: Api, match: string): Promise<string> {
  const user = (await api.users()).find((u) => match.split(' · ').every((part) => `${u.label} ${u.description}`.includes(part)))
  if (!user) throw new Error(`no demo user ${match}`)
  return api.login(user.id)
}

async function residentRoutes(api: Api): Promise<string[]> {
  const token = await tokenOf(api, RESIDENT)
  const id = await ids(api, token)
  return [
    '/pages/home/index',
    '/pages/proposals/index',
    '/pages/hall/index',
    '/pages/surveys/index',
    '/pages/mine/index',
    '/pages/residence/index',
    '/pages/privacy/index',
    `/pages/hall/topic?id=${id.topic}`,
    `/pages/hall/thread?id=${id.post}`,
    `/more/hall/compose?topicId=${id.topic}`,
    `/more/proposals/detail?id=${id.proposal}`,
    '/more/proposals/submit',
    '/more/proposals/mine',
    '/more/proposals/notifications',
    `/more/surveys/answer?id=${id.survey}`,
    `/more/surveys/summary?id=${id.survey}`,
    '/more/invite/index',
    // A resident is told it is for 物业, 业委会 and 街镇 departments: that notice is measured too.
    '/more/referrals/index',
    '/affairs/pages/index',
    `/affairs/pages/entry?key=${id.affair}`,
  ]
}

/** Shown only to someone signed out. */
const SIGNED_OUT_ROUTES = ['/pages/login/index']

/** The 街镇 admin's set-up pages. */
const STREET_ROUTES = ['/committee/setup/index', '/committee/setup/import', '/committee/setup/units', '/committee/setup/staff', '/committee/setup/overdue', '/committee/affairs/street']

/** Every page src/app.config.ts declares, main package and subpackages, as routes. */
function declaredPages(): string[] {
  const config = fs.readFileSync(path.join(__dirname, '../src/app.config.ts'), 'utf8')
  const main = config.slice(config.indexOf('pages: ['), config.indexOf('subPackages'))
  const pages = [...main.matchAll(/'(pages\/[^']+)'/g)].map((m) => `/${m[1]}`)
  for (const sub of config.matchAll(/root: '([^']+)',\s*pages: \[([^\]]+)\]/g)) {
    for (const page of sub[2].matchAll(/'([^']+)'/g)) pages.push(`/${sub[1]}/${page[1]}`)
  }
  return pages
}

async function committeeRoutes(api: Api): Promise<string[]> {
  const token = await tokenOf(api, COMMITTEE)
  const id = await ids(api, token)
  const me = await api.ok<{ roles: { unitId: number }[] }>(token, 'GET', '/api/me')
  const unitId = me.roles[0]?.unitId ?? 0
  return [
    '/committee/verifications/index',
    '/committee/proposals/index',
    `/committee/proposals/manage?id=${id.proposal}`,
    '/committee/proposals/proxy',
    '/committee/moderation/index',
    '/committee/moderation/log',
    `/committee/discussions/topic?id=${id.topic}`,
    '/committee/discussions/new',
    '/committee/surveys/index',
    '/committee/surveys/edit',
    `/committee/surveys/detail?id=${id.survey}`,
    `/committee/surveys/paper?id=${id.survey}`,
    '/committee/indicators/index',
    `/committee/indicators/inputs?unitId=${unitId}`,
    '/committee/reports/index',
    '/committee/affairs/index',
    '/committee/affairs/supervisors',
    '/committee/affairs/fund',
    `/committee/affairs/correct?key=${id.affair}`,
  ]
}

/** Every route in both modes; fails naming each page and element that breaks a rule. */
async function measure(app: App, routes: string[]): Promise<void> {
  const failures: string[] = []
  for (const [large, limits] of [[false, NORMAL], [true, LARGE]] as const) {
    await app.setLargeText(large)
    for (const route of routes) {
      await open(app, route)
      for (const p of await problemsOn(app, limits)) failures.push(`${large ? '大字' : '普通'} ${route}: ${p}`)
    }
    await app.backToTabs()
  }
  expect(failures, failures.join('\n')).toEqual([])
}

/** The app open and signed in as `who`, wherever the test before left it (or on a new phone). */
async function signedInAs(app: App, who: string): Promise<void> {
  await app.load('/')
  const agree = app.on('#agree-privacy')
  const login = app.screen.getByText('选择演示账号')
  const home = app.on('.hello__name')
  await expect(agree.or(login).or(home).first()).toBeVisible()
  if (await agree.isVisible()) await agree.click()
  if (await home.isVisible()) await app.switchUser(who)
  else await app.loginAs(who)
}

/** A deterministic stream of numbers in [0, 1) (mulberry32). */
function seeded(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Whether the page on screen shows its content: a page is unshaded and its body has visible text. */
function contentShown(page: Page) {
  return page.evaluate(() => {
    const open = Array.from(document.querySelectorAll('.taro_router > .taro_page')).filter(
      (el) => !el.classList.contains('taro_page_shade') && getComputedStyle(el).display !== 'none',
    )
    return open.some((el) => {
      const body = el.querySelector('.page__body')
      const r = body?.getBoundingClientRect()
      return !!r && r.height > 0 && (body?.textContent ?? '').trim().length > 0
    })
  })
}

test('a quick back from a card never leaves a blank screen', async ({ app }) => {
  await signedInAs(app, RESIDENT)
  await app.tab('提案')
  const random = seeded(15)
  for (let i = 0; i < 20; i++) {
    const card = app.on('.pcard').first()
    await expect(card).toBeVisible()
    await app.settled()
    const delay = Math.floor(random() * 300)
    await card.click()
    await app.page.waitForFunction(() => location.hash.includes('/more/proposals/detail'))
    // The resident's own timing, not a wait for the app: the quick back is the point of the test.
    await app.page.waitForTimeout(delay)
    if (i % 2 === 0) await app.page.evaluate(() => history.back())
    else await app.overlay('.taro-navigation-bar-back').click()
    await app.settled({ at: '/pages/proposals/index' })
    await expect.poll(() => contentShown(app.page), { message: `content after back #${i} at ${delay} ms`, timeout: 5_000 }).toBe(true)
    await expect(app.on('.pcard').first()).toBeVisible()
  }
})

test('every page a resident reaches is readable in normal and 大字模式', async ({ app, api }) => {
  await signedInAs(app, RESIDENT)
  await measure(app, await residentRoutes(api))
})

test('every committee page is readable in normal and 大字模式', async ({ app, api }) => {
  await signedInAs(app, COMMITTEE)
  await measure(app, await committeeRoutes(api))
})

test('every 街镇 set-up page is readable in normal and 大字模式', async ({ app }) => {
  await signedInAs(app, STREET_ADMIN)
  await measure(app, STREET_ROUTES)
})

test('the login page, signed out, is readable in normal and 大字模式 (its own switch)', async ({ app }) => {
  await signedInAs(app, RESIDENT)
  await app.logout()
  const failures: string[] = []
  for (const [large, limits] of [[false, NORMAL], [true, LARGE]] as const) {
    const mode = app.on(large ? '.page--normal' : '.page--large')
    if ((await mode.count()) > 0) await app.on('taro-switch-core input').first().click()
    await expect(app.on(large ? '.page--large' : '.page--normal').first()).toBeVisible()
    for (const p of await problemsOn(app, limits)) failures.push(`${large ? '大字' : '普通'} ${SIGNED_OUT_ROUTES[0]}: ${p}`)
  }
  await app.on('taro-switch-core input').first().click()
  expect(failures, failures.join('\n')).toEqual([])
})

test('no page of the app goes unmeasured', async ({ api }) => {
  const routes = [...(await residentRoutes(api)), ...(await committeeRoutes(api)), ...STREET_ROUTES, ...SIGNED_OUT_ROUTES]
  const measured = new Set(routes.map((r) => r.split('?')[0]))
  expect(declaredPages().filter((p) => !measured.has(p))).toEqual([])
})

test('the confirm dialog, the toast and the picker follow the text size and reach the contrast', async ({ app }) => {
  await signedInAs(app, RESIDENT)
  for (const [large, limits] of [[false, NORMAL], [true, LARGE]] as const) {
    await app.setLargeText(large)
    await app.on('.btn').filter({ hasText: '退出登录' }).click()
    await expect(app.overlay('.taro-model__confirm')).toBeVisible()
    expect(await problemsOn(app, limits)).toEqual([])
    await app.overlay('.taro-model__cancel').click()
    await expect(app.overlay('.taro-model__confirm')).toHaveCount(0)

    await app.tab('提案')
    await app.tapTo(app.on('.btn').filter({ hasText: '提新提案' }))
    await app.on('#submit-proposal').click()
    await expect(app.overlay('.taro__toast > *').first()).toBeVisible()
    expect(await problemsOn(app, limits)).toEqual([])
    await app.backToTabs()
  }
  // The platform's picker wheel is on the committee's pages.
  await signedInAs(app, COMMITTEE)
  for (const [large, limits] of [[false, NORMAL], [true, LARGE]] as const) {
    await app.setLargeText(large)
    await open(app, '/committee/moderation/log')
    await app.on('.picker-row').first().click()
    await expect(app.overlay('.weui-picker__action').first()).toBeVisible()
    expect(await problemsOn(app, limits)).toEqual([])
    await app.overlay('.weui-picker__action').filter({ hasText: '取消' }).click()
    await expect(app.overlay('.weui-picker__action')).toHaveCount(0)
    await app.backToTabs()
  }
})

test('news shows on the 我的 tab and on 首页 until it is read', async ({ app, api }) => {
  await signedInAs(app, RESIDENT)
  const unread = (await api.ok<{ unread: number }>(await tokenOf(api, RESIDENT), 'GET', '/api/notifications?limit=1')).unread
  expect(unread, 'the demo resident has news').toBeGreaterThan(0)
  const badge = app.overlay('.weui-tabbar__item').filter({ hasText: '我的' }).locator('.taro-tabbar-badge')
  await expect(badge).toHaveText(String(unread))
  await expect(app.on('.unread-news')).toContainText(`${unread} 条新消息`)

  await app.tapTo(app.on('.unread-news .btn'))
  await app.on('.btn').filter({ hasText: '全部标为已读' }).click()
  await expect(app.on('.btn').filter({ hasText: '全部标为已读' })).toHaveCount(0)
  await app.backToTabs()
  await expect(badge).toBeHidden()
  await expect(app.on('.unread-news')).toHaveCount(0)
})

test('an empty proposal brings the first wrong field into view, ready to type in', async ({ app }) => {
  await signedInAs(app, RESIDENT)
  await app.tab('提案')
  await app.tapTo(app.on('.btn').filter({ hasText: '提新提案' }))
  const submit = app.on('#submit-proposal')
  await submit.scrollIntoViewIfNeeded()
  await expect(app.on('#title-field')).not.toBeInViewport()
  await submit.click()
  await expect(app.on('#title-field .field__error')).toBeInViewport()
  await expect(app.on('#title-field input')).toBeFocused()
  await app.backToTabs()
})
