// What other capabilities put in their own schemas for what they attach.
import { Type } from '@sinclair/typebox'
import { FILE_KINDS, MEDIA_STATUSES } from '../../types'
import { Id, literals } from '../core/schema'

/** The ids of the caller's uploads a record is sent with; attachFiles enforces the limit of nine in words. */
export const FileIds = Type.Array(Id, { maxItems: 50 })

/** An attached file as a record answers it (MediaFile): a photo or a PDF, with addresses signed for the viewer. */
export const FileSchema = Type.Object({
  id: Type.Integer(),
  kind: literals(FILE_KINDS),
  url: Type.String(),
  thumbUrl: Type.Union([Type.String(), Type.Null()]),
  status: literals(MEDIA_STATUSES),
})
