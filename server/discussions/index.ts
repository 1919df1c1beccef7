// The 议事厅 as other capabilities see it. Moderation builds on these (reading and presenting posts,
// moving a post's status); proposals open a topic when a proposal is accepted (a port, wired in app.ts).
export { discussionRoutes } from './routes'
export { openTopic, type OpenTopicInput } from './commands/open-topic'
export { setPostStatus } from './commands/post-status'
export { contextOf, type Context } from './context'
export { decodeIdCursor, encodeIdCursor } from './cursor'
export { discussionEvidence, type DiscussionEvidence } from './evidence'
export { allowed, chainOf, enforce, refused, type Check } from './policy'
export { getPost, postPhotoReader, presentPost, presentPosts, readablePost, toAppeal, type PostRow } from './queries/posts'
export { loadTopic, readableNeighbourhoods, showTopic, topicQuery } from './queries/topics'
export { AUTO_HIDE_REASON, MAX_PINNED, type PostViewer } from './rules'
export { AppealSchema, PostSchema } from './schemas'
export { seedDemoDiscussions } from './seed'
