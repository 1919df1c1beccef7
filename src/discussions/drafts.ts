import { create } from 'zustand'
import { persist } from 'zustand/middleware'
import type { Stance } from '@yishi/types'
import { persistStorage } from '@/shared/storage'

// Unsent posts and replies survive closing the app: one draft per topic (root post) or per post
// replied to. Edits of a posted post are not drafts. Drafts older than 30 days are dropped.

export interface Draft {
  body: string
  stance: Stance | null
  savedAt: number
}

const MAX_AGE_MS = 30 * 86_400_000
const MAX_DRAFTS = 50

/** The draft of a new post in a topic, or of a reply to one post. */
export function draftKey(topicId: number, parentId?: number | null): string {
  return parentId ? `t${topicId}-r${parentId}` : `t${topicId}`
}

/** Drafts worth keeping: not empty, not too old, at most the 50 newest. */
export function pruneDrafts(drafts: Record<string, Draft>, now: number = Date.now()): Record<string, Draft> {
  const kept = Object.entries(drafts)
    .filter(([, d]) => d && typeof d.body === 'string' && d.body.trim() !== '' && now - d.savedAt < MAX_AGE_MS)
    .sort((a, b) => b[1].savedAt - a[1].savedAt)
    .slice(0, MAX_DRAFTS)
  return Object.fromEntries(kept)
}

interface DraftState {
  drafts: Record<string, Draft>
  save(key: string, body: string, stance: Stance | null): void
  clear(key: string): void
}

export const useDrafts = create<DraftState>()(
  persist(
    (set) => ({
      drafts: {},
      save: (key, body, stance) =>
        set((s) => {
          const drafts = { ...s.drafts }
          if (body.trim() === '' && !stance) delete drafts[key]
          else drafts[key] = { body, stance, savedAt: Date.now() }
          return { drafts }
        }),
      clear: (key) =>
        set((s) => {
          if (!(key in s.drafts)) return s
          const drafts = { ...s.drafts }
          delete drafts[key]
          return { drafts }
        }),
    }),
    {
      name: 'yishi.hall.drafts',
      version: 1,
      storage: persistStorage<Pick<DraftState, 'drafts'>>(),
      partialize: (s) => ({ drafts: pruneDrafts(s.drafts) }),
    },
  ),
)
