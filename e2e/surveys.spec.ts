/**
 * Surveys and the index end to end in the H5 build. The 梧桐居民区 committee member creates the annual
 * survey (年度居民感受调查) from its template and publishes it; a verified resident turns on 大字模式 and
 * answers it one question a screen (a 不清楚 among the answers), leaving half-way and coming back to the
 * kept draft; the committee enters a paper questionnaire in the app (and eight more through the API, so the
 * wave reaches the 10 answers the index needs), reads the index, closes the survey with its response note
 * and sees the questionnaire leaves of the index change to the new wave. Screenshots go to e2e/artifacts/.
 */
import { INSTRUMENTS } from '../src/scoring/instruments'
import type { InstrumentItem } from '../types/scoring'
import { expect, journey, test, type App } from './support/app'

journey('surveys')

const MODERATOR = '居委会 · 梧桐居民区'
const STREET_STAFF = '街道工作人员 · 长宁示范街道'
const RESIDENT = '居民代表 · 梧桐新村3号楼'
const TITLE = '梧桐居民区居民感受调查（第二轮）'
const NOTE = '感谢参与！大家对议事厅的了解还不够，居委会下月起每月第一个周六在小区门口设议事咨询台。'
const ORDER = ['awareness', 'satisfaction', 'belonging', 'cohesion', 'atmosphere'] as const
const ITEMS: InstrumentItem[] = ORDER.flatMap((id) => INSTRUMENTS[id].items)
/** The question answered 不清楚 (an awareness item: 不清楚 is offered there). */
const DK_QUESTION = 2

const exact = (text: string) => new RegExp(`^${text.replace(/[()（）]/g, '\\$&')}$`)

/** The answer a content resident gives: the top of each scale (the bottom for reverse-worded items). */
function answerLabel(item: InstrumentItem): string {
  if (item.kind === 'knowledge') return '知道'
  return item.reverse ? item.scale.labels[0] : item.scale.labels[item.scale.labels.length - 1]
}

/** Opens every first-level card of the index (they start closed, each with its summary line). */
async function openIndexDetails(app: App) {
  const closed = app.on('.ix-toggle').filter({ hasText: '展开明细' })
  await expect(closed.first()).toBeVisible()
  while (await closed.count()) await closed.first().click()
}

/** The belonging (归属感) leaf of the index as the dashboard shows it: points and where they came from. */
async function belongingLeaf(app: App) {
  await openIndexDetails(app)
  const leaf = app.on('#leaf-belonging')
  await expect(leaf).toBeVisible()
  return { points: (await leaf.locator('.ix-leaf__points').first().textContent())!.trim(), text: (await leaf.textContent())! }
}

async function openIndexFromHome(app: App) {
  await app.backToTabs()
  await app.tapTo(app.on('.btn').filter({ hasText: '评估指标' }).first())
  await expect(app.on('#index-total')).toBeVisible()
}

type UnitNode = { id: number; level: string; name: string; children: UnitNode[] }

