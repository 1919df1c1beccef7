// What other parts of the server use of 社区提案. Inside the capability, import files directly.
export { proposalRoutes } from './routes'
export { proposalPhotoReaders } from './queries/detail'
export type { ProposalPorts } from './ports'
export { SETTINGS_NAMES, cosignThreshold, DEFAULT_SETTINGS } from './rules'
export { sweepProposals, type SweepResult } from './sweep'
export { seedDemoProposals } from './seed'
export type { ProposalTables } from './tables'
export { proposalEvidence, type ProposalEvidence } from './evidence'
