export { minimize } from './minimize.js'
export type {
  Gradient,
  MinimizeOptions,
  MinimizeResult,
  MinimizeStatus,
  Objective,
} from './types.js'
