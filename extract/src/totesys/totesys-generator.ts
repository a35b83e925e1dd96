import type { ClientBase } from 'pg';
import { seededRandom } from '../strava/simulator/seeded-random.js';
import { insertRows, TOTESYS_DDL } from './totesys-schema.js';

/** When the generated company's records start (the real totesys dump starts the same day). */
export const TOTESYS_START = '2022-11-03 14:20:49.962';

const FIRST = [
  'Jeremie',
  'Deron',
  'Jeanette',
  'Ana',
  'Magdalena',
  'Korey',
  'Raphael',
  'Oswaldo',
  'Brody',
  'Jazmyn',
  'Meda',
  'Imani',
  'Stan',
  'Rick',
  'Flavio',
  'Irving',
  'Ellie',
  'Jerrell',
  'Lucile',
  'Jadon',
];
const LAST = [
  'Franey',
  'Beier',
  'Erdman',
  'Glover',
  'Zieme',
  'Ondricka',
  'Rippin',
  'Bogan',
  'Langworth',
  'Kuhic',
  'Cremin',
  'Walsh',
  'Lehner',
  'Mueller',
  'Kunde',
  'Mosciski',
  'Heaney',
  'Rath',
  'Parisian',
  'Mertz',
];
const CITIES = [
  ['New Patienceburgh', 'United States'],
  ['Aliso Viejo', 'San Marino'],
  ['Lake Charles', 'Samoa'],
  ['Utrecht', 'Netherlands'],
  ['Leeds', 'United Kingdom'],
  ['Lyon', 'France'],
  ['Porto', 'Portugal'],
  ['Graz', 'Austria'],
  ['Ghent', 'Belgium'],
  ['Aarhus', 'Denmark'],
] as const;
const DEPARTMENTS = [
  ['Sales', 'Manchester'],
  ['Purchasing', 'Manchester'],
  ['Production', 'Leeds'],
  ['Dispatch', 'Leeds'],
  ['Finance', 'Manchester'],
  ['Facilities', 'Manchester'],
  ['Communications', 'Leeds'],
  ['HR', 'Leeds'],
] as const;
const MATERIALS = [
  'Wooden',
  'Bronze',
  'Granite',
  'Steel',
  'Cotton',
  'Frozen',
  'Rubber',
  'Plastic',
  'Soft',
  'Fresh',
];
const PAYMENT_TYPES = ['SALES_RECEIPT', 'SALES_REFUND', 'PURCHASE_PAYMENT', 'PURCHASE_REFUND'];

