// What other parts of the server may use of the index.
export { indicatorRoutes } from './routes'
