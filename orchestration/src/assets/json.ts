/** A JSON value: what crosses the Airflow -> ECS boundary and what metadata may hold. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Metadata of a materialization or check result (stored as jsonb in `voyager.asset_events`). */
export type Metadata = Record<string, JsonValue>;

/** Whether `value` is a JSON object (not an array, not null), e.g. a parsed YAML mapping. */
export function isJsonObject(value: unknown): value is Record<string, JsonValue> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
