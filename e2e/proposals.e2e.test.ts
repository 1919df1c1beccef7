/**
 * 社区提案 end to end in the H5 build: a 3号楼 resident writes a proposal (the draft survives a reload),
 * a neighbour co-signs it in the app, four more neighbours co-sign through the API with their own tokens,
 * the fifth co-signature reaches the threshold and sends it to screening, the 梧桐居民区 committee member
 * accepts it from the queue, and the author sees it accepted as an agenda item (议题). Screenshots of the
 * list, detail, submit and committee queue pages, in normal and 大字模式, go to e2e/artifacts/.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { launchBrowser, phonePage } from './support/browser'
import { startTestServer } from './support/server'

const ARTIFACTS = path.resolve(__dirname, 'artifacts')
const AUTHOR = '居民代表 · 梧桐新村3号楼'
const NEIGHBOUR = '居民 · 梧桐新村3号楼（已认证）'
const TITLE = '3号楼楼道加装扶手'
const BODY = '3号楼老人多，楼梯没有扶手，上下楼容易摔倒。建议每层楼道加装不锈钢扶手，费用从维修资金里出。'

let server: { url: string; close(): Promise<void> }
let browser: Browser
let page: Page

beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true })
  server = await startTestServer()
  browser = await launchBrowser()
  page = await phonePage(browser)
})

afterEach(async () => {
  // What was on screen when each test ended (the first thing to look at when one fails).
  const n = (expect.getState().currentTestName ?? '').slice(0, 12)
  await page?.screenshot({ path: path.join(ARTIFACTS, `proposals-end-${n}.png`) }).catch(() => undefined)
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

/** Tab pages and pages under the top one stay in the DOM while hidden; act on what is on screen. */
const visible = (selector: string) => page.locator(`${selector} >> visible=true`)

async function shot(name: string, fullPage = false) {
  await page.waitForTimeout(500) // let page transitions and toasts settle
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage })
}

/** The navigation bar's back arrow (as a resident would), then wait until the page below is on screen. */
async function back(selector: string) {
  await visible('.taro-navigation-bar-back').click()
  await visible(selector).first().waitFor()
  await page.waitForTimeout(400)
}

/** Tap something that opens a page; tap again if the router dropped it while settling (H5 only). */
async function tapTo(target: ReturnType<typeof visible>, arrived: ReturnType<typeof visible>) {
  for (let attempt = 0; ; attempt++) {
    await target.click()
    try {
      await arrived.first().waitFor({ timeout: 5000 })
      return
    } catch (e) {
      if (attempt >= 2) throw e
    }
  }
}

async function confirmModal() {
  await visible('.taro-model__confirm').click()
}

async function loginAs(...match: string[]) {
  await visible('.choice').first().waitFor()
  let choice = visible('.choice')
  for (const m of match) choice = choice.filter({ hasText: m })
  await choice.first().click()
  await visible('.hello__name').waitFor()
}

/** Back to the tab pages (the tab bar shows only there). */
async function backToTabs() {
  for (let i = 0; i < 6 && (await page.locator('.weui-tabbar__item >> visible=true').count()) === 0; i++) {
    if (await visible('.taro-navigation-bar-back').count()) await visible('.taro-navigation-bar-back').click()
    else if (await visible('.taro-navigation-bar-home').count()) await visible('.taro-navigation-bar-home').click()
    else await page.goBack()
    await page.waitForTimeout(600)
  }
}

async function logout() {
  await backToTabs()
  await visible('.weui-tabbar__item').filter({ hasText: '我的' }).click()
  await visible('.btn').filter({ hasText: '退出登录' }).click()
  await confirmModal()
  await page.getByText('选择演示账号').waitFor()
}

async function tab(name: string) {
  await visible('.weui-tabbar__item').filter({ hasText: name }).click()
  // Taro's H5 router shows the tab page after its transition; acting earlier hits a page still hidden.
  await page.waitForTimeout(400)
}

