import type { AssetDefinition } from '@voyager/orchestration';
import { createParquetExportAsset } from './parquet-export-asset.js';

/**
 * `exports/sales`: the sales star schema (`marts_sales`) as Parquet, its three facts
 * Hive-partitioned by `created_date` (an order's or payment's versions share its creation day, so
 * an amendment rewrites one partition). The code location passes the `marts/sales_*` dbt assets as
 * deps; the load image's entry point passes none (it runs the step, Airflow orders it).
 */
export function createSalesExportAsset(marts: readonly AssetDefinition[] = []): AssetDefinition {
  return createParquetExportAsset({
    group: 'sales',
    schema: 'marts_sales',
    marts,
    partitionBy: {
      fact_sales_order: 'created_date',
      fact_purchase_order: 'created_date',
      fact_payment: 'created_date',
    },
  });
}
