// Sharing: posters with a QR code and share-card pictures of proposals, topics and surveys.
export { shareRoutes } from './routes'
