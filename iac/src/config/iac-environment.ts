import { z } from 'zod';

/** Default repository when neither variable is set (local synth): change it to your fork. */
export const DEFAULT_GITHUB_REPOSITORY = 'voyager-data/voyager';

/**
 * The process environment variables `iac/main.ts` reads (read with `readEnvironment`; the README's
 * configuration table is generated from the descriptions). All optional.
 */
export const IacEnvironment = z.object({
  VOYAGER_GITHUB_REPOSITORY: z
    .string()
    .regex(/^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/, 'is not owner/repo')
    .optional()
    .meta({
      description: `\`owner/repo\` whose GitHub Actions may assume the deploy roles (iac); default \`GITHUB_REPOSITORY\`, else \`${DEFAULT_GITHUB_REPOSITORY}\`.`,
    }),
  GITHUB_REPOSITORY: z
    .string()
    .regex(/^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/, 'is not owner/repo')
    .optional()
    .meta({
      description:
        'Set by GitHub Actions: the repository iac trusts when `VOYAGER_GITHUB_REPOSITORY` is unset.',
    }),
  VOYAGER_IMAGE_TAG: z
    .string()
    .regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/, 'is not a Docker image tag')
    .optional()
    .meta({
      description:
        'Image tag of every ECS task definition (the commit SHA CI pushed); default `latest` (iac).',
    }),
  VOYAGER_MWAA: z.enum(['true', 'false']).default('false').meta({
    description:
      '`true` adds the MWAA environment (and a NAT for its private subnets) to the synthesized stacks (iac).',
  }),
  CDKTF_OUTDIR: z.string().optional().meta({
    description: 'Where `npm run synth` writes `cdk.tf.json` per stack; default `iac/cdktf.out` (iac).',
  }),
});
export type IacEnvironment = z.infer<typeof IacEnvironment>;
