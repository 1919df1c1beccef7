/**
 * 社区提案 end to end in the H5 build: a 3号楼 resident writes a proposal (the draft survives a reload),
 * a neighbour co-signs it in the app, four more neighbours co-sign through the API with their own tokens,
 * the fifth co-signature reaches the threshold and sends it to screening, the 梧桐居民区 committee member
 * accepts it from the queue, and the author sees it accepted as an agenda item (议题). Screenshots of the
 * list, detail, submit and committee queue pages, in normal and 大字模式, go to e2e/artifacts/.
 */
import { expect, journey, test } from './support/app'

journey('proposals')

const AUTHOR = '居民代表 · 梧桐新村3号楼'
const NEIGHBOUR = '居民 · 梧桐新村3号楼（已认证）'
const TITLE = '3号楼楼道加装扶手'
const BODY = '3号楼老人多，楼梯没有扶手，上下楼容易摔倒。建议每层楼道加装不锈钢扶手，费用从维修资金里出。'

test('a resident proposes, neighbours co-sign to the threshold, the committee accepts it as 议题', async ({ app, api }) => {
  await app.launch()

  // --- The author writes the proposal. -------------------------------------------------------------
  await app.loginAs(AUTHOR)
  await app.tab('提案')
  await expect(app.on('.pcard').first()).toBeVisible() // the demo community has proposals in every stage
  await app.tapTo(app.on('.btn').filter({ hasText: '提新提案' }))
  await expect(app.on('#title-field input')).toBeVisible()

  // Too short a title is caught before anything is sent.
  await app.on('#title-field input').fill('扶手')
  await app.on('#submit-proposal').click()
  await expect(app.on('.field__error').filter({ hasText: '标题至少 5 个字' })).toBeVisible()

  await app.on('#title-field input').fill(TITLE)
  await app.on('#body-field textarea').fill(BODY)
  await app.on('#category-field .tile').filter({ hasText: '安全' }).click()
  await expect(app.on('.choice').filter({ hasText: '梧桐新村 3号楼' })).toBeVisible()
  await app.shot('proposals-1-submit', { fullPage: true })

  // The draft survives closing the app (a reload of the H5 page).
  await app.reload()
  await expect(app.on('#title-field input')).toHaveValue(TITLE)
  await expect(app.on('#body-field textarea')).toHaveValue(BODY)
  await expect(app.on('#category-field .tile--selected').filter({ hasText: '安全' })).toBeVisible()

  await app.on('#submit-proposal').click()
  // Asked first (and offered similar open proposals, if there are any).
  await expect(app.overlay('.taro-modal__title').filter({ hasText: /提交提案|是否附议已有提案/ })).toBeVisible()
  await app.confirmModal()

  // The new proposal's page: collecting co-signatures, 0 of 5.
  await expect(app.on('.detail__title').filter({ hasText: TITLE })).toBeVisible()
  await expect(app.on('.badge').filter({ hasText: '征集附议' }).first()).toBeVisible()
  await expect(app.on('.pbar__text').filter({ hasText: '0 / 5 人附议' })).toBeVisible()
  await expect(app.on('.timeline__title').filter({ hasText: '提交提案' })).toBeVisible()
  const id = Number(/[?&]id=(\d+)/.exec(app.page.url())?.[1])
  expect(id).toBeGreaterThan(0)
  await app.shot('proposals-2-detail-author', { fullPage: true })
  await app.logout()

  // --- The first neighbour co-signs in the app. ------------------------------------------------------
  await app.loginAs(NEIGHBOUR)
  await app.tab('提案')
  const card = app.on('.pcard').filter({ hasText: TITLE })
  await expect(card).toBeVisible()
  await expect(card.locator('.pbar__text').filter({ hasText: '0 / 5 人附议' })).toBeVisible()
  await app.tapTo(card)
  await app.on('#cosign').click()
  await expect(app.overlay('.taro-modal__title').filter({ hasText: '附议' })).toBeVisible()
  await app.confirmModal()
  await expect(app.on('.pbar__text').filter({ hasText: '1 / 5 人附议' })).toBeVisible()
  await expect(app.on('.card__lead').filter({ hasText: '您已附议' })).toBeVisible()
  await app.shot('proposals-3-detail-cosigned', { fullPage: true })

  // Back on the list, the card has the new count.
  await app.back('.pcard')
  await expect(app.on('.pcard').filter({ hasText: TITLE }).filter({ hasText: '我已附议' }).locator('.pbar__text').filter({ hasText: '1 / 5 人附议' })).toBeVisible()
  await app.shot('proposals-4-list')
  await app.logout()

  // --- Four more neighbours co-sign through the API; the fifth co-signature reaches the threshold. ---
  const neighbours = (await api.users()).filter((u) => u.description.includes(NEIGHBOUR))
  expect(neighbours).toHaveLength(5)
  let last: Record<string, unknown> = {}
  for (const n of neighbours.slice(1)) {
    const res = await api.request(await api.login(n.id), 'POST', `/api/proposals/${id}/cosign`, {})
    expect(res.status).toBe(200)
    last = res.body
  }
  expect(last).toEqual({ cosigned: true, cosignCount: 5, threshold: 5, state: 'screening' })

  // --- The committee member finds it in the queue and accepts it. ------------------------------------
  await app.loginAs('居委会 · 梧桐')
  await app.tapTo(app.on('.btn').filter({ hasText: '处理提案' }))
  await expect(app.on('.section__title').filter({ hasText: '待审核（' })).toBeVisible()
  const queued = app.on('.pcard').filter({ hasText: TITLE })
  await expect(queued).toBeVisible()
  await app.shot('proposals-5-committee-queue')
  await app.tapTo(queued)
  await expect(app.on('.tile--selected').filter({ hasText: '受理立项' })).toBeVisible()
  await app.on('#screen-reason textarea').fill('符合居民区议事范围，先开协调会听取一楼住户意见')
  await app.shot('proposals-6-committee-screen', { fullPage: true })
  await app.on('.btn').filter({ hasText: /^受理立项$/ }).click()
  await expect(app.overlay('.taro-modal__title').filter({ hasText: '受理立项' })).toBeVisible()
  await app.confirmModal()
  await expect(app.on('.badge').filter({ hasText: '已立项（议题）' }).first()).toBeVisible()
  await expect(app.on('.card__title').filter({ hasText: '开始协商' })).toBeVisible()
  await app.back('.segment')
  await expect(app.on('.pcard').filter({ hasText: TITLE })).toHaveCount(0)
  await app.logout()

  // --- The author sees it accepted, with the committee's step and reason in the timeline. ------------
  await app.loginAs(AUTHOR)
  await app.tab('我的')
  await expect(app.on('.list-row').filter({ hasText: '消息' }).filter({ hasText: '未读' })).toBeVisible()
  await app.tapTo(app.on('.list-row').filter({ hasText: '我的提案' }))
  const mine = app.on('.pcard').filter({ hasText: TITLE })
  await expect(mine.locator('.badge').filter({ hasText: '已立项（议题）' })).toBeVisible()
  await app.tapTo(mine)
  await expect(app.on('.detail__title').filter({ hasText: TITLE })).toBeVisible()
  const accepted = app.on('.timeline__item').filter({ hasText: '已立项（议题）' })
  await expect(accepted.filter({ hasText: '居委会' }).filter({ hasText: '原因：符合居民区议事范围' })).toBeVisible()
  await expect(app.on('.timeline__item').filter({ hasText: '居委会审核中' }).filter({ hasText: '系统自动' })).toBeVisible()
  await expect(app.on('.card__title').filter({ hasText: '议事厅讨论' })).toBeVisible()
  await app.shot('proposals-7-detail-accepted', { fullPage: true })
  await app.back('.pcard')
  await app.back('.profile__name')

  // The notification says so too.
  await app.tapTo(app.on('.list-row').filter({ hasText: '消息' }))
  await expect(app.on('.card').filter({ hasText: TITLE }).filter({ hasText: '未读' }).first()).toBeVisible()
  await app.shot('proposals-8-notifications')
  await app.back('.profile__name')

  // --- 大字模式: the same pages, bigger. ----------------------------------------------------------------
  await app.setLargeText(true)
  await app.tab('提案')
  await expect(app.on('.page--large .pcard').filter({ hasText: TITLE })).toBeVisible()
  await app.shot('proposals-9-list-large')
  await app.tapTo(app.on('.pcard').filter({ hasText: TITLE }))
  await expect(app.on('.page--large .detail__title')).toBeVisible()
  await app.shot('proposals-10-detail-large')
  await app.back('.chip')
  await app.tapTo(app.on('.btn').filter({ hasText: '提新提案' }))
  await expect(app.on('.page--large #title-field')).toBeVisible()
  await app.shot('proposals-11-submit-large')
  await app.back('.chip')
  await app.tab('首页')
  const section = app.on('.section__title').filter({ hasText: '需要您关注的提案' })
  await expect(section).toBeVisible()
  await section.scrollIntoViewIfNeeded()
  await app.shot('proposals-12-home-large')
  await app.logout()

  await app.loginAs('居委会 · 梧桐')
  await app.tapTo(app.on('.btn').filter({ hasText: '处理提案' }))
  await app.on('.segment').filter({ hasText: '办理中' }).click()
  await expect(app.on('.page--large .pcard').filter({ hasText: TITLE })).toBeVisible()
  await app.shot('proposals-13-committee-large')
})