/** The API as another demo resident, with their own token (dev login). */
async function asResident(userId: number) {
  const login = await fetch(`${server.url}/api/auth/dev-login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ userId }),
  })
  expect(login.status).toBe(200)
  const { token } = (await login.json()) as { token: string }
  return async (method: string, url: string, body?: unknown) => {
    const res = await fetch(server.url + url, {
      method,
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, 'Idempotency-Key': `e2e-${userId}-${method}-${url}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    return { status: res.status, body: (await res.json()) as Record<string, unknown> }
  }
}

async function setLargeText(on: boolean) {
  await tab('我的')
  await visible('.profile__name').waitFor()
  const large = (await page.locator('.page--large .profile__name >> visible=true').count()) > 0
  if (large !== on) await visible('taro-switch-core input').first().click()
  await page.locator(`${on ? '.page--large' : '.page--normal'} .profile__name >> visible=true`).waitFor()
}

test('a resident proposes, neighbours co-sign to the threshold, the committee accepts it as 议题', async () => {
  await page.goto(server.url)
  await page.locator('#agree-privacy').click()

  // --- The author writes the proposal. -------------------------------------------------------------
  await loginAs(AUTHOR)
  await tab('提案')
  await visible('.pcard').first().waitFor() // the demo community has proposals in every stage
  await visible('.btn').filter({ hasText: '提新提案' }).click()
  await visible('#title-field input').waitFor()

  // Too short a title is caught before anything is sent.
  await visible('#title-field input').fill('扶手')
  await visible('#submit-proposal').click()
  await visible('.field__error').filter({ hasText: '标题至少 5 个字' }).waitFor()

  await visible('#title-field input').fill(TITLE)
  await visible('#body-field textarea').fill(BODY)
  await visible('#category-field .tile').filter({ hasText: '安全' }).click()
  await visible('.choice').filter({ hasText: '梧桐新村 3号楼' }).waitFor()
  await page.waitForTimeout(2500) // the validation toast fades
  await shot('proposals-1-submit', true)

  // The draft survives closing the app (a reload of the H5 page).
  await page.reload()
  await visible('#title-field input').waitFor()
  await page.waitForFunction((t) => (document.querySelector('#title-field input') as HTMLInputElement | null)?.value === t, TITLE)
  expect(await visible('#body-field textarea').inputValue()).toBe(BODY)
  await visible('#category-field .tile--selected').filter({ hasText: '安全' }).waitFor()

  await visible('#submit-proposal').click()
  // Asked first (and offered similar open proposals, if there are any).
  await visible('.taro-modal__title').filter({ hasText: /提交提案|是否附议已有提案/ }).waitFor()
  await confirmModal()

  // The new proposal's page: collecting co-signatures, 0 of 5.
  await visible('.detail__title').filter({ hasText: TITLE }).waitFor()
  await visible('.badge').filter({ hasText: '征集附议' }).first().waitFor()
  await visible('.pbar__text').filter({ hasText: '0 / 5 人附议' }).waitFor()
  await visible('.timeline__title').filter({ hasText: '提交提案' }).waitFor()
  const id = Number(/[?&]id=(\d+)/.exec(page.url())?.[1])
  expect(id).toBeGreaterThan(0)
  await shot('proposals-2-detail-author', true)
  await logout()

  // --- The first neighbour co-signs in the app. ------------------------------------------------------
  await loginAs(NEIGHBOUR)
  await tab('提案')
  const card = visible('.pcard').filter({ hasText: TITLE })
  await card.waitFor()
  await card.locator('.pbar__text').filter({ hasText: '0 / 5 人附议' }).waitFor()
  await card.click()
  await visible('#cosign').click()
  await visible('.taro-modal__title').filter({ hasText: '附议' }).waitFor()
  await confirmModal()
  await visible('.pbar__text').filter({ hasText: '1 / 5 人附议' }).waitFor()
  await visible('.card__lead').filter({ hasText: '您已附议' }).waitFor()
  await shot('proposals-3-detail-cosigned', true)

  // Back on the list, the card has the new count.
  await back('.pcard')
  await visible('.pcard').filter({ hasText: TITLE }).filter({ hasText: '我已附议' }).locator('.pbar__text').filter({ hasText: '1 / 5 人附议' }).waitFor()
  await shot('proposals-4-list')
  await logout()

  // --- Four more neighbours co-sign through the API; the fifth co-signature reaches the threshold. ---
  const users = ((await (await fetch(`${server.url}/api/auth/dev-users`)).json()) as { users: { id: number; description: string }[] }).users
  const neighbours = users.filter((u) => u.description.includes(NEIGHBOUR))
  expect(neighbours).toHaveLength(5)
  let last: Record<string, unknown> = {}
  for (const n of neighbours.slice(1)) {
    const call = await asResident(n.id)
    const res = await call('POST', `/api/proposals/${id}/cosign`, {})
    expect(res.status).toBe(200)
    last = res.body
  }
  expect(last).toEqual({ cosigned: true, cosignCount: 5, threshold: 5, state: 'screening' })

  // --- The committee member finds it in the queue and accepts it. ------------------------------------
  await loginAs('居委会 · 梧桐')
  await visible('.btn').filter({ hasText: '处理提案' }).click()
  await visible('.section__title').filter({ hasText: '待审核（' }).waitFor()
  const queued = visible('.pcard').filter({ hasText: TITLE })
  await queued.waitFor()
  await shot('proposals-5-committee-queue')
  await queued.click()
  await visible('.tile--selected').filter({ hasText: '受理立项' }).waitFor()
  await visible('#screen-reason textarea').fill('符合居民区议事范围，先开协调会听取一楼住户意见')
  await shot('proposals-6-committee-screen', true)
  await visible('.btn').filter({ hasText: /^受理立项$/ }).click()
  await visible('.taro-modal__title').filter({ hasText: '受理立项' }).waitFor()
  await confirmModal()
  await visible('.badge').filter({ hasText: '已立项（议题）' }).first().waitFor()
  await visible('.card__title').filter({ hasText: '开始协商' }).waitFor()
  await back('.segment')
  await visible('.pcard').filter({ hasText: TITLE }).waitFor({ state: 'detached' })
  await logout()

  // --- The author sees it accepted, with the committee's step and reason in the timeline. ------------
  await loginAs(AUTHOR)
  await tab('我的')
  await visible('.list-row').filter({ hasText: '消息' }).filter({ hasText: '未读' }).waitFor()
  await visible('.list-row').filter({ hasText: '我的提案' }).click()
  const mine = visible('.pcard').filter({ hasText: TITLE })
  await mine.locator('.badge').filter({ hasText: '已立项（议题）' }).waitFor()
  await mine.click()
  await visible('.detail__title').filter({ hasText: TITLE }).waitFor()
  const accepted = visible('.timeline__item').filter({ hasText: '已立项（议题）' })
  await accepted.filter({ hasText: '居委会' }).filter({ hasText: '原因：符合居民区议事范围' }).waitFor()
  await visible('.timeline__item').filter({ hasText: '居委会审核中' }).filter({ hasText: '系统自动' }).waitFor()
  await visible('.card__title').filter({ hasText: '议事厅讨论' }).waitFor()
  await shot('proposals-7-detail-accepted', true)
  await back('.pcard')
  await back('.profile__name')

  // The notification says so too.
  await visible('.list-row').filter({ hasText: '消息' }).click()
  await visible('.card').filter({ hasText: TITLE }).filter({ hasText: '未读' }).first().waitFor()
  await shot('proposals-8-notifications')
  await back('.profile__name')

  // --- 大字模式: the same pages, bigger. ----------------------------------------------------------------
  await setLargeText(true)
  await tab('提案')
  await page.locator('.page--large .pcard >> visible=true').filter({ hasText: TITLE }).waitFor()
  await shot('proposals-9-list-large')
  await visible('.pcard').filter({ hasText: TITLE }).click()
  await page.locator('.page--large .detail__title >> visible=true').waitFor()
  await shot('proposals-10-detail-large')
  await back('.chip')
  await visible('.btn').filter({ hasText: '提新提案' }).click()
  await page.locator('.page--large #title-field >> visible=true').waitFor()
  await shot('proposals-11-submit-large')
  await back('.chip')
  await tab('首页')
  const section = visible('.section__title').filter({ hasText: '需要您关注的提案' })
  await section.waitFor()
  await section.scrollIntoViewIfNeeded()
  await shot('proposals-12-home-large')
  await logout()

  await loginAs('居委会 · 梧桐')
  await visible('.btn').filter({ hasText: '处理提案' }).click()
  await visible('.segment').filter({ hasText: '办理中' }).click()
  await page.locator('.page--large .pcard >> visible=true').filter({ hasText: TITLE }).waitFor()
  await shot('proposals-13-committee-large')
}, 180_000)

