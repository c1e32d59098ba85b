export { withStore } from './store.js'
export {
  dataQuality,
  importData,
  storeStatus,
  type ImportDataOptions,
  type StoreStatus,
} from './data.js'
export { MODELS, fitModel, type FitModelOptions, type FitReport, type ModelName } from './fit.js'
export { generate, parseEncodingSpec, parseFormats } from './generate.js'
