/**
 * 议事厅 end to end in the H5 build. The 梧桐 committee opens a topic (UI); a neighbour posts (API);
 * a 居民代表 takes a stance, posts and replies to the neighbour (UI); three residents report the
 * representative's post (the first through the UI, two more with their own tokens), which hides it
 * automatically; the committee finds it at the top of the queue (UI) and restores it (UI); the
 * representative sees it back. Screenshots of the hall, topic, composer and queue, normal and 大字模式.
 */
import { expect, journey, test } from './support/app'

journey('discussions')

const QUESTION = '梧桐新村是否在3号楼北侧增设电动自行车充电棚'
const NEIGHBOUR = '我支持建充电棚，现在楼道里充电太危险了，去年隔壁小区就着过火。'
const MINE = '我也支持。建议棚子离窗户远一点，晚上10点后断电。有事可以打我电话13812345678商量。'
const REPLY = '同意您说的安全问题，充电棚最好装上监控。'
const EDIT = '费用可以按户分摊。'

type Posts = { items: { id: number; body: string; replies?: { id: number; body: string }[] }[] }

test('post and reply, three reports hide the post, the committee restores it from the queue', async ({ app, api }) => {
  await app.launch()

  // ---- the committee opens a topic for 梧桐新村 -------------------------------------------
  await app.loginAs('居委会 · 梧桐')
  await app.tab('议事厅')
  await app.tapTo(app.on('.btn').filter({ hasText: '发起新议题' }))
  await app.on('.choice').filter({ hasText: '梧桐新村' }).click()
  await app.on('#topic-question input').fill(QUESTION)
  await app.on('#topic-background textarea').fill('不少居民把电动自行车推进楼道充电，消防隐患大。居委会想听听大家的意见：建不建、建在哪、怎么管。')
  await app.on('.btn').filter({ hasText: /^发起议题$/ }).click()
  await app.confirmModal()
  await expect(app.on('.topic-head__question').filter({ hasText: QUESTION })).toBeVisible()
  const topicId = Number(new URL(app.page.url().replace('#', '')).searchParams.get('id'))
  expect(topicId).toBeGreaterThan(0)

  // A neighbour in 1号楼 speaks first (from their own phone).
  const [neighbour] = await api.tokensOf('居民 · 梧桐新村1号楼（已认证）')
  await api.ok(neighbour, 'POST', `/api/topics/${topicId}/posts`, { body: NEIGHBOUR, stance: 'support' })

  // ---- the 居民代表 of 3号楼: 首页 shows the topic; stance, post, reply -----------------------
  await app.switchUser('居民代表 · 梧桐新村3号楼')
  const homeCard = app.on('.topic-card').filter({ hasText: QUESTION })
  await expect(homeCard).toBeVisible()
  await app.shot('discussions-01-home')
  await app.tapTo(homeCard)
  await expect(app.on('.topic-head__question').filter({ hasText: QUESTION })).toBeVisible()
  await expect(app.on('.post').filter({ hasText: NEIGHBOUR })).toBeVisible()

  await app.on('.stance-picker__option').filter({ hasText: '支持' }).click()
  await expect(app.on('.stance-picker__option--on').filter({ hasText: '支持' })).toBeVisible()
  await expect(app.on('.stance-bar__text').filter({ hasText: '支持 2' })).toBeVisible()

  await app.tapTo(app.on('.btn').filter({ hasText: '发表我的意见' }))
  await app.on('#compose-body textarea').fill(MINE)
  await expect(app.on('.composer__count').filter({ hasText: `${Array.from(MINE).length} / 1000 字` })).toBeVisible()
  await app.shot('discussions-03-composer')
  await app.tapTo(app.on('.btn').filter({ hasText: /^发布$/ }))
  const minePost = app.on('.post').filter({ hasText: MINE })
  await expect(minePost).toBeVisible()
  // The author reads the original; the edit window counts down on the post.
  await expect(minePost.locator('.post__action-note').filter({ hasText: /还可修改 \d+ 分钟/ })).toBeVisible()

  await app.tapTo(app.on('.post').filter({ hasText: NEIGHBOUR }).locator('.post__action').filter({ hasText: '回复' }))
  await expect(app.on('.composer__quote').filter({ hasText: NEIGHBOUR })).toBeVisible()
  await app.on('#compose-body textarea').fill(REPLY)
  await app.tapTo(app.on('.btn').filter({ hasText: '发布回复' }))
  await expect(app.on('.post__replies .post').filter({ hasText: REPLY })).toBeVisible()

  // Within its 10 minutes the author may still change it.
  await app.tapTo(app.on('.post__replies .post').filter({ hasText: REPLY }).locator('.post__action').filter({ hasText: '修改' }))
  await expect(app.on('.hint').filter({ hasText: /还可修改 \d+ 分钟/ })).toBeVisible()
  await app.on('#compose-body textarea').fill(REPLY + EDIT)
  await app.tapTo(app.on('.btn').filter({ hasText: '保存修改' }))
  await expect(app.on('.post__replies .post').filter({ hasText: EDIT }).filter({ hasText: '已修改' })).toBeVisible()

  await app.on('.topic-head').scrollIntoViewIfNeeded()
  await app.shot('discussions-02-topic')
  await app
    .on('.post')
    .filter({ hasText: NEIGHBOUR })
    .first()
    .evaluate((el) => el.scrollIntoView({ block: 'start' }))
  await app.shot('discussions-02-topic-posts')

  await app.goBack()
  await app.tab('议事厅')
  await expect(app.on('.topic-card').filter({ hasText: QUESTION }).filter({ hasText: '2 人参与' })).toBeVisible()
  await app.shot('discussions-04-hall')

  // ---- three residents report the post -----------------------------------------------------
  const reporters = await api.tokensOf('居民 · 梧桐新村3号楼（已认证）')
  expect(reporters.length).toBeGreaterThanOrEqual(3)

  // The first from the app: other residents see the phone number masked.
  await app.switchUser('居民 · 梧桐新村3号楼（已认证）')
  await app.tab('议事厅')
  await app.tapTo(app.on('.topic-card').filter({ hasText: QUESTION }))
  const masked = app.on('.post').filter({ hasText: '138****5678' })
  await expect(masked).toBeVisible()
  await expect(app.on('.post').filter({ hasText: '13812345678' })).toHaveCount(0)
  await masked.locator('.post__action').filter({ hasText: '举报' }).click()
  await masked.locator('.reason-tile').filter({ hasText: '人身攻击' }).click()
  await masked.locator('.btn').filter({ hasText: '确认举报' }).click()
  await expect(masked.locator('.post__likes').filter({ hasText: '已举报' })).toBeVisible()

  // Two more from their own phones; the third report hides the post automatically.
  const page1 = await api.ok<Posts>(reporters[1], 'GET', `/api/topics/${topicId}/posts`)
  const postId = page1.items.find((p) => p.body.includes('晚上10点后断电'))!.id
  const second = await api.ok<{ autoHidden: boolean }>(reporters[1], 'POST', `/api/posts/${postId}/reports`, { reason: 'attack' })
  expect(second.autoHidden).toBe(false)
  const third = await api.ok<{ autoHidden: boolean }>(reporters[2], 'POST', `/api/posts/${postId}/reports`, { reason: 'misinfo' })
  expect(third.autoHidden).toBe(true)

  // Residents now read the placeholder.
  await app.reload()
  await expect(app.on('.post__placeholder').filter({ hasText: '该内容已被隐藏' })).toBeVisible()

  // ---- the committee: the hidden post is first in the queue; restore it --------------------
  await app.switchUser('居委会 · 梧桐')
  await app.tapTo(app.on('.btn').filter({ hasText: '处理议事厅' }))
  const item = app.on('.queue-item').filter({ hasText: MINE })
  await expect(item).toBeVisible()
  await expect(item.locator('.badge').filter({ hasText: '多人举报，已自动隐藏' })).toBeVisible()
  await expect(item.locator('.badge').filter({ hasText: '人身攻击 2' })).toBeVisible()
  await expect(app.on('.queue-item').first()).toContainText(MINE)
  await app.shot('discussions-05-queue')

  // The same queue in 大字模式.
  await app.goBack()
  await app.setLargeText(true)
  await app.tab('首页')
  await app.tapTo(app.on('.btn').filter({ hasText: '处理议事厅' }))
  await expect(app.on('.page--large .queue-item').filter({ hasText: MINE })).toBeVisible()
  await app.shot('discussions-06-queue-large')

  const restoring = app.on('.queue-item').filter({ hasText: MINE })
  await restoring.locator('.post__action').filter({ hasText: '恢复' }).click()
  await app.confirmModal()
  await expect(restoring).toHaveCount(0)
  await expect(app.on('.empty__title').filter({ hasText: '没有等待处理的内容' })).toBeVisible()

  // The log records the automatic hiding and the restore; the topic's own page for the committee.
  await app.tapTo(app.on('.btn').filter({ hasText: '审核日志' }))
  await expect(app.on('.log-entry__action').filter({ hasText: '恢复发言' })).toBeVisible()
  await expect(app.on('.log-entry__action').filter({ hasText: '多人举报自动隐藏' })).toBeVisible()
  await app.shot('discussions-11-log-large')
  await app.goBack()
  await app.on('.segment').filter({ hasText: '最新发言' }).click()
  await app.tapTo(app.on('.queue-item__topic').filter({ hasText: QUESTION }).first())
  await expect(app.on('.btn').filter({ hasText: '形成议事纪要' })).toBeVisible()
  await app.shot('discussions-12-manage-large')

  // ---- the 居民代表 sees the post back (and the hall, topic, composer in 大字模式) ---------
  await app.switchUser('居民代表 · 梧桐新村3号楼')
  await app.tab('议事厅')
  await expect(app.on('.page--large .topic-card').filter({ hasText: QUESTION })).toBeVisible()
  await app.shot('discussions-07-hall-large')
  await app.tapTo(app.on('.topic-card').filter({ hasText: QUESTION }))
  await expect(app.on('.post').filter({ hasText: MINE })).toBeVisible()
  await expect(app.on('.post__placeholder')).toHaveCount(0)
  await app.shot('discussions-08-topic-large')
  await app.tapTo(app.on('.btn').filter({ hasText: '发表我的意见' }))
  await app.on('#compose-body textarea').fill('充电棚的费用谁来出？')
  await app.shot('discussions-09-composer-large')

  // A link to a reply opens its thread, with that reply marked.
  const [reader] = reporters
  const thread = await api.ok<Posts>(reader, 'GET', `/api/topics/${topicId}/posts`)
  const replyId = thread.items.find((p) => p.body === NEIGHBOUR)!.replies!.find((r) => r.body.startsWith(REPLY))!.id
  await app.load(`/#/pages/hall/thread?id=${replyId}`)
  await expect(app.on('.post--focus').filter({ hasText: REPLY })).toBeVisible()
  await expect(app.on('.post').filter({ hasText: NEIGHBOUR })).toBeVisible()
  await app.shot('discussions-10-thread-large')
})

