import type { FastifyInstance } from 'fastify'
import sharp from 'sharp'

/** A multipart/form-data body with one file, as wx.uploadFile and the browser send it. */
export function multipart(bytes: Buffer, filename: string, contentType: string): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----yishi-test-boundary'
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`)
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`)
  return { payload: Buffer.concat([head, bytes, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } }
}

/** A phone photo: EXIF with the camera's make and a GPS position, taken sideways (orientation 6). */
export function phonePhoto(width = 3000, height = 2000): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#c0392b' } })
    .jpeg()
    .withExif({ IFD0: { Make: 'PhoneMaker' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '31/1 13/1 0/1' } })
    .withMetadata({ orientation: 6 })
    .toBuffer()
}

export const png = (width = 40, height = 30) => sharp({ create: { width, height, channels: 4, background: '#2e86de' } }).png().toBuffer()

/** The GPSInfo tag (0x8825, little-endian as libvips writes it). */
export const GPS_TAG = Buffer.from([0x25, 0x88])

export const pdf = (size = 2000) => Buffer.concat([Buffer.from('%PDF-1.4\n% 三会记录\n'), Buffer.alloc(size, 0x20), Buffer.from('\n%%EOF\n')])

/** Uploads a small photo as the caller and answers the upload (POST /api/media). */
export async function uploadPhoto(app: FastifyInstance, authorization: string): Promise<{ id: number; url: string; thumbUrl: string; status: string }> {
  const form = multipart(await png(), 'p.png', 'image/png')
  const res = await app.inject({ method: 'POST', url: '/api/media', payload: form.payload, headers: { ...form.headers, authorization } })
  if (res.statusCode !== 201) throw new Error(`upload failed: ${res.body}`)
  return res.json()
}

/** A photo object's address: the upload's, signed for the one who read it. */
export const signedFrom = (path: string) => expect.stringMatching(new RegExp(`^${path.replace(/[/?]/g, '\\$&')}\\?u=\\d+&exp=\\d+&sig=[\\w-]+$`))
