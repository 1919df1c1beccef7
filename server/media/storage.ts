// Where uploaded files live: one interface, a folder on local disk or an S3-compatible bucket (Tencent COS
// through its S3 endpoint too).
import fs from 'node:fs'
import path from 'node:path'
import type { Readable } from 'node:stream'
import { lazy } from '../core/lazy'
import { s3Sdk as sdk } from '../core/libraries'

export interface MediaStore {
  put(key: string, bytes: Buffer, contentType: string): Promise<void>
  /** The stored bytes as a stream; null if nothing is stored under the key. */
  open(key: string): Promise<Readable | null>
  remove(key: string): Promise<void>
}

export interface S3Settings {
  endpoint: string | null
  bucket: string
  region: string
  accessKeyId: string
  secretAccessKey: string
}

/** Keys are made by the server ('2026/ab12…/full.jpg'), never from a client's file name. */
export function diskStore(root: string): MediaStore {
  const file = (key: string) => path.join(root, ...key.split('/'))
  return {
    async put(key, bytes) {
      await fs.promises.mkdir(path.dirname(file(key)), { recursive: true })
      await fs.promises.writeFile(file(key), bytes)
    },
    async open(key) {
      try {
        const handle = await fs.promises.open(file(key))
        return handle.createReadStream()
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null
        throw err
      }
    },
    async remove(key) {
      await fs.promises.rm(file(key), { force: true })
    },
  }
}

export function s3Store(s: S3Settings): MediaStore {
  const client = lazy(async () => {
    const { S3Client } = await sdk()
    return new S3Client({
      region: s.region,
      ...(s.endpoint ? { endpoint: s.endpoint, forcePathStyle: true } : {}),
      credentials: { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey },
      // Checksums only where S3 requires them: COS and other S3-compatible stores refuse some of the newer ones.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    })
  })
  return {
    async put(key, bytes, contentType) {
      const { PutObjectCommand } = await sdk()
      await (await client()).send(new PutObjectCommand({ Bucket: s.bucket, Key: key, Body: bytes, ContentType: contentType }))
    },
    async open(key) {
      const { GetObjectCommand } = await sdk()
      try {
        const res = await (await client()).send(new GetObjectCommand({ Bucket: s.bucket, Key: key }))
        return res.Body as Readable
      } catch (err) {
        if ((err as { name?: string }).name === 'NoSuchKey') return null
        throw err
      }
    },
    async remove(key) {
      const { DeleteObjectCommand } = await sdk()
      await (await client()).send(new DeleteObjectCommand({ Bucket: s.bucket, Key: key }))
    },
  }
}
