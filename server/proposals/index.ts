export { proposalEvidence, type ProposalEvidence } from './evidence'
