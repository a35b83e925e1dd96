import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DbtProjectError, UnsupportedJinjaError } from '../../src/dbt/dbt-errors.js';
import { loadDbtAssets } from '@voyager/orchestration';
import { readDbtProject } from '../../src/dbt/read-dbt-project.js';
import { Relation } from '../../src/dbt/relation.js';
import { renderTemplate } from '../../src/dbt/render.js';
import { type DbtProject } from '../../src/dbt/dbt-types.js';

let dir: string;
let project: DbtProject;

const files: Record<string, string> = {
  'dbt_project.yml': `name: shop\nmodels:\n  shop:\n    +materialized: view\n    core:\n      +materialized: table\n      +schema: core\n      legacy:\n        +enabled: false\nvars:\n  min_amount: 5\n`,
  'models/staging/stg_orders.sql': `select * from {{ source('shop', 'orders') }}`,
  'models/staging/sources.yml': `version: 2\nsources:\n  - name: shop\n    schema: raw\n    loaded_at_field: _loaded_at\n    freshness: { warn_after: { count: 1, period: hour } }\n    tables:\n      - name: orders\n        identifier: shop_orders\n        meta: { voyager_asset: raw/shop_orders }\n      - name: refunds\n        freshness: null\n`,
  'models/core/fct_orders.sql': `{{ config(materialized='incremental', unique_key=['order_id', 'line'], tags=["a"]) }}\nselect * from {{ ref('stg_orders') }}\n{% if is_incremental() %}where loaded_at > (select max(loaded_at) from {{ this }}){% endif %}`,
  'models/core/fct_orders.yml': `version: 2\nmodels:\n  - name: fct_orders\n    description: One row per order line.\n    data_tests:\n      - unique:\n          column_name: "(order_id || '-' || line)"\n    columns:\n      - name: order_id\n        description: The order.\n        data_tests:\n          - not_null\n          - accepted_values:\n              arguments:\n                values: ['a', 'b']\n              config:\n                severity: warn\n          - relationships:\n              to: ref('stg_orders')\n              field: id\n`,
  'models/core/legacy/old_model.sql': `select 1`,
  'models/core/a_child.sql': `select 1 as parent_id`,
  'models/core/a_child.yml': `version: 2\nmodels:\n  - name: a_child\n    columns:\n      - name: parent_id\n        data_tests:\n          - relationships:\n              to: ref('z_parent')\n              field: id\n`,
  'models/core/z_parent.sql': `select 1 as id`,
  'macros/generate_schema_name.sql': `{% macro generate_schema_name(custom_schema_name, node) -%}{{ custom_schema_name or target.schema }}{%- endmacro %}`,
  'macros/helpers.sql': `{# helpers #}\n{% macro since_last(column) %}{% if is_incremental() %}where {{ column }} > (select max({{ column }}) from {{ this }}){% endif %}{% endmacro %}\n{% macro cols(names, prefix='') %}{% for n in names %}{{ prefix }}{{ n }}{% if not loop.last %}, {% endif %}{% endfor %}{% endmacro %}\n{% macro select_cols(names) %}select {{ cols(names, prefix='o.') }}{% endmacro %}\n{% macro target_name() %}{{ target.name }}{% endmacro %}\n`,
  'tests/assert_positive.sql': `{{ config(severity='warn') }}\nselect * from {{ ref('fct_orders') }} join {{ ref('stg_orders') }} using (id) where amount < {{ var('min_amount') }}`,
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'voyager-dbt-parse-'));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  project = await readDbtProject(dir);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('readDbtProject', () => {
  it('resolves config from folders, yml and config(), and leaves disabled models out', () => {
    const fct = project.models.get('fct_orders')!;
    expect(fct).toMatchObject({
      folder: 'core',
      materialized: 'incremental',
      schema: 'core',
      uniqueKey: ['order_id', 'line'],
      refs: ['stg_orders'],
    });
    expect(fct.config.tags).toEqual(['a']);
    expect(project.models.get('stg_orders')).toMatchObject({
      folder: 'staging',
      materialized: 'view',
      schema: undefined,
      sources: [['shop', 'orders']],
    });
    expect(project.models.has('old_model')).toBe(false);
  });

  it('reads sources with identifier, meta and freshness (a table can turn it off)', () => {
    expect(project.sources.find((s) => s.name === 'orders')).toMatchObject({
      schema: 'raw',
      identifier: 'shop_orders',
      meta: { voyager_asset: 'raw/shop_orders' },
      loadedAtField: '_loaded_at',
      freshness: { warn_after: { count: 1, period: 'hour' } },
    });
    expect(project.sources.find((s) => s.name === 'refunds')?.freshness).toBeUndefined();
  });

  it('names generic tests as dbt does, reads dbt 1.10 arguments and severity, and attaches singular tests downstream', () => {
    const byName = Object.fromEntries(project.tests.map((t) => [t.name, t]));
    expect(Object.keys(byName).sort()).toEqual([
      'accepted_values_fct_orders_order_id',
      'assert_positive',
      'not_null_fct_orders_order_id',
      'relationships_a_child_parent_id__id__z_parent',
      'relationships_fct_orders_order_id__id__stg_orders',
      'unique_fct_orders_order_id_line',
    ]);
    expect(byName.accepted_values_fct_orders_order_id).toMatchObject({
      severity: 'warn',
      args: { values: ['a', 'b'] },
    });
    expect(byName.relationships_fct_orders_order_id__id__stg_orders).toMatchObject({
      severity: 'error',
      reads: [{ kind: 'ref', name: 'stg_orders' }],
    });
    expect(byName.assert_positive).toMatchObject({
      model: 'fct_orders',
      severity: 'warn',
      reads: [{ kind: 'ref', name: 'stg_orders' }],
    });
  });

  it('makes the model a relationships test reads upstream of the tested model', async () => {
    const { assets } = await loadDbtAssets({ projectDir: dir, upstream: [] });
    const keys = assets.map((a) => a.key);
    expect(assets.find((a) => a.key === 'core/a_child')!.deps.map((d) => d.key)).toEqual(['core/z_parent']);
    expect(keys.indexOf('core/z_parent')).toBeLessThan(keys.indexOf('core/a_child'));
    // stg_orders reads raw/shop_orders, which is not upstream here: left out with its downstream
    expect(keys).not.toContain('core/fct_orders');
  });

  it('refuses a ref to an unknown model, naming the file', async () => {
    await writeFile(join(dir, 'models/core/broken.sql'), `select * from {{ ref('nope') }}`);
    await expect(readDbtProject(dir)).rejects.toThrow(
      /models\/core\/broken\.sql: ref\('nope'\) names no model/,
    );
    await rm(join(dir, 'models/core/broken.sql'));
  });
});

