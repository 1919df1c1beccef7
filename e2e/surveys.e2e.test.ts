/**
 * Surveys and the index end to end in the H5 build. The 梧桐居民区 committee member creates the annual
 * survey (年度居民感受调查) from its template and publishes it; a verified resident turns on 大字模式 and
 * answers it one question a screen (a 不清楚 among the answers), leaving half-way and coming back to the
 * kept draft; the committee enters a paper questionnaire in the app (and eight more through the API, so the
 * wave reaches the 10 answers the index needs), reads the index, closes the survey with its response note
 * and sees the questionnaire leaves of the index change to the new wave. Screenshots go to e2e/artifacts/.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { INSTRUMENTS } from '../src/scoring/instruments'
import type { InstrumentItem } from '../types/scoring'
import { launchBrowser, phonePage } from './support/browser'
import { startTestServer } from './support/server'

const ARTIFACTS = path.resolve(__dirname, 'artifacts')
const MODERATOR = '居委会 · 梧桐居民区'
const RESIDENT = '居民代表 · 梧桐新村3号楼'
const TITLE = '梧桐居民区居民感受调查（第二轮）'
const NOTE = '感谢参与！大家对议事厅的了解还不够，居委会下月起每月第一个周六在小区门口设议事咨询台。'
const ORDER = ['awareness', 'satisfaction', 'belonging', 'cohesion', 'atmosphere'] as const
const ITEMS: InstrumentItem[] = ORDER.flatMap((id) => INSTRUMENTS[id].items)
/** The question answered 不清楚 (an awareness item: 不清楚 is offered there). */
const DK_QUESTION = 2

let server: { url: string; close(): Promise<void> }
let browser: Browser
let page: Page

beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true })
  server = await startTestServer()
  browser = await launchBrowser()
  page = await phonePage(browser)
  page.on('pageerror', (err) => errors.push(String(err)))
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text())
  })
})

/** Errors the app logged; printed when the test fails. */
const errors: string[] = []

afterEach(async () => {
  if (errors.length) console.log(errors.join('\n'))
  if (process.env.E2E_DEBUG) {
    console.log(page.url())
    console.log(await page.evaluate(() => [...document.querySelectorAll('.taro_page')].map((e) => `${e.id} ${(e as HTMLElement).style.cssText} ${e.className} ${e.textContent?.slice(0, 60)}`).join('\n')))
  }
  await page?.screenshot({ path: path.join(ARTIFACTS, 'surveys-last.png') }).catch(() => undefined)
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

/** Tab pages and pages under the top one stay in the DOM while hidden; act on what is on screen. */
const visible = (selector: string) => page.locator(`${selector} >> visible=true`)
const exact = (text: string) => new RegExp(`^${text.replace(/[()（）]/g, '\\$&')}$`)

async function shot(name: string, fullPage = false) {
  await page.waitForTimeout(500) // let page transitions and toasts settle
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage })
}

async function loginAs(...match: string[]) {
  await visible('.choice').first().waitFor()
  let choice = visible('.choice')
  for (const m of match) choice = choice.filter({ hasText: m })
  await choice.first().click()
  await visible('.hello__name').waitFor()
}

/** Back to the tab pages (the tab bar shows only there), one page at a time: waiting for each transition,
 *  so it never goes back past 首页. */
async function backToTabs() {
  // Taro's H5 router hides the page below a new one on a timer; going back before it fires leaves
  // that page hidden. Give each page its transition time first.
  await page.waitForTimeout(600)
  for (let i = 0; i < 8 && (await page.locator('.weui-tabbar__item >> visible=true').count()) === 0; i++) {
    await page.goBack()
    await page
      .locator('.weui-tabbar__item >> visible=true')
      .first()
      .waitFor({ timeout: 2000 })
      .catch(() => undefined)
  }
  await page.waitForTimeout(600) // let the last transition end before navigating again
}

async function tab(name: string) {
  await visible('.weui-tabbar__item').filter({ hasText: name }).click()
  await page.waitForTimeout(400) // the tab before stays in the DOM until the switch ends
}

async function logout() {
  await backToTabs()
  await tab('我的')
  await visible('.btn').filter({ hasText: '退出登录' }).click()
  await visible('.taro-model__confirm').click()
  await page.getByText('选择演示账号').waitFor()
}

async function setLargeText(on: boolean) {
  await tab('我的')
  await visible('.profile__name').waitFor()
  const large = (await page.locator('.page--large .profile__name >> visible=true').count()) > 0
  if (large !== on) await visible('taro-switch-core input').first().click()
  await page.locator(`${on ? '.page--large' : '.page--normal'} .profile__name >> visible=true`).waitFor()
}

