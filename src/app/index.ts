export { withStore } from './store.js'
export {
  dataQuality,
  importData,
  storeStatus,
  type ImportDataOptions,
  type StoreStatus,
} from './data.js'
