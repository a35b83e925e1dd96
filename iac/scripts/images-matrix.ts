/**
 * Prints the images of the code location as a GitHub Actions matrix (JSON, one line):
 * `[{"name":"extract","dockerfile":"extract/Dockerfile"}, ...]`, so images.yml builds every image
 * the asset graph declares, the new ones included.
 */
import definitions from '../../definitions.js';

const images = [...definitions.images]
  .sort((a, b) => a.name.localeCompare(b.name))
  .map((i) => ({ name: i.name, dockerfile: i.dockerfile }));
process.stdout.write(`${JSON.stringify(images)}\n`);