/** The answer a content resident gives: the top of each scale (the bottom for reverse-worded items). */
function answerLabel(item: InstrumentItem): string {
  if (item.kind === 'knowledge') return '知道'
  return item.reverse ? item.scale.labels[0] : item.scale.labels[item.scale.labels.length - 1]
}

/** The API as a demo user, with their own token (dev login), found by description. */
async function apiAs(description: string) {
  const users = (await (await fetch(`${server.url}/api/auth/dev-users`)).json()) as { users: { id: number; description: string }[] }
  const user = users.users.find((u) => u.description === description)
  expect(user).toBeDefined()
  const login = await fetch(`${server.url}/api/auth/dev-login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ userId: user!.id }),
  })
  const { token } = (await login.json()) as { token: string }
  let n = 0
  return async (method: string, url: string, body?: unknown) => {
    const res = await fetch(server.url + url, {
      method,
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, 'Idempotency-Key': `e2e-surveys-${++n}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    return { status: res.status, body: (await res.json()) as any }
  }
}

/** The belonging (归属感) leaf of the index as the dashboard shows it: points and where they came from. */
async function belongingLeaf() {
  const leaf = visible('#leaf-belonging')
  await leaf.waitFor()
  return { points: (await leaf.locator('.ix-leaf__points').first().textContent())!.trim(), text: (await leaf.textContent())! }
}

async function openIndexFromHome() {
  await backToTabs()
  await visible('.btn').filter({ hasText: '评估指标' }).first().click()
  await visible('#index-total').waitFor()
}

