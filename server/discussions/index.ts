export { discussionEvidence, type DiscussionEvidence } from './evidence'
