// The shared scoring library: questionnaire scores and the 100-point index. Pure TypeScript,
// no I/O: it runs on the server and inside the mini-program.

export { scoreInstrument } from './instrument'
export { evaluateIndex, validateIndexDefinition } from './index-eval'
export { CHANGNING_2022 } from './changning2022'
export { INSTRUMENTS } from './instruments'
export { requiredSampleSize, wilsonInterval, cronbachAlpha, tQuantile, normalQuantile } from './stats'
export { roundHalfUp, round2 } from './format'
export { DEFAULT_MIN_CELL_SIZE, suppressionReasons } from './suppression'
export { IndexInputError } from '../../types/scoring'
export type * from '../../types/scoring'
