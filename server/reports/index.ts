// What other parts of the server may use of the 台账.
export { reportRoutes } from './routes'
