// Transitional: the old path, kept until every capability imports from '../accounts' (index.ts). Delete then.
export * from './index'
