export { displayWidth, formatTable, wantsJson, type OutputOptions } from './output.js'
export { EXIT, fail } from './fail.js'