test('the later stages read well: vote, implementation with comments, evaluation (demo proposals)', async () => {
  // Same browser context: still logged in as the committee member from the first test; log in as the
  // 3号楼 居民代表 again, whose 楼组, 小区 and 居民区 have demo proposals in the later stages.
  await logout()
  await loginAs(AUTHOR)
  await setLargeText(false)
  const users = ((await (await fetch(`${server.url}/api/auth/dev-users`)).json()) as { users: { id: number; label: string; description: string }[] }).users
  const author = users.find((u) => u.description.includes(AUTHOR))!
  const call = await asResident(author.id)
  const first = async (state: string) => {
    const res = await call('GET', `/api/proposals?state=${state}&limit=5`)
    return ((res.body.items as { id: number }[]) ?? [])[0]?.id ?? null
  }
  const open = async (id: number) => {
    await page.goto(`${server.url}/#/pages/proposals/detail?id=${id}`)
    await visible('.detail__title').waitFor()
  }

  const voting = await first('voting')
  if (voting) {
    await open(voting)
    const card = visible('.card').filter({ has: page.locator('.card__title', { hasText: '住户投票' }) })
    await card.getByText('每户一票，由本户第一位投票的家庭成员投出，截止前可以修改。').waitFor()
    await card.locator('.btn').filter({ hasText: /^支持$/ }).click()
    await confirmModal()
    await card.locator('.btn').filter({ hasText: '✓ 支持' }).waitFor()
    await card.getByText('您家已投：支持（由您投出）').waitFor()
    await page.waitForTimeout(2200) // the toast fades
    await card.screenshot({ path: path.join(ARTIFACTS, 'proposals-14-vote.png') })
  }

  const implementing = await first('implementing')
  if (implementing) {
    await open(implementing)
    const card = visible('.card').filter({ has: page.locator('.card__title', { hasText: '实施进展' }) })
    await card.locator('.kv').filter({ hasText: '负责人' }).waitFor()
    await card.locator('.btn').filter({ hasText: /^评论/ }).first().click()
    await card.locator('.field input').first().fill('晚上十点以后灯还亮着吗？请物业确认定时')
    await card.locator('.btn').filter({ hasText: '发表评论' }).click()
    await card.locator('.comment').filter({ hasText: '晚上十点以后灯还亮着吗' }).waitFor()
    await page.waitForTimeout(2200)
    await card.screenshot({ path: path.join(ARTIFACTS, 'proposals-15-implementation.png') })
  }

  const completed = await first('completed')
  if (completed) {
    await open(completed)
    const card = visible('.card').filter({ has: page.locator('.card__title', { hasText: '成效评议' }) })
    await card.locator('.stat__label').waitFor()
    // A resident who already evaluated may change it during the window; either way, submit one.
    if ((await card.locator('.btn').filter({ hasText: '修改我的评议' }).count()) > 0) await card.locator('.btn').filter({ hasText: '修改我的评议' }).click()
    if ((await card.locator('.btn').filter({ hasText: '提交评议' }).count()) > 0) {
      await card.locator('.block .stars .star').nth(3).click()
      await card.locator('textarea').fill('晚餐延长到七点，下班的子女也能给老人带饭了')
      await card.locator('.btn').filter({ hasText: '提交评议' }).click()
      await confirmModal()
      await card.locator('.block__title').filter({ hasText: '我的评议' }).waitFor()
      await card.locator('.block__text').filter({ hasText: '下班的子女也能给老人带饭了' }).first().waitFor()
    }
    await page.waitForTimeout(2200)
    await card.screenshot({ path: path.join(ARTIFACTS, 'proposals-16-evaluation.png') })
  }

  // The list's filters: a state group, the other sort, a category.
  await page.goto(server.url)
  await visible('.hello__name').waitFor()
  await tab('提案')
  await visible('.chip').filter({ hasText: '投票中' }).click()
  await visible('.pcard').first().waitFor()
  for (const badge of await visible('.pcard .card__head .badge').allInnerTexts()) expect(badge).toBe('投票中')
  await visible('.chip').filter({ hasText: '全部' }).click()
  await visible('.segment').filter({ hasText: '附议最多' }).click()
  await visible('.segment--active').filter({ hasText: '附议最多' }).waitFor()
  await visible('.picker-box').click()
  await shot('proposals-20-category-picker')
  await visible('.category-tiles .tile').filter({ hasText: '加装电梯' }).click()
  await visible('.picker-box').filter({ hasText: '加装电梯' }).waitFor()
  await visible('.pcard').first().waitFor()
  for (const meta of await visible('.pcard .pcard__meta').allInnerTexts()) expect(meta).toMatch(/^加装电梯 · /)

  // Opening a notification marks it read.
  await tab('我的')
  await visible('.list-row').filter({ hasText: '消息' }).click()
  await visible('.notice--unread').first().waitFor()
  const unread = await visible('.notice--unread').count()
  expect(unread).toBeGreaterThan(0)
  await visible('.notice--unread').first().click()
  await visible('.detail__title').waitFor()
  await back('.notice')
  await page.waitForFunction((n) => document.querySelectorAll('.notice--unread').length === n - 1, unread)
  await back('.profile__name')

  // 首页 in normal size: what needs this resident now.
  await tab('首页')
  await visible('.hello__name').waitFor()
  const section = visible('.section__title').filter({ hasText: '需要您关注的提案' })
  await section.waitFor()
  await section.scrollIntoViewIfNeeded()
  await shot('proposals-17-home')
}, 120_000)

