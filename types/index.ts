export * from './api'
export * from './community'
export * from './accounts'