test('the committee hides a post and mutes its author, who appeals; the 街镇 grants it; the topic concludes with a 纪要', async ({ app }) => {
  await app.switchUser('居委会 · 梧桐')
  await app.setLargeText(false)
  await app.tab('首页')

  // Hide the neighbour's post with a reason from the list, from the topic's management page.
  await app.tab('议事厅')
  await app.tapTo(app.on('.topic-card').filter({ hasText: QUESTION }))
  await app.tapTo(app.on('.btn').filter({ hasText: '管理这个议题' }))
  const target = app.on('.post--root').filter({ hasText: NEIGHBOUR })
  await target.locator(':scope > .mod-actions .post__action').filter({ hasText: /^隐藏$/ }).click()
  await target.locator('.reason-tile').filter({ hasText: '与议题无关' }).click()
  await target.locator('.post__panel').scrollIntoViewIfNeeded()
  await app.shot('discussions-13-hide-panel')
  await target.locator('.post__panel .btn').filter({ hasText: /^隐藏$/ }).click()
  await app.confirmModal()
  await expect(target.locator('.post__placeholder').filter({ hasText: '该内容已被隐藏（与议题无关）' })).toBeVisible()

  // Mute its author for 3 days.
  await target.locator(':scope > .mod-actions .post__action').filter({ hasText: '禁言作者' }).click()
  await target.locator('.tile').filter({ hasText: '3 天' }).click()
  await target.locator('.post__panel textarea').fill('多次发布与议题无关的内容')
  await target.locator('.post__panel .btn').filter({ hasText: '禁言 3 天' }).click()
  await app.confirmModal()
  await expect(target.locator('.post__panel')).toHaveCount(0)

  // The author sees why, cannot post until the mute ends, and appeals once.
  await app.switchUser('居民 · 梧桐新村1号楼（已认证）')
  await app.tab('议事厅')
  await app.tapTo(app.on('.topic-card').filter({ hasText: QUESTION }))
  await expect(app.on('.card__text').filter({ hasText: /您已被禁言至 .*多次发布与议题无关的内容/ })).toBeVisible()
  const mine = app.on('.post').filter({ hasText: '您的这条发言被隐藏了' })
  await expect(mine.locator('.post__hidden-text').filter({ hasText: '原因：与议题无关' })).toBeVisible()
  await mine.locator('.post__action').filter({ hasText: '申诉' }).click()
  await mine.locator('.post__panel textarea').fill('我说的是楼道充电的安全问题，和充电棚有关。')
  await mine.locator('.btn').filter({ hasText: '提交申诉' }).click()
  await app.confirmModal()
  await expect(mine.locator('.post__hidden-text').filter({ hasText: '申诉：等待街镇复核' })).toBeVisible()
  await mine.scrollIntoViewIfNeeded()
  await app.shot('discussions-14-hidden-mine')

  // The 街镇 (not the committee member who hid it) decides the appeal from its queue.
  await app.switchUser('街道工作人员')
  await app.tapTo(app.on('.btn').filter({ hasText: '处理议事厅' }))
  const appeal = app.on('.queue-item').filter({ hasText: '申诉待复核' }).filter({ hasText: NEIGHBOUR })
  await expect(appeal).toBeVisible()
  await appeal.locator('textarea').fill('内容与充电安全有关，属于议题范围，恢复显示。')
  await app.shot('discussions-15-appeal')
  await appeal.locator('.btn').filter({ hasText: '申诉成立' }).click()
  await app.confirmModal()
  await expect(appeal).toHaveCount(0)

  // The committee concludes the topic with positions and a conclusion.
  await app.switchUser('居委会 · 梧桐')
  await app.tab('议事厅')
  await app.tapTo(app.on('.topic-card').filter({ hasText: QUESTION }))
  await expect(app.on('.post').filter({ hasText: NEIGHBOUR })).toBeVisible() // restored by the appeal
  await app.tapTo(app.on('.btn').filter({ hasText: '管理这个议题' }))
  await app.on('.btn').filter({ hasText: '形成议事纪要' }).click()
  const textareas = app.on('.post__panel textarea')
  await textareas.nth(1).fill('在3号楼北侧空地建充电棚，晚上10点后断电，装监控；费用由居民会议表决。')
  await app.on('.post__panel').scrollIntoViewIfNeeded()
  await app.shot('discussions-16-conclude')
  await app.on('.btn').filter({ hasText: '发布纪要' }).click()
  await app.confirmModal()
  await expect(app.on('.card__title').filter({ hasText: '议事纪要' })).toBeVisible()

  // Residents find it under 已形成纪要, with the 纪要 at the top.
  await app.switchUser('居民代表 · 梧桐新村3号楼')
  await app.tab('议事厅')
  await app.on('.segment').filter({ hasText: '已形成纪要' }).click()
  await app.tapTo(app.on('.topic-card').filter({ hasText: QUESTION }))
  await expect(app.on('.summary__text').filter({ hasText: '结论：在3号楼北侧空地建充电棚' })).toBeVisible()
  await expect(app.on('.badge').filter({ hasText: '讨论已结束' })).toBeVisible()
  await app.shot('discussions-17-concluded')
})
