/**
 * Graph benchmark (issue 13 point 5): validating and compiling a generated 20,000-asset graph to
 * Airflow DAGs, against the same work on 2,000 assets measured in the same run. An O(n log n)
 * compile keeps `per-asset ratio` (20 k time per asset / 2 k time per asset) near 1; the old
 * quadratic ordering made it ~10. Target: the 20 k compile under 2 s. Called by `bench/run.ts`.
 */
import { compileDags, generatedDefinitions } from '@voyager/orchestration/testing';

const LARGE = 20_000;
const BASELINE = 2_000;

/** Milliseconds to build the definitions (graph validation) and to compile them, best of `runs`. */
function measure(assets: number, runs: number): { validateMs: number; compileMs: number } {
  let validateMs = Infinity;
  let compileMs = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const defs = generatedDefinitions({ assets });
    const t1 = performance.now();
    compileDags(defs, { airflow: 3, target: 'ecs' });
    const t2 = performance.now();
    validateMs = Math.min(validateMs, t1 - t0);
    compileMs = Math.min(compileMs, t2 - t1);
  }
  return { validateMs, compileMs };
}

/** Runs the graph benchmark: figures for `--json` and lines for people. */
export function runGraphBench(): { figures: Record<string, number>; lines: string[] } {
  measure(BASELINE, 1); // warm-up: JIT and module loading
  const base = measure(BASELINE, 3);
  const large = measure(LARGE, 2);
  const perAsset = (ms: number, n: number): number => ms / n;
  const validateRatio = perAsset(large.validateMs, LARGE) / perAsset(base.validateMs, BASELINE);
  const compileRatio = perAsset(large.compileMs, LARGE) / perAsset(base.compileMs, BASELINE);
  const figures = {
    validate_20k_ms: Math.round(large.validateMs),
    compile_20k_ms: Math.round(large.compileMs),
    validate_2k_ms: Math.round(base.validateMs),
    compile_2k_ms: Math.round(base.compileMs),
    validate_per_asset_ratio: Number(validateRatio.toFixed(2)),
    compile_per_asset_ratio: Number(compileRatio.toFixed(2)),
  };
  const lines = [
    `validate ${LARGE} assets: ${figures.validate_20k_ms} ms (${BASELINE}: ${figures.validate_2k_ms} ms; per-asset ratio ${figures.validate_per_asset_ratio})`,
    `compile  ${LARGE} assets: ${figures.compile_20k_ms} ms (${BASELINE}: ${figures.compile_2k_ms} ms; per-asset ratio ${figures.compile_per_asset_ratio}; target < 2000 ms)`,
  ];
  return { figures, lines };
}
