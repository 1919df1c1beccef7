// What other capabilities may use of surveys (the index reads closed waves, units and exports).
export { surveyRoutes } from './routes'
export { seedDemoSurveys } from './seed'
export { surveyEvidence, type SurveyEvidence } from './evidence'
export { closedSurveyFacts, type ClosedSurveyFacts } from './ledger'
export { closedWaves, waveFigures, type WaveFigures } from './queries/waves'
export { instrumentsOf, readSurvey, responseNote, type SurveyRow } from './queries/surveys'
export { scoreSuppressed, type KeptScore } from './queries/results'
export { paperCounts, type PaperCounts } from './queries/paper'
export { buildingsUnder, neighbourhoodOf, unitInfo, withHouseholdsAt, type BuildingInfo, type UnitInfo } from './queries/units'
export { Instrument as InstrumentSchema } from './schemas'
export { sendExport, sendFile, XLSX_TYPE, type Column, type Download, type ExportFormat, type Row, type Sheet } from './tabular'
// The request context routes hand to queries and commands (the index's routes use it too).
export { reader, writer, type Reader, type Writer } from './context'
