// What other parts of the server may use of the index.
export { indicatorRoutes } from './routes'
// The 台账 shows the index with its evidence.
export { buildReport as buildIndexReport } from './queries/report'
export { indexExportRows } from './queries/export'
