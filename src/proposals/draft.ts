import { create } from 'zustand'
import { persist } from 'zustand/middleware'
import type { ProposalCategory, ProposalLevel } from '@yishi/types'
import { persistStorage } from '@/shared/storage'
import { newIdempotencyKey } from '@/shared/request'
import type { SubmitBody } from './api'

// The proposal being written. Persisted on every keystroke, so closing the app (or WeChat killing it)
// loses nothing. The submit key is persisted too: tapping 提交 again on an unchanged draft, even after
// a restart, reuses it, so the server replays the first answer instead of creating a second proposal.

export const TITLE_MIN = 5
export const TITLE_MAX = 40
export const BODY_MAX = 2000

export interface DraftFields {
  title: string
  body: string
  category: ProposalCategory | null
  level: ProposalLevel
  hideBuilding: boolean
}

interface DraftState extends DraftFields {
  /** Idempotency-Key for the draft as it was when last submitted, and the payload it was made for. */
  submitKey: string | null
  submitKeyFor: string | null
  update(patch: Partial<DraftFields>): void
  /** The key to send this payload with: the same one while the payload is unchanged. */
  keyFor(body: SubmitBody): string
  clear(): void
}

export const EMPTY_DRAFT: DraftFields = { title: '', body: '', category: null, level: 'building', hideBuilding: false }

export const DRAFT_STORAGE_KEY = 'yishi.proposalDraft'

export function createDraftStore() {
  return create<DraftState>()(
    persist(
      (set, get) => ({
        ...EMPTY_DRAFT,
        submitKey: null,
        submitKeyFor: null,
        update: (patch) => set(patch),
        keyFor: (body) => {
          const fingerprint = JSON.stringify(body)
          const { submitKey, submitKeyFor } = get()
          if (submitKey && submitKeyFor === fingerprint) return submitKey
          const key = newIdempotencyKey()
          set({ submitKey: key, submitKeyFor: fingerprint })
          return key
        },
        clear: () => set({ ...EMPTY_DRAFT, submitKey: null, submitKeyFor: null }),
      }),
      {
        name: DRAFT_STORAGE_KEY,
        version: 1,
        storage: persistStorage<Omit<DraftState, 'update' | 'keyFor' | 'clear'>>(),
        partialize: (s) => ({
          title: s.title,
          body: s.body,
          category: s.category,
          level: s.level,
          hideBuilding: s.hideBuilding,
          submitKey: s.submitKey,
          submitKeyFor: s.submitKeyFor,
        }),
      },
    ),
  )
}

export const useProposalDraft = createDraftStore()

/** Whether anything worth keeping has been written. */
export function hasDraft(d: Pick<DraftFields, 'title' | 'body'>): boolean {
  return d.title.trim() !== '' || d.body.trim() !== ''
}

const chars = (s: string) => [...s].length

export interface DraftErrors {
  title?: string
  body?: string
  category?: string
}

/** What to fix before the draft can be sent (the same limits as the server). */
export function checkDraft(d: DraftFields): DraftErrors {
  const errors: DraftErrors = {}
  const title = d.title.trim()
  if (!title) errors.title = '请填写标题'
  else if (chars(title) < TITLE_MIN) errors.title = `标题至少 ${TITLE_MIN} 个字`
  else if (chars(title) > TITLE_MAX) errors.title = `标题最多 ${TITLE_MAX} 个字`
  const body = d.body.trim()
  if (!body) errors.body = '请写一写具体的问题和建议'
  else if (chars(body) > BODY_MAX) errors.body = `内容最多 ${BODY_MAX} 个字`
  if (!d.category) errors.category = '请选择分类'
  return errors
}

export function toSubmitBody(d: DraftFields): SubmitBody {
  return {
    title: d.title.trim(),
    body: d.body.trim(),
    category: d.category as ProposalCategory,
    level: d.level,
    ...(d.hideBuilding ? { hideBuilding: true } : {}),
  }
}