test('the later stages read well: vote, implementation with comments, evaluation (demo proposals)', async ({ app, api }) => {
  // Same phone: still logged in as the committee member from the first test; log in as the
  // 3号楼 居民代表 again, whose 楼组, 小区 and 居民区 have demo proposals in the later stages.
  await app.logout()
  await app.loginAs(AUTHOR)
  await app.setLargeText(false)
  const author = (await api.users()).find((u) => u.description.includes(AUTHOR))!
  const token = await api.login(author.id)
  const first = async (state: string) => {
    const res = await api.request<{ items?: { id: number }[] }>(token, 'GET', `/api/proposals?state=${state}&limit=5`)
    return (res.body.items ?? [])[0]?.id ?? null
  }
  const open = async (id: number, page = '/more/proposals/detail') => {
    await app.load(`/#${page}?id=${id}`)
    await expect(app.on('.detail__title')).toBeVisible()
  }
  const cardTitled = (title: string) => app.on('.card').filter({ has: app.page.locator('.card__title', { hasText: title }) })

  const voting = await first('voting')
  if (voting) {
    // Through the path it had before it moved to the `more` subpackage: printed posters and old links name it.
    await open(voting, '/pages/proposals/detail')
    const card = cardTitled('住户投票')
    await expect(card.getByText('每户一票，由本户第一位投票的家庭成员投出，截止前可以修改。')).toBeVisible()
    await card.locator('.btn').filter({ hasText: /^支持$/ }).click()
    await app.confirmModal()
    await expect(card.locator('.btn').filter({ hasText: '✓ 支持' })).toBeVisible()
    await expect(card.getByText('您家已投：支持（由您投出）')).toBeVisible()
    await app.shot('proposals-14-vote', { of: card })
  }

  const implementing = await first('implementing')
  if (implementing) {
    await open(implementing)
    const card = cardTitled('实施进展')
    await expect(card.locator('.kv').filter({ hasText: '负责人' })).toBeVisible()
    await card.locator('.btn').filter({ hasText: /^评论/ }).first().click()
    await card.locator('.field input').first().fill('晚上十点以后灯还亮着吗？请物业确认定时')
    await card.locator('.btn').filter({ hasText: '发表评论' }).click()
    await expect(card.locator('.comment').filter({ hasText: '晚上十点以后灯还亮着吗' })).toBeVisible()
    await app.shot('proposals-15-implementation', { of: card })
  }

  const completed = await first('completed')
  if (completed) {
    await open(completed)
    const card = cardTitled('成效评议')
    await expect(card.locator('.stat__label')).toBeVisible()
    // A resident who already evaluated may change it during the window; either way, submit one.
    if ((await card.locator('.btn').filter({ hasText: '修改我的评议' }).count()) > 0) await card.locator('.btn').filter({ hasText: '修改我的评议' }).click()
    if ((await card.locator('.btn').filter({ hasText: '提交评议' }).count()) > 0) {
      await card.locator('.block .stars .star').nth(3).click()
      await card.locator('textarea').fill('晚餐延长到七点，下班的子女也能给老人带饭了')
      await card.locator('.btn').filter({ hasText: '提交评议' }).click()
      await app.confirmModal()
      await expect(card.locator('.block__title').filter({ hasText: '我的评议' })).toBeVisible()
      await expect(card.locator('.block__text').filter({ hasText: '下班的子女也能给老人带饭了' }).first()).toBeVisible()
    }
    await app.shot('proposals-16-evaluation', { of: card })
  }

  // The list's filters: a state group, the other sort, a category.
  await app.load()
  await expect(app.on('.hello__name')).toBeVisible()
  await app.tab('提案')
  await app.on('.chip').filter({ hasText: '投票中' }).click()
  const badges = app.on('.pcard .card__head .badge')
  await expect(async () => {
    const states = await badges.allInnerTexts()
    expect(states.length).toBeGreaterThan(0)
    for (const state of states) expect(state).toBe('投票中')
  }).toPass()
  await app.on('.chip').filter({ hasText: '全部' }).click()
  await app.on('.segment').filter({ hasText: '附议最多' }).click()
  await expect(app.on('.segment--active').filter({ hasText: '附议最多' })).toBeVisible()
  await app.on('.picker-box').click()
  await app.shot('proposals-20-category-picker')
  await app.on('.category-tiles .tile').filter({ hasText: '加装电梯' }).click()
  await expect(app.on('.picker-box').filter({ hasText: '加装电梯' })).toBeVisible()
  const metas = app.on('.pcard .pcard__meta')
  await expect(async () => {
    const lines = await metas.allInnerTexts()
    expect(lines.length).toBeGreaterThan(0)
    for (const meta of lines) expect(meta).toMatch(/^加装电梯 · /)
  }).toPass()

  // Opening a notification marks it read.
  await app.tab('我的')
  await app.tapTo(app.on('.list-row').filter({ hasText: '消息' }))
  await expect(app.on('.notice--unread').first()).toBeVisible()
  const unread = await app.on('.notice--unread').count()
  expect(unread).toBeGreaterThan(0)
  await app.tapTo(app.on('.notice--unread').first())
  await expect(app.on('.detail__title')).toBeVisible()
  await app.back('.notice')
  await expect(app.on('.notice--unread')).toHaveCount(unread - 1)
  await app.back('.profile__name')

  // 首页 in normal size: what needs this resident now.
  await app.tab('首页')
  await expect(app.on('.hello__name')).toBeVisible()
  const section = app.on('.section__title').filter({ hasText: '需要您关注的提案' })
  await expect(section).toBeVisible()
  await section.scrollIntoViewIfNeeded()
  await app.shot('proposals-17-home')
})

