import { postgresSourceAsset, postgresSourceEnvironment } from '../postgres-source/index.js';
import { totesysDefaultDatabase } from './default-database.js';

/**
 * `landing/totesys/rows` (group `totesys`): every table of the totesys operational database
 * (`VOYAGER_SOURCE_TOTESYS_URL`; unset: a generated `totesys` database beside the warehouse that
 * changes between runs), one record per new version of a row.
 */
export const totesysRows = postgresSourceAsset({
  name: 'totesys',
  description:
    'One record per new version of a row of the 11 totesys tables (sales orders, designs, staff, ...), by last_updated watermark',
  defaultDatabase: totesysDefaultDatabase,
});

/** The totesys extract assets. */
export const totesysExtractAssets = Object.freeze({ rows: totesysRows });

/** The variables of the totesys source (`VOYAGER_SOURCE_TOTESYS_*`), for `readEnvironment` and the README. */
export const TotesysEnvironment = postgresSourceEnvironment(
  'totesys',
  'a generated `totesys` database beside the warehouse, changed by the change generator before every run',
);
