/**
 * Container entry point of the `dbt` image:
 * `node orchestration/dist/dbt/main.js materialize <key> --partition P --run-id R` (ECS,
 * DockerOperator and `voyager materialize --isolation process` run exactly this). Reads the dbt
 * project at `$VOYAGER_DBT_PROJECT_DIR` (default `<work dir>/transformation`); the sources'
 * Voyager assets stand in as external assets: this image runs dbt models only.
 */
import { resolve } from 'node:path';
import { externalAsset } from '../assets/external-asset.js';
import { voyagerSetting } from '../config/environment.js';
import { runAssetMain } from '../container/asset-main.js';
import { loadDbtAssets, sourceAssetKeys } from './dbt-assets.js';
import { readDbtProject } from './read-dbt-project.js';

const projectDir = resolve(voyagerSetting(process.env, 'VOYAGER_DBT_PROJECT_DIR'));
const upstream = sourceAssetKeys(await readDbtProject(projectDir)).map((key) => externalAsset(key));
const { assets } = await loadDbtAssets({ projectDir, upstream });

process.exitCode = await runAssetMain({ assets });