test('the committee carries the accepted proposal to completion and enters on behalf of residents (代录)', async ({ app }) => {
  await app.logout()
  await app.loginAs('居委会 · 梧桐')
  await app.tapTo(app.on('.btn').filter({ hasText: '处理提案' }))
  await app.on('.segment').filter({ hasText: '办理中' }).click()
  await app.tapTo(app.on('.pcard').filter({ hasText: TITLE }))
  await expect(app.on('.detail__title').filter({ hasText: TITLE })).toBeVisible()
  const field = (label: string) => app.on('.field').filter({ has: app.page.locator('.field__label', { hasText: label }) })
  const button = (text: string | RegExp) => app.on('.btn').filter({ hasText: text })

  // Deliberation with a 三会 record.
  await button('开始协商').click()
  await app.confirmModal()
  await expect(app.on('.card__title').filter({ hasText: '作出决定' })).toBeVisible()
  await button('记录一次会议').click()
  await app.on('.tile').filter({ hasText: '协调会' }).click()
  await field('地点').locator('input').fill('梧桐居委会活动室')
  await field('参加人数').locator('input').fill('18')
  await field('会议纪要').locator('textarea').fill('一楼住户担心扶手占用楼道宽度，物业答复选用贴墙窄款。')
  await button('保存记录').click()
  await app.confirmModal()
  await expect(app.on('.card__text').filter({ hasText: '已记录 1 次会议' })).toBeVisible()

  // The 居民代表会议 decided offline.
  await app.on('.segment').filter({ hasText: '居民代表会议' }).click()
  await app.on('.tile').filter({ hasText: /^通过$/ }).click()
  await field('会议纪要（居民可以看到）').locator('textarea').fill('居民代表会议 11 人参加，10 人赞成加装扶手。')
  await button('记录决定').click()
  await app.confirmModal()
  await expect(app.on('.badge').filter({ hasText: '表决通过' }).first()).toBeVisible()

  // Implementation: owner, date (default), budget; a progress update with spending; done.
  await field('实施负责人').locator('input').fill('梧桐物业')
  await field('预算').locator('input').fill('12000')
  await button(/^开始实施$/).click()
  await app.confirmModal()
  await expect(app.on('.card__title').filter({ hasText: '更新实施进展' })).toBeVisible()
  await app.on('.tile').filter({ hasText: '50%' }).click()
  await field('进展说明').locator('textarea').fill('1至3层扶手已安装')
  await field('累计支出').locator('input').fill('6000')
  await button('发布进展').click()
  await app.confirmModal()
  await expect(app.on('.card__note').filter({ hasText: '目前 50%，累计支出 6,000 元' })).toBeVisible()
  await app.shot('proposals-18-committee-implementing')
  await button('标记为已完成').click()
  await app.confirmModal()
  await expect(app.on('.badge').filter({ hasText: '已完成 · 请评议' }).first()).toBeVisible()

  // What residents see: the decision, the meeting, progress and spending.
  await app.tapTo(button('查看居民看到的页面'))
  await expect(app.on('.timeline__item').filter({ hasText: '表决通过' }).filter({ hasText: '居民代表会议纪要：居民代表会议 11 人参加' })).toBeVisible()
  await expect(app.on('.block__title').filter({ hasText: '协调会' })).toBeVisible()
  await expect(app.on('.kv').filter({ hasText: '已支出' }).filter({ hasText: '6,000 元' })).toBeVisible()
  await expect(app.on('.card__title').filter({ hasText: '成效评议' })).toBeVisible()
  await app.back('.detail__title')
  await app.back('.segment')

  // 代录: a co-signature and a proposal for residents who came in person.
  await app.tapTo(button('代录提案或附议'))
  await app.on('.segment').filter({ hasText: '代录附议' }).click()
  const target = app.on('.choice').filter({ hasText: '/ ' }).first()
  await expect(target).toBeVisible()
  const targetText = await target.locator('.choice__text').innerText()
  await target.click()
  await app.on('.tile').filter({ hasText: '梧桐新村' }).click()
  const unit = targetText.split(' · ')[0]
  await app.on('.tile').filter({ hasText: unit.endsWith('楼') ? unit : '2号楼' }).first().click()
  await field('房号').locator('input').fill('502')
  await field('姓名').locator('input').fill('王阿姨')
  await button(/^代录附议$/).click()
  await app.confirmModal()
  await expect(app.page.getByText(/已代录/).first()).toBeVisible()

  await app.on('.segment').filter({ hasText: '代录提案' }).click()
  await app.on('.tile').filter({ hasText: '5号楼' }).click()
  await field('标题').locator('input').fill('5号楼门口增设休息座椅')
  await field('具体内容').locator('textarea').fill('5号楼老人多，买菜回来想在门口歇一歇，建议增设两张座椅。')
  await app.on('.tile').filter({ hasText: '公共空间' }).click()
  await field('备注').locator('textarea').fill('5号楼 602 李老伯，电话已登记在纸质台账')
  await app.shot('proposals-19-proxy')
  await button('提交代录提案').click()
  await app.confirmModal()
  await expect(app.on('.detail__title').filter({ hasText: '5号楼门口增设休息座椅' })).toBeVisible()
  await expect(app.on('.badge').filter({ hasText: '居委会代录' }).first()).toBeVisible()
  await expect(app.on('.card__note').filter({ hasText: '代录备注：5号楼 602 李老伯' })).toBeVisible()
})
