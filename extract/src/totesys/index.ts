/** The totesys source: the generated database and its extract asset. */
export { totesysExtractAssets, totesysRows, TotesysEnvironment } from './assets.js';
export { TOTESYS_DATABASE, totesysDefaultDatabase } from './default-database.js';
export { changeTotesys, fillTotesys, TOTESYS_START } from './totesys-generator.js';
