// Transitional: the old path, kept until every capability imports from '../community' (index.ts). Delete then.
export * from './index'
