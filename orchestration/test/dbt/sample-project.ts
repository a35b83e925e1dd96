import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { asset, image, type AssetDefinition } from '@voyager/orchestration';

/**
 * A tiny dbt project of our own (`test/fixtures/dbt-sample`): `raw_shop.orders` -> four staging
 * views -> `dim_customers`, `fct_orders` (a relationships test to `dim_customers`), a source test
 * on `shop.orders` and a singular test. Source-agnostic: it stands for no real source.
 */
export const SAMPLE_PROJECT = fileURLToPath(new URL('../fixtures/dbt-sample', import.meta.url));

/** A copy of the sample project in a temp dir, for tests that add files to it. */
export async function copySampleProject(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'voyager-dbt-sample-'));
  await cp(SAMPLE_PROJECT, dir, { recursive: true });
  return dir;
}

/** One order line of `raw_shop.orders`. */
export interface OrderLine {
  readonly orderId: number;
  readonly customerId: number;
  readonly productId: number;
  readonly amountCents: number;
}

/** `count` order lines: ids 1..count, three customers, two products, 100 cents per id. */
export const orderLines = (count: number): OrderLine[] =>
  Array.from({ length: count }, (_, i) => ({
    orderId: i + 1,
    customerId: (i + 1) % 3,
    productId: (i + 1) % 2,
    amountCents: (i + 1) * 100,
  }));

/** The asset `raw/shop_orders` that fills the sample's source: replaces `raw_shop.orders` with `lines()`. */
export function rawOrdersAsset(lines: () => readonly OrderLine[] = () => orderLines(10)): AssetDefinition {
  return asset({
    key: 'raw/shop_orders',
    description: 'One row per order line of the sample shop (test data of our own)',
    image: 'load',
    group: 'shop',
    async materialize(ctx) {
      const rows = lines();
      await ctx.warehouse.query('create schema if not exists raw_shop');
      await ctx.warehouse.query(
        'create table if not exists raw_shop.orders (order_id int, customer_id int, product_id int, amount_cents int)',
      );
      await ctx.warehouse.query('truncate raw_shop.orders');
      await ctx.warehouse.query(
        `insert into raw_shop.orders select * from unnest($1::int[], $2::int[], $3::int[], $4::int[])`,
        [
          rows.map((r) => r.orderId),
          rows.map((r) => r.customerId),
          rows.map((r) => r.productId),
          rows.map((r) => r.amountCents),
        ],
      );
      return { metadata: { rows: rows.length } };
    },
  });
}

/** The `load` image the raw asset names (never run as a container here). */
export const sampleLoadImage = image({
  name: 'load',
  description: 'test stand-in: the raw asset runs in-process',
  dockerfile: 'load/Dockerfile',
  command: ['true'],
  resources: { cpu: 256, memoryMiB: 512 },
});
