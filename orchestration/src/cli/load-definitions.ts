import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Definitions } from '../assets/definitions.js';

/** Thrown when no code location can be found or it does not export definitions. */
export class CodeLocationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CodeLocationError';
  }
}

/** The folder holding `definitions.ts`: `start` or its nearest parent. @throws CodeLocationError */
export function findProjectDir(start: string): string {
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'definitions.ts'))) return dir;
    if (dirname(dir) === dir) {
      throw new CodeLocationError(`no definitions.ts in ${resolve(start)} or any parent folder`);
    }
  }
}

/**
 * Imports `<projectDir>/definitions.ts` (through tsx, which the `voyager` launcher registers) and
 * returns its default export. @throws CodeLocationError when the default export is not `definitions({...})`.
 */
export async function loadDefinitions(projectDir: string): Promise<Definitions> {
  const file = join(projectDir, 'definitions.ts');
  const mod = (await import(pathToFileURL(file).href)) as { default?: Partial<Definitions> };
  const defs = mod.default;
  if (defs === undefined || defs.graph === undefined || typeof defs.imageOf !== 'function') {
    throw new CodeLocationError(`${file} must \`export default definitions({ assets, images, ... })\``);
  }
  return defs as Definitions;
}
