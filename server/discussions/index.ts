export { openTopic } from './topics'
