/**
 * Prints the images of the code location as a GitHub Actions matrix (JSON, one line):
 * `[{"name":"extract","dockerfile":"docker/node-package.Dockerfile","package":"extract"}, ...]`,
 * so images.yml builds every image the asset graph declares, the new ones included. `package` is
 * the folder of the image's entry script (`node extract/dist/main.js` -> `extract`), passed as the
 * build argument PACKAGE (the shared Node Dockerfile builds that workspace; others ignore it).
 */
import definitions from '../../definitions.js';
import { imageBuildMatrix } from '../src/config/image-build.js';

process.stdout.write(`${JSON.stringify(imageBuildMatrix(definitions.images))}\n`);
