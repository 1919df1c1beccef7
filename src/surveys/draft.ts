import { create } from 'zustand'
import { persist } from 'zustand/middleware'
import type { SurveyAnswer, SurveyAnswerValue } from '@yishi/types'
import { persistStorage } from '@/shared/storage'
import { newIdempotencyKey } from '@/shared/request'

// Survey answers being given, kept on the device per (user, survey): leaving the page, closing the app or
// WeChat killing it loses nothing, and the next person to log in on a shared phone does not see them.
// The submit key is kept too: a submit retried after a restart, with the same answers, carries the same
// Idempotency-Key, so the server replays the first one instead of counting a second response. (Changed
// answers get a new key; if the first submit had in fact arrived, the server then says "已经填写过".)

export interface SurveyDraft {
  answers: Record<string, SurveyAnswerValue>
  /** Index of the question the resident was on. */
  at: number
  submitKey: string | null
  /** The payload the key was made for. */
  submitKeyFor: string | null
  savedAt: string
}

interface DraftsState {
  drafts: Record<string, SurveyDraft>
  setAnswer(key: string, questionId: string, value: SurveyAnswerValue): void
  setAt(key: string, at: number): void
  /** The Idempotency-Key for this payload: the same one while the answers are unchanged. */
  keyFor(key: string, answers: SurveyAnswer[]): string
  clear(key: string): void
}

export const SURVEY_DRAFTS_STORAGE_KEY = 'yishi.surveyDrafts'

/** Drafts untouched for this long are dropped (the survey has long closed). */
export const DRAFT_MAX_AGE_DAYS = 120

export const draftKey = (userId: number | null | undefined, surveyId: number): string => `${userId ?? 0}:${surveyId}`

const empty = (): SurveyDraft => ({ answers: {}, at: 0, submitKey: null, submitKeyFor: null, savedAt: new Date().toISOString() })

function prune(drafts: Record<string, SurveyDraft>, now = Date.now()): Record<string, SurveyDraft> {
  const limit = now - DRAFT_MAX_AGE_DAYS * 86_400_000
  const out: Record<string, SurveyDraft> = {}
  for (const [k, d] of Object.entries(drafts)) if (Date.parse(d.savedAt) >= limit) out[k] = d
  return out
}

export function createSurveyDraftStore() {
  return create<DraftsState>()(
    persist(
      (set, get) => {
        const patch = (key: string, change: (d: SurveyDraft) => Partial<SurveyDraft>) =>
          set((s) => {
            const d = s.drafts[key] ?? empty()
            return { drafts: { ...prune(s.drafts), [key]: { ...d, ...change(d), savedAt: new Date().toISOString() } } }
          })
        return {
          drafts: {},
          setAnswer: (key, questionId, value) => patch(key, (d) => ({ answers: { ...d.answers, [questionId]: value } })),
          setAt: (key, at) => patch(key, () => ({ at })),
          keyFor: (key, answers) => {
            const fingerprint = JSON.stringify(answers)
            const d = get().drafts[key]
            if (d?.submitKey && d.submitKeyFor === fingerprint) return d.submitKey
            const submitKey = newIdempotencyKey()
            patch(key, () => ({ submitKey, submitKeyFor: fingerprint }))
            return submitKey
          },
          clear: (key) =>
            set((s) => {
              const drafts = { ...s.drafts }
              delete drafts[key]
              return { drafts }
            }),
        }
      },
      {
        name: SURVEY_DRAFTS_STORAGE_KEY,
        version: 1,
        storage: persistStorage<Pick<DraftsState, 'drafts'>>(),
        partialize: (s) => ({ drafts: s.drafts }),
      },
    ),
  )
}

export const useSurveyDrafts = createSurveyDraftStore()

/** Whether a draft holds any answer. */
export function hasAnswers(d: SurveyDraft | undefined): boolean {
  return !!d && Object.values(d.answers).some((v) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0) && v !== '')
}
