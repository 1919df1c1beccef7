import type { FastifyInstance } from 'fastify'
import { announce, keptPerHandle } from '../core/announcements'
import { compiled } from '../core/compiled'
import { AppError } from '../core/errors'
import { Kept } from '../core/kept'
import { matchWords, type Verdict, type WordEntry } from './words'

export interface ContentVerdict {
  /** pass: publish; review: store as pending (author and moderators only). risky is refused before this returns. */
  verdict: Exclude<Verdict, 'risky'>
  words: string[]
}

// Checked on every post and comment, changed only by a word keeper: kept, and forgotten after each change
// here and in the other workers; the time limit bounds only another deployment's changes.
const wordList = compiled((db) => db.selectFrom('sensitive_words').select(['word', 'level']))
const WORDS_TTL_MS = 30_000
const keptWordsOf = keptPerHandle('words', () => new Kept<WordEntry[]>(1), (kept) => kept.forget())
const keptWords = (app: FastifyInstance) => keptWordsOf(app.db)

/** After a word keeper's change has committed: the next check reads the list afresh, in every worker. */
export function forgetWordList(app: FastifyInstance): void {
  keptWords(app).forget()
  announce('words', null)
}

/** Scene numbers of msgSecCheck v2: 2 comment, 3 forum post. */
export type ContentScene = 2 | 3

/**
 * Checks user text before it is stored: the local word list, then WeChat's check where configured.
 * A risky verdict refuses the write (422); if WeChat cannot be reached the text waits for a moderator.
 */
export async function checkContent(
  app: FastifyInstance,
  input: { texts: string[]; userId: number; scene: ContentScene },
): Promise<ContentVerdict> {
  const text = input.texts.join('\n')
  const now = Date.now()
  const entries = await keptWords(app).get('words', now, async () => ({ value: await wordList.all(app.db.kysely, {}), until: now + WORDS_TTL_MS }))
  const local = matchWords(text, entries)
  let verdict: Verdict = local.verdict
  if (verdict !== 'risky' && app.textCheck) {
    const user = await app.db.kysely.selectFrom('users').select('openid').where('id', '=', input.userId).executeTakeFirst()
    if (user?.openid) {
      try {
        const remote = await app.textCheck.check({ content: text, openid: user.openid, scene: input.scene })
        if (remote === 'risky' || (remote === 'review' && verdict === 'pass')) verdict = remote
      } catch (err) {
        app.log.warn({ err }, 'text security check unavailable; holding content for review')
        verdict = 'review'
      }
    }
  }
  if (verdict === 'risky') {
    throw new AppError(422, 'content_rejected', '内容含有不适宜发布的词语，请修改后再提交', undefined, { words: local.words })
  }
  return { verdict, words: local.words }
}
