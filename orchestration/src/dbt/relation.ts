import { escapeIdentifier as quoteIdent } from 'pg';
import { DbtProjectError } from './dbt-errors.js';
import type { DbtModel, DbtProject, DbtRelationRef } from './dbt-types.js';

/** A quoted Postgres identifier (`raw` -> `"raw"`, doubling embedded quotes): pg's own `escapeIdentifier`. */
export { quoteIdent };

/** A warehouse relation: what `ref()`, `source()` and `this` render to (`"schema"."identifier"`). */
export class Relation {
  constructor(
    readonly schema: string,
    readonly identifier: string,
  ) {}

  /** dbt's `this.name` / `this.table`. */
  get name(): string {
    return this.identifier;
  }

  get table(): string {
    return this.identifier;
  }

  toString(): string {
    return `${quoteIdent(this.schema)}.${quoteIdent(this.identifier)}`;
  }
}

/** The relation a model builds: its `schema` config as-is (else `targetSchema`), its `alias` or name. */
export function modelRelation(model: DbtModel, targetSchema: string): Relation {
  const alias = typeof model.config.alias === 'string' ? model.config.alias : model.name;
  return new Relation(model.schema ?? targetSchema, alias);
}

/** The relation of `ref()` / `source()` in a project. @throws DbtProjectError when it names nothing. */
export function resolveRelation(project: DbtProject, ref: DbtRelationRef, targetSchema: string): Relation {
  if (ref.kind === 'ref') {
    const model = project.models.get(ref.name);
    if (!model) throw new DbtProjectError(`ref('${ref.name}') names no model`);
    return modelRelation(model, targetSchema);
  }
  const table = project.sources.find((s) => s.sourceName === ref.source && s.name === ref.table);
  if (!table) throw new DbtProjectError(`source('${ref.source}', '${ref.table}') is not declared`);
  return new Relation(table.schema, table.identifier);
}