test('a resident answers the annual survey in 大字模式; the committee closes it and the index follows', async ({ app, api }) => {
  await app.launch()

  // --- The committee creates the annual survey from its template and publishes it. ------------------
  await app.loginAs(MODERATOR)
  await app.tapTo(app.on('.btn').filter({ hasText: '问卷管理' }).first())
  await expect(app.on('.segments')).toBeVisible()
  await expect(app.on('.card').filter({ hasText: '加装电梯和小区改善意见征集' })).toBeVisible() // the seed's open needs survey
  await app.shot('surveys-01-committee-list')
  await app.tapTo(app.on('.btn').filter({ hasText: '新建问卷' }))
  await expect(app.on('#template-annual')).toContainText('37 题')
  await app.on('#template-annual').click()
  await app.on('#survey-title input').fill(TITLE)
  await app.shot('surveys-02-create')
  await app.tapTo(app.on('.btn').filter({ hasText: '创建草稿' }))
  await expect(app.on('.card__title').filter({ hasText: '编辑草稿' })).toBeVisible()
  await expect(app.on('.card').filter({ hasText: '编辑草稿' })).toContainText('共 37 题')
  await app.tapTo(app.on('.btn').filter({ hasText: '保存，去发布' }))
  await app.on('.btn').filter({ hasText: '发布问卷' }).click()
  await app.confirmModal()
  await expect(app.on('.badge').filter({ hasText: '进行中' })).toBeVisible()
  const surveyId = Number(/[?&]id=(\d+)/.exec(app.page.url())?.[1])
  expect(surveyId).toBeGreaterThan(0)
  await app.logout()

  // --- A verified resident, in 大字模式, answers it one question a screen. -----------------------------
  await app.loginAs(RESIDENT)
  await app.setLargeText(true)
  await app.tab('首页')
  await expect(app.on('.card').filter({ hasText: TITLE }).filter({ hasText: '约 5 分钟' })).toBeVisible() // 首页 lists it with its length
  await app.tab('问卷')
  const card = app.on('.card').filter({ hasText: TITLE })
  await expect(card).toContainText('共 37 题，约 5 分钟')
  await expect(card).toContainText('待填写')
  await expect(app.on('.card').filter({ hasText: '调查结果' }).first()).toBeVisible() // the public summary card
  await app.shot('surveys-03-list-large')
  await app.tapTo(card)
  await app.on('.btn').filter({ hasText: '开始填写' }).click()

  const answer = async (n: number) => {
    await expect(app.on('.sv-progress__text').filter({ hasText: `第 ${n} 题 / 共 37 题` })).toBeVisible()
    await expect(app.on('.sv-question')).toHaveCount(1) // one question a screen in 大字模式
    const item = ITEMS[n - 1]
    await expect(app.on('.sv-question__text')).toHaveText(item.text)
    const label = n === DK_QUESTION ? '不清楚' : answerLabel(item)
    const option = (cls: string) => app.on(cls).filter({ has: app.page.locator('.sv-option__label', { hasText: exact(label) }) })
    await option('.sv-option').click()
    await expect(option('.sv-option.choice--selected')).toBeVisible()
    if (n === 3) await app.shot('surveys-04-question-large')
    if (n === DK_QUESTION) await app.shot('surveys-05-dont-know-large')
    await app.on('.btn').filter({ hasText: n === 37 ? '检查并提交' : '下一题' }).click()
  }

  // Next without an answer is refused in plain words.
  await app.on('.btn').filter({ hasText: '下一题' }).click()
  await expect(app.on('.sv-error').filter({ hasText: '请先选一个答案' })).toBeVisible()
  for (let n = 1; n <= 10; n++) await answer(n)

  // Leave half-way; the answers wait on the phone.
  await expect(app.on('.sv-progress__text').filter({ hasText: '第 11 题' })).toBeVisible()
  await app.goBack()
  await expect(app.page.locator('.sv-progress__text')).toHaveCount(0)
  await expect(app.on('.card').filter({ hasText: TITLE }).filter({ hasText: '填了一半' })).toBeVisible()
  await app.tapTo(app.on('.card').filter({ hasText: TITLE }))
  await app.on('.btn').filter({ hasText: '继续填写（第 11 题）' }).click()
  for (let n = 11; n <= 37; n++) await answer(n)

  await expect(app.on('.card__lead').filter({ hasText: '已回答 37 / 37 题' })).toBeVisible()
  await app.on('.btn').filter({ hasText: '提交问卷' }).click()
  await expect(app.on('.sv-done__title').filter({ hasText: '提交成功' })).toBeVisible()
  await expect(app.on('.badge').filter({ hasText: '已提交' })).toBeVisible()
  await app.shot('surveys-06-thanks-large')
  await app.goBack()
  await expect(app.page.locator('.sv-done__title')).toHaveCount(0)
  await expect(app.on('.card').filter({ hasText: TITLE }).filter({ hasText: '已提交' })).toBeVisible()
  await app.setLargeText(false)
  await app.logout()

  // --- The committee enters a paper questionnaire (the rest through the API). ------------------------
  await app.loginAs(MODERATOR)
  await app.tapTo(app.on('.btn').filter({ hasText: '问卷管理' }).first())
  await app.tapTo(app.on('.card').filter({ hasText: TITLE }))
  await app.tapTo(app.on('.btn').filter({ hasText: '录入纸质问卷' }))
  await app.on('.tile').filter({ hasText: exact('1号楼') }).first().click()
  const questions = app.on('.sv-question')
  await expect(questions).toHaveCount(37)
  for (let i = 0; i < 37; i++) {
    await questions.nth(i).locator('.tile', { hasText: exact(answerLabel(ITEMS[i])) }).click()
  }
  await questions.nth(0).scrollIntoViewIfNeeded()
  await app.shot('surveys-07a-paper')
  await app.on('.btn').filter({ hasText: '保存这份纸质问卷' }).click()
  await expect(app.on('.cs-entered').filter({ hasText: '已录入纸质问卷 1 份' })).toBeVisible()

  const moderator = (await api.users()).find((u) => u.description === MODERATOR)
  expect(moderator).toBeDefined()
  const staff = await api.login(moderator!.id)
  const units = await api.request<{ units: UnitNode[] }>(staff, 'GET', '/api/units')
  const buildings: number[] = []
  const walk = (n: UnitNode): void => (n.level === 'building' ? void buildings.push(n.id) : n.children.forEach(walk))
  units.body.units.forEach((street) => street.children.filter((nb) => nb.name === '梧桐居民区').forEach(walk))
  for (let i = 0; i < 8; i++) {
    const answers = ITEMS.map((item) => ({
      questionId: item.id,
      value: item.kind === 'knowledge' ? 1 : item.reverse ? 1 : i % 2 === 0 ? 5 : 4,
    }))
    const res = await api.request(staff, 'POST', `/api/surveys/${surveyId}/paper-responses`, { buildingId: buildings[i % buildings.length], answers })
    expect(res.status).toBe(201)
  }
  // Paper counts once a second person has checked it: the 街镇's staff member checks every batch.
  const streetStaff = (await api.users()).find((u) => u.description === STREET_STAFF)
  expect(streetStaff).toBeDefined()
  const street = await api.login(streetStaff!.id)
  const batches = await api.ok<{ items: { id: number; checkedBy: number | null }[] }>(street, 'GET', `/api/surveys/${surveyId}/paper-batches`)
  expect(batches.items).toHaveLength(9)
  for (const b of batches.items) await api.ok(street, 'POST', `/api/surveys/${surveyId}/paper-batches/${b.id}/check`, {})

  // The index before closing: an open survey does not count yet.
  await openIndexFromHome(app)
  const before = await belongingLeaf(app)
  expect(before.text).not.toContain(TITLE)
  expect(before.text).toContain('问卷')

  // --- Close it with the committee's response, in the app. -------------------------------------------
  await app.backToTabs()
  await app.tapTo(app.on('.btn').filter({ hasText: '问卷管理' }).first())
  await app.tapTo(app.on('.card').filter({ hasText: TITLE }))
  await app.on('.btn').filter({ hasText: /^结束问卷$/ }).click()
  await app.on('.cs-note textarea').fill(NOTE)
  await app.on('.btn').filter({ hasText: '确认结束' }).click()
  await app.confirmModal()
  await expect(app.on('.badge').filter({ hasText: '已结束' })).toBeVisible()
  const belonging = app.on('.card').filter({ has: app.page.locator('.card__title', { hasText: exact('归属感') }) })
  await expect(belonging).toContainText('有效回答 10 份')
  await expect(app.on('.cs-stat').first()).toContainText('10')
  await expect(app.on('.cs-stat').filter({ hasText: '份纸质' }).filter({ hasText: '9' })).toBeVisible()
  await app.shot('surveys-07-results')
  // The page scrolls inside Taro's container: bring the figures on screen for the screenshots.
  await app.on('.cs-stats').scrollIntoViewIfNeeded()
  await app.shot('surveys-08-results-counts')
  await belonging.scrollIntoViewIfNeeded()
  await app.shot('surveys-09-results-score')
  await app.on('.cs-dist').first().scrollIntoViewIfNeeded()
  await app.shot('surveys-10-results-question')

  // Nine of its ten answers were entered on paper by the 居委会 being evaluated: the wave counts for the
  // index once the 街镇 confirms it.
  await api.ok(street, 'POST', `/api/surveys/${surveyId}/paper-confirmation`, {})

  // The index now takes the new wave: the belonging leaf changed and names it.
  await app.tapTo(app.on('.btn').filter({ hasText: '查看评估指标' }))
  await expect(app.on('#index-total')).toBeVisible()
  const after = await belongingLeaf(app)
  expect(after.text).toContain(TITLE)
  expect(after.points).not.toBe(before.points)
  expect(Number(after.points.split('/')[0])).toBeGreaterThan(Number(before.points.split('/')[0]))
  await expect(app.on('.radar__label')).toHaveCount(4)
  await app.shot('surveys-11-index')
  await app.on('.radar').scrollIntoViewIfNeeded()
  await app.shot('surveys-12-index-radar')
  await app.on('#leaf-belonging').scrollIntoViewIfNeeded()
  await app.shot('surveys-13-index-leaf')
  await app.on('#leaf-online_venue').scrollIntoViewIfNeeded()
  await app.shot('surveys-14-index-platform')

  // The index exports as a workbook (fetched with the token in H5).
  const download = app.page.waitForEvent('download')
  await app.on('.btn').filter({ hasText: '导出 Excel' }).click()
  expect((await download).suggestedFilename()).toMatch(/\.xlsx$/)
  await app.logout()

  // --- The resident sees the public summary with the committee's response (公开机制). ----------------
  await app.loginAs(RESIDENT)
  await app.tab('问卷')
  await app.tapTo(app.on('.card').filter({ hasText: '调查结果' }).filter({ hasText: TITLE }))
  await expect(app.on('.sv-note').filter({ hasText: '议事咨询台' })).toBeVisible()
  await app.shot('surveys-15-summary')
  await app.on('.sv-note').scrollIntoViewIfNeeded()
  await app.shot('surveys-16-summary-note')
})