describe('readDbtProject refuses what it does not represent, naming the file', () => {
  const refused = async (path: string, text: string, message: RegExp) => {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
    try {
      await expect(readDbtProject(dir)).rejects.toThrow(message);
    } finally {
      await rm(join(dir, path));
    }
  };

  it('unit tests, model versions, column constraints and source quoting', async () => {
    await refused(
      'models/core/unit.yml',
      'version: 2\nunit_tests:\n  - name: t\n    model: z_parent\n',
      /models\/core\/unit\.yml: the file has "unit_tests:"/,
    );
    await refused(
      'models/core/z_parent.yml',
      'version: 2\nmodels:\n  - name: z_parent\n    versions:\n      - v: 2\n',
      /models\/core\/z_parent\.yml: model z_parent has "versions:"/,
    );
    await refused(
      'models/core/z_parent.yml',
      'version: 2\nmodels:\n  - name: z_parent\n    columns:\n      - name: id\n        constraints:\n          - type: not_null\n',
      /column z_parent\.id has "constraints:"/,
    );
    await refused(
      'models/staging/more.yml',
      'version: 2\nsources:\n  - name: other\n    quoting: { identifier: true }\n    tables:\n      - name: t\n',
      /models\/staging\/more\.yml: source other has "quoting:"/,
    );
  });

  it('a test on a source no model reads, a described model without SQL, seeds and packages', async () => {
    await refused(
      'models/staging/more.yml',
      'version: 2\nsources:\n  - name: other\n    tables:\n      - name: t\n        columns:\n          - name: id\n            data_tests: [unique]\n',
      /models\/staging\/more\.yml: test source_unique_other_t_id is on source other\.t, which no model reads/,
    );
    await refused(
      'models/core/ghost.yml',
      'version: 2\nmodels:\n  - name: ghost\n',
      /models\/core\/ghost\.yml: model ghost is described but has no \.sql file/,
    );
    await refused('seeds/countries.csv', 'code\nNL\n', /seeds: seeds are not read/);
    await refused('packages.yml', 'packages: []\n', /packages\.yml: dbt packages are not read/);
  });

  it('reads a test on a source as a check of the first model reading the source', async () => {
    await writeFile(
      join(dir, 'models/staging/sources.yml'),
      files['models/staging/sources.yml']!.replace(
        'meta: { voyager_asset: raw/shop_orders }\n',
        'meta: { voyager_asset: raw/shop_orders }\n        columns:\n          - name: id\n            data_tests:\n              - not_null\n',
      ),
    );
    try {
      const read = await readDbtProject(dir);
      expect(read.tests.find((t) => t.source)).toMatchObject({
        name: 'source_not_null_shop_orders_id',
        model: 'stg_orders',
        source: { source: 'shop', table: 'orders' },
        column: 'id',
      });
    } finally {
      await writeFile(join(dir, 'models/staging/sources.yml'), files['models/staging/sources.yml']!);
    }
  });
});

