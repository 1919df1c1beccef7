// Photos and files: uploads, their content-check status, and the photo objects owners answer with.

export type MediaKind = 'image' | 'pdf'

/** pending: its uploader and the committee see it until WeChat's check or a committee member decides. */
export type MediaStatus = 'pending' | 'visible' | 'rejected'

export const MEDIA_STATUSES: readonly MediaStatus[] = ['pending', 'visible', 'rejected']

/** Photos attached to one item (a proposal, a progress update, …), as WeChat's picker allows. */
export const MAX_PHOTOS = 9

/** What an upload can belong to. */
export type MediaOwnerKind = 'proposal' | 'progress' | 'referral' | 'post' | 'meeting' | 'fund'

/** POST /api/media answers this; the app sends the id with the item it belongs to. */
export interface MediaUpload {
  id: number
  kind: MediaKind
  width: number | null
  height: number | null
  /** null for a PDF. */
  thumbUrl: string | null
  url: string
  status: MediaStatus
}

/** A photo as an item (proposal, progress update, …) shows it. */
export interface MediaPhoto {
  id: number
  url: string
  thumbUrl: string | null
  status: MediaStatus
}