test('the 街镇 enters an index figure; the committee writes a needs survey a resident answers in normal mode', async ({ app }) => {
  // Start from the login page whatever the test before left (a reload keeps the session).
  await app.load()
  await expect(app.on('#agree-privacy, .choice, .hello__name').first()).toBeVisible()
  if (await app.on('#agree-privacy').isVisible()) await app.on('#agree-privacy').click()
  if (await app.on('.hello__name').count()) await app.logout()

  // --- The 街镇 admin enters 党员报到率 for 梧桐居民区; the index shows who entered it. -----------------
  await app.loginAs(STREET_STAFF)
  await app.setLargeText(true)
  await app.tab('首页')
  await app.tapTo(app.on('.btn').filter({ hasText: '评估指标' }).first())
  await expect(app.on('#index-total')).toBeVisible()
  await app.shot('surveys-20-index-admin-large')
  await openIndexDetails(app)
  const leaf = app.on('#leaf-member_registration')
  await leaf.scrollIntoViewIfNeeded()
  await expect(leaf.locator('.ix-leaf__points').first()).toContainText('2 / 3') // 86% in the seed: the 80% band
  await app.tapTo(app.on('.btn').filter({ hasText: '录入评估数据' }))
  const field = app.on('#field-member_registration')
  await expect(field).toContainText('现在：86%')
  await field.locator('input').fill('95')
  await app.on('.field__input textarea').last().fill('依据街道年度考核材料')
  await app.on('.btn').filter({ hasText: '保存修改' }).click()
  const entry = app.on('.ix-history').filter({ hasText: '党员报到' }).filter({ hasText: '在用' })
  await expect(entry).toContainText('95%')
  await expect(entry).toContainText('依据街道年度考核材料')
  await expect(entry).toContainText(/长宁示范街道工作人员 #\d+/)
  await entry.scrollIntoViewIfNeeded()
  await app.shot('surveys-21-inputs-large')
  await app.goBack()
  await expect(app.page.locator('#field-member_registration')).toHaveCount(0)
  const updated = app.on('#leaf-member_registration')
  await expect(updated.locator('.ix-leaf__points').filter({ hasText: '3 / 3' })).toBeVisible()
  await expect(updated).toContainText('手工录入：长宁示范街道工作人员')
  await app.backToTabs()
  await app.setLargeText(false)
  await app.logout()

  // --- The committee writes a needs survey with its own questions and publishes it. ----------------
  await app.loginAs(MODERATOR)
  await app.tapTo(app.on('.btn').filter({ hasText: '问卷管理' }).first())
  await app.tapTo(app.on('.btn').filter({ hasText: '新建问卷' }))
  await app.on('#template-blank').click()
  await app.on('#survey-title input').fill('楼道照明改造意见')
  await app.tapTo(app.on('.btn').filter({ hasText: '创建草稿' }))
  await expect(app.on('.card__title').filter({ hasText: '编辑草稿' })).toBeVisible()
  const editors = app.on('.cs-qedit')
  const add = async (type: string, text: string, options?: string) => {
    await app.on('.btn').filter({ hasText: '加一道题' }).click()
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
  await app.shot('surveys-22-edit-questions')
  // An empty option list is caught before anything is sent.
  await add('单选', '多余的题')
  await app.on('.btn').filter({ hasText: '保存，去发布' }).click()
  await expect(editors.last().locator('.field__error').filter({ hasText: '至少需要 2 个选项' })).toBeVisible()
  await editors.last().locator('.btn', { hasText: '删除' }).click()
  await app.confirmModal()
  await expect(editors).toHaveCount(4)
  await app.tapTo(app.on('.btn').filter({ hasText: '保存，去发布' }))
  await app.on('.btn').filter({ hasText: '发布问卷' }).click()
  await app.confirmModal()
  await expect(app.on('.badge').filter({ hasText: '进行中' })).toBeVisible()

  // Next year's wave of the annual survey starts as a copy of the closed one (a draft, same questions).
  await app.backToTabs()
  await app.tapTo(app.on('.btn').filter({ hasText: '问卷管理' }).first())
  await app.on('.segment').filter({ hasText: '已结束' }).click()
  await app.tapTo(app.on('.card').filter({ hasText: TITLE }))
  await app.on('.btn').filter({ hasText: '复制为新一轮' }).click()
  await app.moveBy(() => app.confirmModal())
  await expect(app.on('.card').filter({ hasText: '编辑草稿' }).filter({ hasText: '共 37 题' })).toBeVisible()
  await expect(app.on('#survey-title input')).toHaveValue(TITLE)
  await app.logout()

  // --- A resident answers it in normal mode: three questions a screen, the text question alone. -------
  await app.loginAs(RESIDENT)
  await app.tab('问卷')
  await app.tapTo(app.on('.card').filter({ hasText: '楼道照明改造意见' }))
  await app.on('.btn').filter({ hasText: '开始填写' }).click()
  await expect(app.on('.sv-progress__text').filter({ hasText: '第 1–3 题 / 共 4 题' })).toBeVisible()
  await expect(app.on('.sv-question')).toHaveCount(3)
  const q = (n: number) => app.on('.sv-question').nth(n)
  await q(0).locator('.sv-option', { hasText: '太暗了' }).click()
  await q(1).locator('.sv-option', { hasText: '楼梯口' }).click()
  await q(1).locator('.sv-option', { hasText: '车棚' }).click()
  await q(1).locator('.sv-option', { hasText: '信箱旁' }).click() // a third is refused (最多 2 项)
  await expect(q(1).locator('.sv-option.choice--selected')).toHaveCount(2)
  await app.on('.btn').filter({ hasText: '下一页' }).click()
  await expect(app.on('.sv-error').filter({ hasText: '第 3 题还没有回答' })).toBeVisible()
  await q(2).locator('.tile', { hasText: exact('4') }).click()
  await app.shot('surveys-23-screen-normal')
  await app.on('.btn').filter({ hasText: '下一页' }).click()
  await expect(app.on('.sv-progress__text').filter({ hasText: '第 4 题 / 共 4 题' })).toBeVisible()
  await app.on('.sv-question textarea').fill('希望装声控灯，晚上回家不用摸黑。')
  await app.on('.btn').filter({ hasText: '检查并提交' }).click()
  await app.on('.btn').filter({ hasText: '提交问卷' }).click()
  await expect(app.on('.sv-done__title').filter({ hasText: '提交成功' })).toBeVisible()
  await app.logout()
})
