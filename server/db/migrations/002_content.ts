import type { Migration } from './helpers'

// The word list this migration seeds, as it shipped: a migration must insert the same rows however the
// app's own code changes later (admins edit the list in the database since).
const SHIPPED_WORDS = `# 本地敏感词表（随程序发布，首次启动时写入数据库，管理员可在后台增删）。
# [risky] 命中即拒绝发布；[review] 命中则先存为待审核，仅作者和居委会可见。

[risky]
# 辱骂
傻逼
煞笔
王八蛋
狗东西
去死
贱人
畜生
滚蛋
# 违法、诈骗、赌博、毒品
代开发票
办假证
刷单返利
网络赌博
六合彩
博彩网站
冰毒
大麻出售
枪支出售
# 广告引流
加微信领红包
扫码领红包
兼职日结
低息贷款

[review]
加微信
加我微信
私聊我
代购
贷款
投资理财
保健品
上访
群体事件
曝光他
人肉
`

/** "[risky]" / "[review]" section headers, one word a line, # comments. */
export function parseWordList(source: string): { word: string; level: 'review' | 'risky' }[] {
  let level: 'review' | 'risky' = 'risky'
  const out: { word: string; level: 'review' | 'risky' }[] = []
  for (const raw of source.split('\n')) {
    const line = raw.replace(/#.*/, '').trim()
    if (!line) continue
    if (line === '[risky]' || line === '[review]') {
      level = line === '[risky]' ? 'risky' : 'review'
      continue
    }
    out.push({ word: line, level })
  }
  return out
}

export const shippedWords = () => parseWordList(SHIPPED_WORDS)

export const content: Migration = {
  async up(db) {
    await db.schema
      .createTable('sensitive_words')
      .addColumn('word', 'text', (c) => c.primaryKey())
      .addColumn('level', 'text', (c) => c.notNull())
      .addColumn('created_by', 'integer')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute()
    const shipped = shippedWords()
    const now = new Date().toISOString()
    if (shipped.length > 0) {
      await db
        .insertInto('sensitive_words')
        .values(shipped.map((w) => ({ word: w.word, level: w.level, created_by: null, created_at: now })))
        .execute()
    }
  },
}
