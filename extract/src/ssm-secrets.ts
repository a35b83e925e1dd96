import { GetParametersCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { extractImage } from './extract-image.js';

/**
 * Full SSM name of one of the extract image's declared secrets, by its environment name:
 * `<prefix>/<parameter>`, e.g. `/voyager/prod/strava/refresh_token`.
 * @throws Error when the image declares no such secret (a programming error).
 */
export function secretParameterName(prefix: string, env: string): string {
  const secret = extractImage.secrets?.find((s) => s.env === env);
  if (!secret) throw new Error(`the extract image declares no secret ${env}`);
  return `${prefix}/${secret.parameter}`;
}

/**
 * The values of the extract image's secrets `wanted` (environment names) that the environment
 * left unset, read from SSM in one `GetParameters` call (decrypted) below `prefix`; ECS injects
 * the non-rotating ones, so in AWS this usually reads nothing.
 *
 * @returns each secret's value by environment name (`fromEnv`'s when set), and `missing`: one line
 *   per parameter SSM does not hold (`SSM parameter <name>: is missing (VOYAGER_SSM_PREFIX=<prefix>)`).
 */
export async function readSecretParameters<K extends string>(
  ssm: Pick<SSMClient, 'send'>,
  prefix: string,
  fromEnv: Readonly<Record<K, string | undefined>>,
): Promise<{ readonly values: Record<K, string>; readonly missing: readonly string[] }> {
  const keys = Object.keys(fromEnv) as K[];
  const wanted = keys.filter((k) => !fromEnv[k]);
  const names = wanted.map((k) => secretParameterName(prefix, k));
  const out =
    names.length === 0
      ? { Parameters: [] }
      : await ssm.send(new GetParametersCommand({ Names: names, WithDecryption: true }));
  const value = (name: string) => out.Parameters?.find((p) => p.Name === name)?.Value;
  const missing = names
    .filter((n) => !value(n))
    .map((n) => `SSM parameter ${n}: is missing (VOYAGER_SSM_PREFIX=${prefix})`);
  const values = Object.fromEntries(
    keys.map((k) => [k, fromEnv[k] || value(secretParameterName(prefix, k)) || '']),
  ) as Record<K, string>;
  return { values, missing };
}
