// Only until proposals take openTopic as a port wired in app.ts (their accept hook imports it from
// here today); delete this file then. Everyone else imports the 议事厅 through index.ts.
export { openTopic } from './commands/open-topic'
