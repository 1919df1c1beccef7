/**
 * A module loaded on first use, then kept. For the heavy libraries (pdfkit, exceljs, sharp, fontkit, the S3
 * client): each holds 20–30 MB once loaded, and most processes never make a PDF, a workbook or a poster.
 */
export function lazy<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined
  return () => {
    loaded ??= load().catch((err: unknown) => {
      loaded = undefined // a failed load is tried again next time
      throw err
    })
    return loaded
  }
}
