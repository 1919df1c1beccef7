import Taro from '@tarojs/taro'
import type { ApiError, MediaUpload } from '@yishi/types'
import { apiUrl, isWeapp } from '@/shared/env'
import { ApiRequestError, authHeader, NETWORK_ERROR_MESSAGE } from '@/shared/request'

// Photos from the phone to POST /api/media, one request each so each has its own progress bar.

/** Lets the resident take or pick up to `count` photos; [] if they cancel. Compressed where the platform can. */
export async function choosePhotos(count: number): Promise<string[]> {
  try {
    if (!isWeapp) {
      const res = await Taro.chooseImage({ count, sizeType: ['compressed'], sourceType: ['album', 'camera'] })
      return res.tempFilePaths
    }
    const res = await Taro.chooseMedia({ count, mediaType: ['image'], sizeType: ['compressed'], sourceType: ['album', 'camera'] })
    return Promise.all(
      res.tempFiles.map((f) =>
        Taro.compressImage({ src: f.tempFilePath, quality: 80 })
          .then((c) => c.tempFilePath)
          .catch(() => f.tempFilePath),
      ),
    )
  } catch {
    return []
  }
}

/** Lets the user pick up to `count` PDF files (scanned minutes, receipts); [] if they cancel. */
export async function chooseDocuments(count: number): Promise<string[]> {
  if (isWeapp) {
    try {
      // The mini-program reaches files through a chat's attachments only.
      const res = await Taro.chooseMessageFile({ count, type: 'file', extension: ['pdf'] })
      return res.tempFiles.map((f) => f.path)
    } catch {
      return []
    }
  }
  // H5: Taro has no file chooser, the browser's own does; uploadFile reads the blob address.
  return new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = 'application/pdf'
    input.multiple = count > 1
    input.onchange = () => resolve([...(input.files ?? [])].slice(0, count).map((f) => URL.createObjectURL(f)))
    input.click()
  })
}

/**
 * Uploads one photo (or PDF) with the session's header and an Idempotency-Key (the same for its retries, so a
 * retry after a lost answer does not store it twice), reporting progress in percent.
 */
export function uploadPhoto(filePath: string, idempotencyKey: string, onProgress: (percent: number) => void): Promise<MediaUpload> {
  return new Promise((resolve, reject) => {
    const task = Taro.uploadFile({
      url: apiUrl('/api/media'),
      filePath,
      name: 'file',
      header: { ...authHeader(), 'Idempotency-Key': idempotencyKey },
      timeout: 60000,
      success: (res) => {
        let body: unknown = res.data
        try {
          body = typeof res.data === 'string' ? JSON.parse(res.data) : res.data
        } catch {
          // Not JSON (a proxy's error page): the status says enough.
        }
        if (res.statusCode === 201) return resolve(body as MediaUpload)
        const e = (body as ApiError | null)?.error
        reject(new ApiRequestError(res.statusCode, e?.code ?? `http_${res.statusCode}`, e?.message ?? `上传失败（${res.statusCode}）`))
      },
      fail: () => reject(new ApiRequestError(0, 'network_error', NETWORK_ERROR_MESSAGE)),
    })
    // H5's task is a promise that also rejects on failure: `fail` already handled it.
    ;(task as unknown as Promise<unknown>).catch?.(() => undefined)
    task.onProgressUpdate?.((p) => onProgress(p.progress))
  })
}
