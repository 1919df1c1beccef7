// Moderation of the 议事厅, as the app sees it: its routes.
export { moderationRoutes } from './routes'
