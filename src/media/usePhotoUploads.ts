import { useRef, useState } from 'react'
import type { MediaUpload } from '@yishi/types'
import { newIdempotencyKey } from '@/shared/request'
import { uploadPhoto } from './upload'

/** A photo on its way: uploading (with progress), failed (with why, to retry) or uploaded (with its id). */
export interface PhotoItem {
  key: string
  path: string
  /** A PDF shows as a document tile, not a picture. */
  pdf: boolean
  progress: number
  status: 'uploading' | 'failed' | 'done'
  error?: string
  upload?: MediaUpload
}

/** The photos of one form: each picked photo uploads at once; a failed one can be retried or removed. */
export function usePhotoUploads() {
  const [items, setItems] = useState<PhotoItem[]>([])
  // A removed photo's upload may still answer: its answer is dropped.
  const live = useRef(new Set<string>())
  const patch = (key: string, change: Partial<PhotoItem>) => {
    if (live.current.has(key)) setItems((all) => all.map((it) => (it.key === key ? { ...it, ...change } : it)))
  }

  const start = (key: string, path: string) => {
    patch(key, { status: 'uploading', progress: 0, error: undefined })
    uploadPhoto(path, key, (progress) => patch(key, { progress })).then(
      (upload) => patch(key, { status: 'done', progress: 100, upload }),
      (err: Error) => patch(key, { status: 'failed', error: err.message }),
    )
  }

  return {
    items,
    add(paths: string[], pdf = false) {
      const added = paths.map((path) => ({ key: newIdempotencyKey(), path, pdf, progress: 0, status: 'uploading' as const }))
      for (const it of added) live.current.add(it.key)
      setItems((all) => [...all, ...added])
      for (const it of added) start(it.key, it.path)
    },
    retry: (key: string) => items.some((it) => it.key === key) && start(key, items.find((it) => it.key === key)!.path),
    remove(key: string) {
      live.current.delete(key)
      setItems((all) => all.filter((it) => it.key !== key))
    },
    clear() {
      live.current.clear()
      setItems([])
    },
    /** The uploaded photos' ids, in the order shown. */
    ids: items.flatMap((it) => (it.upload ? [it.upload.id] : [])),
    pending: items.some((it) => it.status !== 'done'),
  }
}

export type PhotoUploads = ReturnType<typeof usePhotoUploads>

/** What a form says while a photo is still uploading or failed: it waits rather than drop them. */
export const PHOTOS_UNFINISHED = '照片还没传完：请等一等，或删除没传上的照片'

/** The form's photos as its request carries them: left out when there are none. */
export const photoField = (photos: PhotoUploads): { photos?: number[] } => (photos.ids.length > 0 ? { photos: photos.ids } : {})
