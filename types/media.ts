// Photos and files: uploads, their content-check status, and the photo objects owners answer with.

export type MediaKind = 'image' | 'pdf'

/** pending: its uploader and the committee see it until WeChat's check or a committee member decides. */
export type MediaStatus = 'pending' | 'visible' | 'rejected'

export const MEDIA_STATUSES: readonly MediaStatus[] = ['pending', 'visible', 'rejected']

/** Photos attached to one item (a proposal, a progress update, …), as WeChat's picker allows. */
export const MAX_PHOTOS = 9

/** What an upload can belong to. A 'fund' is a 自治金 payment on the 居务 ledger (its receipts). */
export type MediaOwnerKind = 'proposal' | 'progress' | 'referral' | 'post' | 'meeting' | 'fund'

/** What a record (三会 minutes, a 居务 entry) may carry: a photo or a scanned sheet as PDF. */
export const FILE_KINDS: readonly MediaKind[] = ['image', 'pdf']

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

/** A file attached to a record: a photo, or a PDF (no thumbnail; opened as a document). */
export interface MediaFile extends MediaPhoto {
  kind: MediaKind
}
