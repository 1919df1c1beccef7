// The heavy libraries, loaded on first use: each holds 20–30 MB once loaded, and most server processes
// never read a workbook, encode a picture or talk to S3. Only npm packages are loaded this way (every loader the
// project runs under, tsx, jest and Playwright, resolves a package's dynamic import alike).
import { lazy } from './lazy'

/** exceljs: with the first workbook read or written. */
export const excel = lazy(async () => (await import('exceljs')).default)

/** sharp: with the first photo re-encoded or poster drawn. */
export const sharp = lazy(async () => (await import('sharp')).default)

/** The S3 client: with the first photo stored or read, only where S3 is configured. */
export const s3Sdk = lazy(() => import('@aws-sdk/client-s3'))
