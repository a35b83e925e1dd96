import type { AssetDefinition } from '@voyager/orchestration';

/**
 * The staging and marts assets the given marts need, themselves included, in the order of `dbt`
 * (loadDbtAssets' topological order): what a test runs one by one to build a few marts without the
 * rest of the project. Throws for a mart key that is not among `dbt`.
 */
export function modelsFor(dbt: readonly AssetDefinition[], martKeys: readonly string[]): AssetDefinition[] {
  const wanted = new Set<string>();
  const need = (a: AssetDefinition): void => {
    if (wanted.has(a.key) || (!a.key.startsWith('staging/') && !a.key.startsWith('marts/'))) return;
    wanted.add(a.key);
    a.deps.forEach(need);
  };
  for (const key of martKeys) {
    const mart = dbt.find((a) => a.key === key);
    if (mart === undefined) throw new Error(`no dbt asset ${key}`);
    need(mart);
  }
  return dbt.filter((a) => wanted.has(a.key));
}