test('a resident answers the annual survey in 大字模式; the committee closes it and the index follows', async () => {
  await page.goto(server.url)
  await page.locator('#agree-privacy').click()

  // --- The committee creates the annual survey from its template and publishes it. ------------------
  await loginAs(MODERATOR)
  await visible('.btn').filter({ hasText: '问卷管理' }).first().click()
  await visible('.segments').waitFor()
  await visible('.card').filter({ hasText: '加装电梯和小区改善意见征集' }).waitFor() // the seed's open needs survey
  await shot('surveys-01-committee-list')
  await visible('.btn').filter({ hasText: '新建问卷' }).click()
  await visible('#template-annual').waitFor()
  expect(await visible('#template-annual').textContent()).toContain('37 题')
  await visible('#template-annual').click()
  await visible('#survey-title input').fill(TITLE)
  await shot('surveys-02-create')
  await visible('.btn').filter({ hasText: '创建草稿' }).click()
  await visible('.card__title').filter({ hasText: '编辑草稿' }).waitFor()
  await expect(visible('.card').filter({ hasText: '编辑草稿' }).textContent()).resolves.toContain('共 37 题')
  await visible('.btn').filter({ hasText: '保存，去发布' }).click()
  await visible('.btn').filter({ hasText: '发布问卷' }).click()
  await visible('.taro-model__confirm').click()
  await visible('.badge').filter({ hasText: '进行中' }).waitFor()
  const surveyId = Number(/[?&]id=(\d+)/.exec(page.url())?.[1])
  expect(surveyId).toBeGreaterThan(0)
  await logout()

  // --- A verified resident, in 大字模式, answers it one question a screen. -----------------------------
  await loginAs(RESIDENT)
  await setLargeText(true)
  await tab('首页')
  await visible('.card').filter({ hasText: TITLE }).filter({ hasText: '约 5 分钟' }).waitFor() // 首页 lists it with its length
  await tab('问卷')
  const card = visible('.card').filter({ hasText: TITLE })
  await card.waitFor()
  expect(await card.textContent()).toContain('共 37 题，约 5 分钟')
  expect(await card.textContent()).toContain('待填写')
  await visible('.card').filter({ hasText: '调查结果' }).first().waitFor() // the public summary card
  await shot('surveys-03-list-large')
  await card.click()
  await visible('.btn').filter({ hasText: '开始填写' }).click()

  const answer = async (n: number) => {
    await visible('.sv-progress__text').filter({ hasText: `第 ${n} 题 / 共 37 题` }).waitFor()
    expect(await visible('.sv-question').count()).toBe(1) // one question a screen in 大字模式
    const item = ITEMS[n - 1]
    await expect(visible('.sv-question__text').textContent()).resolves.toBe(item.text)
    const label = n === DK_QUESTION ? '不清楚' : answerLabel(item)
    const option = (cls: string) => visible(cls).filter({ has: page.locator('.sv-option__label', { hasText: exact(label) }) })
    await option('.sv-option').click()
    await option('.sv-option.choice--selected').waitFor()
    if (n === 3) await shot('surveys-04-question-large')
    if (n === DK_QUESTION) await shot('surveys-05-dont-know-large')
    await visible('.btn').filter({ hasText: n === 37 ? '检查并提交' : '下一题' }).click()
  }

  // Next without an answer is refused in plain words.
  await visible('.btn').filter({ hasText: '下一题' }).click()
  await visible('.sv-error').filter({ hasText: '请先选一个答案' }).waitFor()
  for (let n = 1; n <= 10; n++) await answer(n)

  // Leave half-way; the answers wait on the phone.
  await visible('.sv-progress__text').filter({ hasText: '第 11 题' }).waitFor()
  await page.goBack()
  await page.locator('.sv-progress__text').waitFor({ state: 'detached' })
  await visible('.card').filter({ hasText: TITLE }).filter({ hasText: '填了一半' }).waitFor()
  await visible('.card').filter({ hasText: TITLE }).click()
  await visible('.btn').filter({ hasText: '继续填写（第 11 题）' }).click()
  for (let n = 11; n <= 37; n++) await answer(n)

  await visible('.card__lead').filter({ hasText: '已回答 37 / 37 题' }).waitFor()
  await visible('.btn').filter({ hasText: '提交问卷' }).click()
  await visible('.sv-done__title').filter({ hasText: '提交成功' }).waitFor()
  await visible('.badge').filter({ hasText: '已提交' }).waitFor()
  await shot('surveys-06-thanks-large')
  await page.goBack()
  await page.locator('.sv-done__title').waitFor({ state: 'detached' })
  await visible('.card').filter({ hasText: TITLE }).filter({ hasText: '已提交' }).waitFor()
  await setLargeText(false)
  await logout()

  // --- The committee enters a paper questionnaire (the rest through the API). ------------------------
  await loginAs(MODERATOR)
  await visible('.btn').filter({ hasText: '问卷管理' }).first().click()
  await visible('.card').filter({ hasText: TITLE }).click()
  await visible('.btn').filter({ hasText: '录入纸质问卷' }).click()
  await visible('.tile').filter({ hasText: exact('1号楼') }).first().click()
  const questions = visible('.sv-question')
  await questions.first().waitFor()
  expect(await questions.count()).toBe(37)
  for (let i = 0; i < 37; i++) {
    await questions.nth(i).locator('.tile', { hasText: exact(answerLabel(ITEMS[i])) }).click()
  }
  await questions.nth(0).scrollIntoViewIfNeeded()
  await shot('surveys-07a-paper')
  await visible('.btn').filter({ hasText: '保存这份纸质问卷' }).click()
  await visible('.cs-entered').filter({ hasText: '已录入纸质问卷 1 份' }).waitFor()

  const staff = await apiAs(MODERATOR)
  const units = await staff('GET', '/api/units')
  const buildings: number[] = []
  const walk = (n: any) => (n.level === 'building' ? buildings.push(n.id) : n.children.forEach(walk))
  units.body.units.forEach((street: any) => street.children.filter((nb: any) => nb.name === '梧桐居民区').forEach(walk))
  for (let i = 0; i < 8; i++) {
    const answers = ITEMS.map((item) => ({
      questionId: item.id,
      value: item.kind === 'knowledge' ? 1 : item.reverse ? 1 : i % 2 === 0 ? 5 : 4,
    }))
    const res = await staff('POST', `/api/surveys/${surveyId}/paper-responses`, { buildingId: buildings[i % buildings.length], answers })
    expect(res.status).toBe(201)
  }

  // The index before closing: an open survey does not count yet.
  await openIndexFromHome()
  const before = await belongingLeaf()
  expect(before.text).not.toContain(TITLE)
  expect(before.text).toContain('问卷')

  // --- Close it with the committee's response, in the app. -------------------------------------------
  await backToTabs()
  await visible('.btn').filter({ hasText: '问卷管理' }).first().click()
  await visible('.card').filter({ hasText: TITLE }).click()
  await visible('.btn').filter({ hasText: /^结束问卷$/ }).click()
  await visible('.cs-note textarea').fill(NOTE)
  await visible('.btn').filter({ hasText: '确认结束' }).click()
  await visible('.taro-model__confirm').click()
  await visible('.badge').filter({ hasText: '已结束' }).waitFor()
  const belonging = visible('.card').filter({ has: page.locator('.card__title', { hasText: exact('归属感') }) })
  await belonging.waitFor()
  expect(await belonging.textContent()).toContain('有效回答 10 份')
  expect(await visible('.cs-stat').first().textContent()).toContain('10')
  await visible('.cs-stat').filter({ hasText: '份纸质' }).filter({ hasText: '9' }).waitFor()
  await shot('surveys-07-results')
  // The page scrolls inside Taro's container: bring the figures on screen for the screenshots.
  await visible('.cs-stats').scrollIntoViewIfNeeded()
  await shot('surveys-08-results-counts')
  await belonging.scrollIntoViewIfNeeded()
  await shot('surveys-09-results-score')
  await visible('.cs-dist').first().scrollIntoViewIfNeeded()
  await shot('surveys-10-results-question')

  // The index now takes the new wave: the belonging leaf changed and names it.
  await visible('.btn').filter({ hasText: '查看评估指标' }).click()
  await visible('#index-total').waitFor()
  const after = await belongingLeaf()
  expect(after.text).toContain(TITLE)
  expect(after.points).not.toBe(before.points)
  expect(Number(after.points.split('/')[0])).toBeGreaterThan(Number(before.points.split('/')[0]))
  await visible('.radar__label').first().waitFor()
  expect(await visible('.radar__label').count()).toBe(4)
  await shot('surveys-11-index')
  await visible('.radar').scrollIntoViewIfNeeded()
  await shot('surveys-12-index-radar')
  await visible('#leaf-belonging').scrollIntoViewIfNeeded()
  await shot('surveys-13-index-leaf')
  await visible('#leaf-online_venue').scrollIntoViewIfNeeded()
  await shot('surveys-14-index-platform')

  // The index exports as a workbook (fetched with the token in H5).
  const download = page.waitForEvent('download')
  await visible('.btn').filter({ hasText: '导出 Excel' }).click()
  expect((await download).suggestedFilename()).toMatch(/\.xlsx$/)
  await logout()

  // --- The resident sees the public summary with the committee's response (公开机制). ----------------
  await loginAs(RESIDENT)
  await tab('问卷')
  await visible('.card').filter({ hasText: '调查结果' }).filter({ hasText: TITLE }).click()
  await visible('.sv-note').filter({ hasText: '议事咨询台' }).waitFor()
  await shot('surveys-15-summary')
  await visible('.sv-note').scrollIntoViewIfNeeded()
  await shot('surveys-16-summary-note')
}, 300_000)

