import { lazy } from './lazy'

/** exceljs, loaded with the first workbook read or written (some 30 MB once loaded). */
export const excel = lazy(async () => (await import('exceljs')).default)