test('the committee carries the accepted proposal to completion and enters on behalf of residents (代录)', async () => {
  await logout()
  await loginAs('居委会 · 梧桐')
  await visible('.btn').filter({ hasText: '处理提案' }).click()
  await visible('.segment').filter({ hasText: '办理中' }).click()
  await visible('.pcard').filter({ hasText: TITLE }).click()
  await visible('.detail__title').filter({ hasText: TITLE }).waitFor()
  const field = (label: string) => visible('.field').filter({ has: page.locator('.field__label', { hasText: label }) })
  const button = (text: string | RegExp) => visible('.btn').filter({ hasText: text })

  // Deliberation with a 三会 record.
  await button('开始协商').click()
  await confirmModal()
  await visible('.card__title').filter({ hasText: '作出决定' }).waitFor()
  await button('记录一次会议').click()
  await visible('.tile').filter({ hasText: '协调会' }).click()
  await field('地点').locator('input').fill('梧桐居委会活动室')
  await field('参加人数').locator('input').fill('18')
  await field('会议纪要').locator('textarea').fill('一楼住户担心扶手占用楼道宽度，物业答复选用贴墙窄款。')
  await button('保存记录').click()
  await confirmModal()
  await visible('.card__text').filter({ hasText: '已记录 1 次会议' }).waitFor()

  // The 居民代表会议 decided offline.
  await visible('.segment').filter({ hasText: '居民代表会议' }).click()
  await visible('.tile').filter({ hasText: /^通过$/ }).click()
  await field('会议纪要（居民可以看到）').locator('textarea').fill('居民代表会议 11 人参加，10 人赞成加装扶手。')
  await button('记录决定').click()
  await confirmModal()
  await visible('.badge').filter({ hasText: '表决通过' }).first().waitFor()

  // Implementation: owner, date (default), budget; a progress update with spending; done.
  await field('实施负责人').locator('input').fill('梧桐物业')
  await field('预算').locator('input').fill('12000')
  await button(/^开始实施$/).click()
  await confirmModal()
  await visible('.card__title').filter({ hasText: '更新实施进展' }).waitFor()
  await visible('.tile').filter({ hasText: '50%' }).click()
  await field('进展说明').locator('textarea').fill('1至3层扶手已安装')
  await field('累计支出').locator('input').fill('6000')
  await button('发布进展').click()
  await confirmModal()
  await visible('.card__note').filter({ hasText: '目前 50%，累计支出 6,000 元' }).waitFor()
  await shot('proposals-18-committee-implementing')
  await button('标记为已完成').click()
  await confirmModal()
  await visible('.badge').filter({ hasText: '已完成 · 请评议' }).first().waitFor()

  // What residents see: the decision, the meeting, progress and spending.
  await button('查看居民看到的页面').click()
  await visible('.timeline__item').filter({ hasText: '表决通过' }).filter({ hasText: '居民代表会议纪要：居民代表会议 11 人参加' }).waitFor()
  await visible('.block__title').filter({ hasText: '协调会' }).waitFor()
  await visible('.kv').filter({ hasText: '已支出' }).filter({ hasText: '6,000 元' }).waitFor()
  await visible('.card__title').filter({ hasText: '成效评议' }).waitFor()
  await back('.detail__title')
  await back('.segment')

  // 代录: a co-signature and a proposal for residents who came in person.
  await tapTo(button('代录提案或附议'), visible('.segment').filter({ hasText: '代录附议' }))
  await visible('.segment').filter({ hasText: '代录附议' }).click()
  const target = visible('.choice').filter({ hasText: '/ ' }).first()
  await target.waitFor()
  const targetText = await target.locator('.choice__text').innerText()
  await target.click()
  await visible('.tile').filter({ hasText: '梧桐新村' }).click()
  const unit = targetText.split(' · ')[0]
  await visible('.tile').filter({ hasText: unit.endsWith('楼') ? unit : '2号楼' }).first().click()
  await field('房号').locator('input').fill('502')
  await field('姓名').locator('input').fill('王阿姨')
  await button(/^代录附议$/).click()
  await confirmModal()
  await page.getByText(/已代录/).first().waitFor()

  await visible('.segment').filter({ hasText: '代录提案' }).click()
  await visible('.tile').filter({ hasText: '5号楼' }).click()
  await field('标题').locator('input').fill('5号楼门口增设休息座椅')
  await field('具体内容').locator('textarea').fill('5号楼老人多，买菜回来想在门口歇一歇，建议增设两张座椅。')
  await visible('.tile').filter({ hasText: '公共空间' }).click()
  await field('备注').locator('textarea').fill('5号楼 602 李老伯，电话已登记在纸质台账')
  await shot('proposals-19-proxy')
  await button('提交代录提案').click()
  await confirmModal()
  await visible('.detail__title').filter({ hasText: '5号楼门口增设休息座椅' }).waitFor()
  await visible('.badge').filter({ hasText: '居委会代录' }).first().waitFor()
  await visible('.card__note').filter({ hasText: '代录备注：5号楼 602 李老伯' }).waitFor()
}, 150_000)
