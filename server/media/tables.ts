import type { Generated } from 'kysely'
import type { MediaKind, MediaOwnerKind, MediaStatus } from '../../types'

export interface MediaTable {
  id: Generated<number>
  uploader_id: number
  kind: MediaKind
  /** What is stored: image/jpeg or image/webp after re-encoding, application/pdf as sent. */
  mime: string
  width: number | null
  height: number | null
  bytes: number
  storage_key: string
  thumb_key: string | null
  status: MediaStatus
  /** WeChat's mediaCheckAsync job, matched by its callback. */
  trace_id: string | null
  neighbourhood_id: number | null
  street_id: number | null
  decided_by: number | null
  decided_at: string | null
  created_at: string
}

export interface MediaAttachmentTable {
  media_id: number
  owner_kind: MediaOwnerKind
  owner_id: number
  created_at: string
}

export interface MediaTables {
  media: MediaTable
  media_attachments: MediaAttachmentTable
}
