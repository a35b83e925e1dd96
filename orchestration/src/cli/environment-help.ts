import type { ImageDefinition } from '../assets/image.js';
import { VoyagerEnvironment } from '../config/environment.js';

/** The core variables `--help` names (the README table has them all). */
const CORE: readonly (keyof typeof VoyagerEnvironment.shape)[] = [
  'VOYAGER_DATABASE_URL',
  'VOYAGER_LANDING_URL',
  'VOYAGER_HOME',
  'VOYAGER_LOG_LEVEL',
  'VOYAGER_DBT_RUNNER',
];

const WIDTH = 26;
const row = (name: string, text: string): string =>
  name.length < WIDTH - 2 ? `  ${name.padEnd(WIDTH - 2)}${text}` : `  ${name}\n${' '.repeat(WIDTH)}${text}`;

/**
 * The `Environment` section of `voyager --help`: the core variables (from
 * {@link VoyagerEnvironment}'s descriptions), then what each image of the code location declares,
 * its forwarded prefixes (`ImageDefinition.envPrefixes`) and its secrets
 * (`ImageDefinition.secrets`). The core never names a source: a source's variables appear because
 * its image declares them. `images` undefined: definitions.ts did not load, and the help says so.
 */
export function environmentHelp(images: readonly ImageDefinition[] | undefined): string {
  const lines = ['Environment (every variable: README "Configuration"):'];
  for (const name of CORE) {
    const description = VoyagerEnvironment.shape[name].meta()?.description ?? '';
    lines.push(row(name, description.replaceAll('`', '')));
  }
  if (images === undefined) {
    lines.push("  (the images' variables are listed when definitions.ts loads)");
    return lines.join('\n');
  }
  for (const image of images) {
    const prefixes = image.envPrefixes ?? [];
    const secrets = image.secrets ?? [];
    if (prefixes.length === 0 && secrets.length === 0) continue;
    lines.push(`image ${image.name}:`);
    if (prefixes.length > 0)
      lines.push(row(prefixes.map((p) => `${p}*`).join(', '), 'forwarded to its containers'));
    for (const s of secrets)
      lines.push(row(s.env, `${s.description} (secret; SSM /voyager/<env>/${s.parameter})`));
  }
  return lines.join('\n');
}
