/** A JSON value: what crosses the Airflow -> ECS boundary and what metadata may hold. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Metadata of a materialization or check result (stored as jsonb in `voyager.asset_events`). */
export type Metadata = Record<string, JsonValue>;
