import { z } from 'zod';

/** One package's environment schema, for {@link environmentTable}. */
export interface EnvironmentSection {
  /** The package that reads the variables, e.g. `@voyager/load`. */
  readonly package: string;
  /** Its zod object schema; each variable carries `.meta({ description, unset? })`. */
  readonly schema: z.ZodObject;
}

interface VariableDoc {
  readonly description?: string;
  readonly unset?: string;
  readonly default?: unknown;
  readonly enum?: readonly unknown[];
}

const cell = (text: string): string => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

/**
 * The README's configuration table, generated from the packages' environment schemas: one row per
 * variable (`| variable | read by | default | meaning |`), in the order given. The default is the
 * schema's `.default()`, else the variable's `meta.unset` text, else "unset"; an enum lists its
 * values unless the description names them all.
 *
 * @throws Error naming a variable without a `meta({ description })`.
 */
export function environmentTable(sections: readonly EnvironmentSection[]): string {
  const rows = ['| variable | read by | default | meaning |', '|---|---|---|---|'];
  for (const section of sections) {
    const json = z.toJSONSchema(section.schema, { io: 'input', unrepresentable: 'any' }) as {
      properties?: Record<string, VariableDoc>;
    };
    for (const [name, doc] of Object.entries(json.properties ?? {})) {
      if (!doc.description) throw new Error(`${section.package}: ${name} has no meta({ description })`);
      const fallback = doc.default !== undefined ? `\`${String(doc.default)}\`` : (doc.unset ?? 'unset');
      const values = (doc.enum ?? []).map((v) => `\`${String(v)}\``);
      const named = values.every((v) => doc.description!.includes(v));
      const meaning =
        values.length > 0 && !named ? `${doc.description} One of ${values.join(', ')}.` : doc.description;
      rows.push(`| \`${name}\` | \`${section.package}\` | ${cell(fallback)} | ${cell(meaning)} |`);
    }
  }
  return `${rows.join('\n')}\n`;
}