test('the 街镇 enters an index figure; the committee writes a needs survey a resident answers in normal mode', async () => {
  // Start from the login page whatever the test before left (a reload keeps the session).
  await page.goto(server.url)
  await page.locator('#agree-privacy, .choice, .hello__name').first().waitFor()
  if (await page.locator('#agree-privacy').isVisible()) await page.locator('#agree-privacy').click()
  if (await page.locator('.hello__name >> visible=true').count()) await logout()

  // --- The 街镇 admin enters 党员报到率 for 梧桐居民区; the index shows who entered it. -----------------
  await loginAs('街道工作人员 · 长宁示范街道')
  await setLargeText(true)
  await tab('首页')
  await visible('.btn').filter({ hasText: '评估指标' }).first().click()
  await visible('#index-total').waitFor()
  await shot('surveys-20-index-admin-large')
  const leaf = visible('#leaf-member_registration')
  await leaf.scrollIntoViewIfNeeded()
  expect(await leaf.locator('.ix-leaf__points').first().textContent()).toContain('2 / 3') // 86% in the seed: the 80% band
  await visible('.btn').filter({ hasText: '录入评估数据' }).click()
  const field = visible('#field-member_registration')
  await field.waitFor()
  expect(await field.textContent()).toContain('现在：86%')
  await field.locator('input').fill('95')
  await visible('.field__input textarea').last().fill('依据街道年度考核材料')
  await visible('.btn').filter({ hasText: '保存修改' }).click()
  const entry = visible('.ix-history').filter({ hasText: '党员报到' }).filter({ hasText: '在用' })
  await entry.waitFor()
  expect(await entry.textContent()).toContain('95%')
  expect(await entry.textContent()).toContain('依据街道年度考核材料')
  expect(await entry.textContent()).toMatch(/长宁示范街道工作人员 #\d+/)
  await entry.scrollIntoViewIfNeeded()
  await shot('surveys-21-inputs-large')
  await page.goBack()
  await page.locator('#field-member_registration').waitFor({ state: 'detached' })
  const updated = visible('#leaf-member_registration')
  await updated.locator('.ix-leaf__points').filter({ hasText: '3 / 3' }).waitFor()
  expect(await updated.textContent()).toContain('手工录入：长宁示范街道工作人员')
  await backToTabs()
  await setLargeText(false)
  await logout()

  // --- The committee writes a needs survey with its own questions and publishes it. ----------------
  await loginAs(MODERATOR)
  await visible('.btn').filter({ hasText: '问卷管理' }).first().click()
  await visible('.btn').filter({ hasText: '新建问卷' }).click()
  await visible('#template-blank').click()
  await visible('#survey-title input').fill('楼道照明改造意见')
  await visible('.btn').filter({ hasText: '创建草稿' }).click()
  await visible('.card__title').filter({ hasText: '编辑草稿' }).waitFor()
  const editors = visible('.cs-qedit')
  const add = async (type: string, text: string, options?: string) => {
    await visible('.btn').filter({ hasText: '加一道题' }).click()
    const q = editors.last()
    await q.locator('.cs-type', { hasText: type }).click()
    await q.locator('.cs-qtext textarea').fill(text)
    if (options) await q.locator('.cs-options textarea').fill(options)
  }
  await add('单选', '您觉得楼道晚上够亮吗？', '很亮\n还可以\n太暗了')
  await add('多选', '最需要加灯的地方？（最多 2 处）', '楼梯口\n信箱旁\n车棚')
  await editors.last().locator('input[type=number]').fill('2')
  await add('打分', '给现在的楼道照明打个分')
  await add('简答', '还有什么建议？')
  await shot('surveys-22-edit-questions')
  // An empty option list is caught before anything is sent.
  await add('单选', '多余的题')
  await visible('.btn').filter({ hasText: '保存，去发布' }).click()
  await editors.last().locator('.field__error').filter({ hasText: '至少需要 2 个选项' }).waitFor()
  await editors.last().locator('.btn', { hasText: '删除' }).click()
  await visible('.taro-model__confirm').click()
  await expect(editors.count()).resolves.toBe(4)
  await visible('.btn').filter({ hasText: '保存，去发布' }).click()
  await visible('.btn').filter({ hasText: '发布问卷' }).click()
  await visible('.taro-model__confirm').click()
  await visible('.badge').filter({ hasText: '进行中' }).waitFor()

  // Next year's wave of the annual survey starts as a copy of the closed one (a draft, same questions).
  await backToTabs()
  await visible('.btn').filter({ hasText: '问卷管理' }).first().click()
  await visible('.segment').filter({ hasText: '已结束' }).click()
  await visible('.card').filter({ hasText: TITLE }).click()
  await visible('.btn').filter({ hasText: '复制为新一轮' }).click()
  await visible('.taro-model__confirm').click()
  await visible('.card').filter({ hasText: '编辑草稿' }).filter({ hasText: '共 37 题' }).waitFor()
  expect(await visible('#survey-title input').inputValue()).toBe(TITLE)
  await logout()

  // --- A resident answers it in normal mode: three questions a screen, the text question alone. -------
  await loginAs(RESIDENT)
  await tab('问卷')
  await visible('.card').filter({ hasText: '楼道照明改造意见' }).click()
  await visible('.btn').filter({ hasText: '开始填写' }).click()
  await visible('.sv-progress__text').filter({ hasText: '第 1–3 题 / 共 4 题' }).waitFor()
  expect(await visible('.sv-question').count()).toBe(3)
  const q = (n: number) => visible('.sv-question').nth(n)
  await q(0).locator('.sv-option', { hasText: '太暗了' }).click()
  await q(1).locator('.sv-option', { hasText: '楼梯口' }).click()
  await q(1).locator('.sv-option', { hasText: '车棚' }).click()
  await q(1).locator('.sv-option', { hasText: '信箱旁' }).click() // a third is refused (最多 2 项)
  expect(await q(1).locator('.sv-option.choice--selected').count()).toBe(2)
  await visible('.btn').filter({ hasText: '下一页' }).click()
  await visible('.sv-error').filter({ hasText: '第 3 题还没有回答' }).waitFor()
  await q(2).locator('.tile', { hasText: exact('4') }).click()
  await shot('surveys-23-screen-normal')
  await visible('.btn').filter({ hasText: '下一页' }).click()
  await visible('.sv-progress__text').filter({ hasText: '第 4 题 / 共 4 题' }).waitFor()
  await visible('.sv-question textarea').fill('希望装声控灯，晚上回家不用摸黑。')
  await visible('.btn').filter({ hasText: '检查并提交' }).click()
  await visible('.btn').filter({ hasText: '提交问卷' }).click()
  await visible('.sv-done__title').filter({ hasText: '提交成功' }).waitFor()
  await logout()
}, 300_000)