describe('renderTemplate (the built-in Jinja subset)', () => {
  const ctx = () => ({
    project,
    self: new Relation('core', 'fct_orders'),
    isIncremental: true,
    env: { REGION: 'eu' },
    targetSchema: 'public',
  });

  it('renders ref, source, this, config, is_incremental, var and env_var with keyword arguments', () => {
    const sql = renderTemplate(
      `{{ config(materialized='table') }}select '{{ env_var('REGION') }}', '{{ env_var('MISSING', default='x') }}', {{ var('min_amount') }}, {{ var('absent', default=7) }} from {{ ref('stg_orders') }}, {{ source('shop', 'orders') }}{% if is_incremental() %} where x > (select 1 from {{ this }}) and '{{ this.schema }}' = 'core'{% endif %}`,
      'models/x.sql',
      ctx(),
    );
    expect(sql).toBe(
      `select 'eu', 'x', 5, 7 from "public"."stg_orders", "raw"."shop_orders" where x > (select 1 from "core"."fct_orders") and 'core' = 'core'`,
    );
  });

  it('supports if/for/set with loop variables', () => {
    expect(
      renderTemplate(
        `{% set cols = ['a', 'b'] %}{% for c in cols %}{{ c }}{% if not loop.last %}, {% endif %}{% endfor %}`,
        'm.sql',
        ctx(),
      ),
    ).toBe('a, b');
  });

  it.each([
    ['{{ target.name }}', 2, '"target.name"'],
    ['{% macro m() %}x{% endmacro %}', 2, '{% macro %}'],
    ['{{ adapter.get_columns_in_relation(this) }}', 2, 'adapter.get_columns_in_relation()'],
    ['{{ dbt_utils.generate_surrogate_key(["a"]) }}', 2, 'dbt_utils.generate_surrogate_key()'],
    ['{{ run_query("select 1") }}', 2, 'run_query()'],
  ])('refuses %s with the file, the line and "install dbt-core"', (jinja, line, what) => {
    const text = `select 1\n${jinja}`;
    expect(() => renderTemplate(text, 'models/y.sql', ctx())).toThrow(UnsupportedJinjaError);
    expect(() => renderTemplate(text, 'models/y.sql', ctx())).toThrow(
      `models/y.sql:${line}: ${what}; the built-in runner does not support this: install dbt-core to run this model`,
    );
  });

  it("calls the project's macros (keyword arguments, one macro calling another, this and is_incremental inside)", () => {
    expect(project.macros.map((m) => [m.name, m.path, m.line])).toEqual([
      ['since_last', 'macros/helpers.sql', 2],
      ['cols', 'macros/helpers.sql', 3],
      ['select_cols', 'macros/helpers.sql', 4],
      ['target_name', 'macros/helpers.sql', 5],
    ]);
    const text = `{{ select_cols(['id', 'amount']) }} from {{ ref('stg_orders') }} as o {{ since_last('loaded_at') }}`;
    expect(renderTemplate(text, 'models/x.sql', ctx())).toBe(
      `select o.id, o.amount from "public"."stg_orders" as o where loaded_at > (select max(loaded_at) from "core"."fct_orders")`,
    );
    expect(renderTemplate(text, 'models/x.sql', { ...ctx(), isIncremental: false }).trim()).toBe(
      `select o.id, o.amount from "public"."stg_orders" as o`,
    );
  });

  it('refuses a macro outside the subset where a model calls it, naming the macro file and line', () => {
    expect(() => renderTemplate('select {{ target_name() }}', 'models/y.sql', ctx())).toThrow(
      'macros/helpers.sql:5: "target.name"; the built-in runner does not support this',
    );
    // dbt's generate_schema_name is the runner's own rule, not a macro to call
    expect(() => renderTemplate(`{{ generate_schema_name('x', none) }}`, 'models/y.sql', ctx())).toThrow(
      'models/y.sql:1: generate_schema_name()',
    );
  });

  it('names an unset var or env_var', () => {
    expect(() => renderTemplate(`{{ var('nope') }}`, 'm.sql', ctx())).toThrow(DbtProjectError);
    expect(() => renderTemplate(`{{ env_var('NOPE') }}`, 'm.sql', ctx())).toThrow(
      /env_var\('NOPE'\) is not set and has no default/,
    );
  });

  it("checks a value with dbt's modules.re.fullmatch and fails with exceptions.raise_compiler_error", () => {
    const check = `{% if not modules.re.fullmatch('[a-z]{2}', env_var('REGION')) %}{{ exceptions.raise_compiler_error('REGION must be two letters') }}{% endif %}select '{{ env_var('REGION') }}'`;
    expect(renderTemplate(check, 'm.sql', ctx())).toBe("select 'eu'");
    // the whole value must match, as Python's re.fullmatch
    const long = { ...ctx(), env: { REGION: 'eu-west' } };
    expect(() => renderTemplate(check, 'm.sql', long)).toThrow(DbtProjectError);
    expect(() => renderTemplate(check, 'm.sql', long)).toThrow('m.sql: REGION must be two letters');
  });
});

describe('loadDbtAssets on a ref cycle', () => {
  it('names the cycle, each model reading the next', async () => {
    const cyclic = await mkdtemp(join(tmpdir(), 'voyager-dbt-cycle-'));
    try {
      await mkdir(join(cyclic, 'models/core'), { recursive: true });
      await writeFile(join(cyclic, 'dbt_project.yml'), 'name: loop\n');
      await writeFile(join(cyclic, 'models/core/a_first.sql'), "select * from {{ ref('b_second') }}");
      await writeFile(join(cyclic, 'models/core/b_second.sql'), "select * from {{ ref('a_first') }}");
      await writeFile(join(cyclic, 'models/core/c_after.sql'), "select * from {{ ref('a_first') }}");
      await expect(loadDbtAssets({ projectDir: cyclic, upstream: [] })).rejects.toThrow(
        'cycle through refs and tests: a_first -> b_second -> a_first',
      );
    } finally {
      await rm(cyclic, { recursive: true, force: true });
    }
  });
});