type Random = () => number;
const pick = <T>(r: Random, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const int = (r: Random, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
/** `TOTESYS_START` plus `seconds`, as a `timestamp` literal (UTC wall clock). */
const at = (seconds: number) =>
  new Date(Date.parse(`${TOTESYS_START.replace(' ', 'T')}Z`) + seconds * 1000)
    .toISOString()
    .slice(0, 23)
    .replace('T', ' ');
const day = (text: string, plusDays: number) =>
  new Date(Date.parse(`${text.slice(0, 10)}T00:00:00Z`) + plusDays * 86_400_000).toISOString().slice(0, 10);

function design(r: Random, created: string) {
  const name = pick(r, MATERIALS);
  return {
    design_name: name,
    file_location: `/${pick(r, ['usr', 'opt', 'srv', 'home/user'])}/share`,
    file_name: `${name.toLowerCase()}-${int(r, 10000000, 99999999)}.json`,
    created_at: created,
    last_updated: created,
  };
}

function salesOrder(r: Random, created: string, designs: number) {
  return {
    created_at: created,
    last_updated: created,
    design_id: int(r, 1, designs),
    staff_id: int(r, 1, 20),
    counterparty_id: int(r, 1, 20),
    units_sold: int(r, 1000, 100000),
    unit_price: (int(r, 200, 400) / 100).toFixed(2),
    currency_id: int(r, 1, 3),
    agreed_delivery_date: day(created, int(r, 1, 10)),
    agreed_payment_date: day(created, int(r, 1, 10)),
    agreed_delivery_location_id: int(r, 1, 30),
  };
}

function purchaseOrder(r: Random, created: string) {
  return {
    created_at: created,
    last_updated: created,
    staff_id: int(r, 1, 20),
    counterparty_id: int(r, 1, 20),
    item_code: Array.from({ length: 7 }, () => 'ABCDEFGHJKLMNPQRSTUVWXYZ'[int(r, 0, 23)]).join(''),
    item_quantity: int(r, 1, 1000),
    item_unit_price: (int(r, 300, 100000) / 100).toFixed(2),
    currency_id: int(r, 1, 3),
    agreed_delivery_date: day(created, int(r, 1, 10)),
    agreed_payment_date: day(created, int(r, 1, 10)),
    agreed_delivery_location_id: int(r, 1, 30),
  };
}

function payment(r: Random, transactionId: number, sale: boolean, amount: number, created: string) {
  return {
    created_at: created,
    last_updated: created,
    transaction_id: transactionId,
    counterparty_id: int(r, 1, 20),
    payment_amount: amount.toFixed(2),
    currency_id: int(r, 1, 3),
    payment_type_id: sale ? 1 : 3,
    paid: r() < 0.5,
    payment_date: day(created, int(r, 0, 5)),
    company_ac_number: int(r, 10000000, 99999999),
    counterparty_ac_number: int(r, 10000000, 99999999),
  };
}

/** Inserts orders with their transactions and payments, all created at the instants given. */
async function insertOrders(
  client: ClientBase,
  r: Random,
  sales: readonly string[],
  purchases: readonly string[],
  designs: number,
) {
  for (const [kind, times] of [
    ['SALE', sales],
    ['PURCHASE', purchases],
  ] as const) {
    if (times.length === 0) continue;
    const orders = times.map((t) => (kind === 'SALE' ? salesOrder(r, t, designs) : purchaseOrder(r, t)));
    const table = kind === 'SALE' ? 'sales_order' : 'purchase_order';
    const idColumn = `${table}_id`;
    const { rows: ids } = await client.query<{ id: number }>(
      `select coalesce(max(${idColumn}), 0) as id from ${table}`,
    );
    await insertRows(client, table, orders);
    const first = ids[0]!.id + 1;
    await insertRows(
      client,
      'transaction',
      times.map((t, i) => ({
        transaction_type: kind,
        sales_order_id: kind === 'SALE' ? first + i : null,
        purchase_order_id: kind === 'PURCHASE' ? first + i : null,
        created_at: t,
        last_updated: t,
      })),
    );
    const { rows: tx } = await client.query<{ transaction_id: number }>(
      `select transaction_id from transaction where ${kind === 'SALE' ? 'sales_order_id' : 'purchase_order_id'} >= $1 order by 1`,
      [first],
    );
    await insertRows(
      client,
      'payment',
      orders.map((o, i) => {
        const amount =
          'units_sold' in o
            ? o.units_sold * Number(o.unit_price)
            : o.item_quantity * Number(o.item_unit_price);
        return payment(r, tx[i]!.transaction_id, kind === 'SALE', amount, times[i]!);
      }),
    );
  }
}

/**
 * Creates the totesys tables when missing and, when `sales_order` is empty, fills them with a
 * generated company: 30 addresses, 8 departments, 20 staff, 3 currencies, 20 counterparties,
 * 4 payment types, 100 designs, 600 sales and 200 purchase orders over 300 days from
 * {@link TOTESYS_START}, one transaction and one payment per order. Same seed, same rows.
 * @returns whether it filled the tables (false: they held data already).
 */
export async function fillTotesys(client: ClientBase, seed = 17): Promise<boolean> {
  for (const ddl of TOTESYS_DDL) await client.query(ddl);
  const { rows } = await client.query<{ n: number }>('select count(*)::int as n from sales_order');
  if (rows[0]!.n > 0) return false;
  const r = seededRandom(seed);
  const t0 = at(0);
  await insertRows(
    client,
    'address',
    Array.from({ length: 30 }, (_, i) => {
      const [city, country] = pick(r, CITIES);
      return {
        address_line_1: `${int(r, 1, 999)} ${pick(r, LAST)} Street`,
        address_line_2: r() < 0.5 ? null : `Unit ${i + 1}`,
        district: r() < 0.4 ? null : pick(r, ['Avon', 'Bedfordshire', 'Cheshire', 'Buckinghamshire']),
        city,
        postal_code: String(int(r, 10000, 99999)),
        country,
        phone: `${int(r, 1000, 9999)} ${int(r, 100000, 999999)}`,
        created_at: t0,
        last_updated: t0,
      };
    }),
  );
  await insertRows(
    client,
    'department',
    DEPARTMENTS.map(([name, location], i) => ({
      department_name: name,
      location,
      manager: `${FIRST[i]} ${LAST[i]}`,
      created_at: t0,
      last_updated: t0,
    })),
  );
  await insertRows(
    client,
    'staff',
    FIRST.map((first, i) => ({
      first_name: first,
      last_name: LAST[(i * 7) % 20],
      department_id: int(r, 1, 8),
      email_address: `${first.toLowerCase()}.${LAST[(i * 7) % 20]!.toLowerCase()}@terrifictotes.com`,
      created_at: t0,
      last_updated: t0,
    })),
  );
  await insertRows(
    client,
    'currency',
    ['GBP', 'USD', 'EUR'].map((code) => ({ currency_code: code, created_at: t0, last_updated: t0 })),
  );
  await insertRows(
    client,
    'counterparty',
    Array.from({ length: 20 }, (_, i) => ({
      counterparty_legal_name: `${pick(r, LAST)}, ${pick(r, LAST)} and ${pick(r, LAST)}`,
      legal_address_id: int(r, 1, 30),
      commercial_contact: `${pick(r, FIRST)} ${pick(r, LAST)}`,
      delivery_contact: i % 4 === 0 ? null : `${pick(r, FIRST)} ${pick(r, LAST)}`,
      created_at: t0,
      last_updated: t0,
    })),
  );
  await insertRows(
    client,
    'payment_type',
    PAYMENT_TYPES.map((name) => ({ payment_type_name: name, created_at: t0, last_updated: t0 })),
  );
  await insertRows(
    client,
    'design',
    Array.from({ length: 100 }, (_, i) => design(r, at(i * 3 * 86_400 + int(r, 0, 86_399)))),
  );
  const spread = (n: number) =>
    Array.from({ length: n }, () => int(r, 0, 300 * 86_400))
      .sort((a, b) => a - b)
      .map(at);
  await insertOrders(client, r, spread(600), spread(200), 100);
  return true;
}

/**
 * The change generator: what happens in the company between two runs, stamped with the server's
 * clock (`clock_timestamp()`), several rows in the same second: 3-10 new sales orders and 1-3
 * purchase orders (with their transactions and payments), 2-5 sales orders amended (units,
 * price, delivery date), a payment marked paid, sometimes a new design or a changed phone number.
 * Seeded by the current row counts, so it is deterministic for a given database.
 * @returns the rows inserted and updated, by table.
 */
export async function changeTotesys(client: ClientBase): Promise<Record<string, number>> {
  const { rows } = await client.query<{ so: number; d: number; p: number }>(
    'select (select count(*)::int from sales_order) as so, (select count(*)::int from design) as d, (select count(*)::int from payment) as p',
  );
  const { so, d, p } = rows[0]!;
  const r = seededRandom(so * 7919 + d);
  const { rows: now } = await client.query<{ t: string }>(
    `select to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') as t`,
  );
  const t = now[0]!.t;
  const changes: Record<string, number> = {};
  let designs = d;
  if (r() < 0.5) {
    await insertRows(client, 'design', [design(r, t)]);
    changes.design = 1;
    designs++;
  }
  const sales = int(r, 3, 10);
  const purchases = int(r, 1, 3);
  await insertOrders(client, r, Array(sales).fill(t), Array(purchases).fill(t), designs);
  changes.sales_order = sales;
  changes.purchase_order = purchases;
  changes.transaction = sales + purchases;
  changes.payment = sales + purchases;
  const amended = int(r, 2, 5);
  for (let i = 0; i < amended; i++) {
    await client.query(
      `update sales_order set units_sold = $2, unit_price = $3, agreed_delivery_date = $4, last_updated = clock_timestamp() at time zone 'UTC' where sales_order_id = $1`,
      [int(r, 1, so), int(r, 1000, 100000), (int(r, 200, 400) / 100).toFixed(2), day(t, int(r, 2, 20))],
    );
  }
  changes.sales_order += amended;
  await client.query(
    `update payment set paid = true, last_updated = clock_timestamp() at time zone 'UTC' where payment_id = $1`,
    [int(r, 1, p)],
  );
  changes.payment += 1;
  if (r() < 0.34) {
    await client.query(
      `update address set phone = $2, last_updated = clock_timestamp() at time zone 'UTC' where address_id = $1`,
      [int(r, 1, 30), `${int(r, 1000, 9999)} ${int(r, 100000, 999999)}`],
    );
    changes.address = 1;
  }
  return changes;
}
