import { voyagerSetting } from '../config/environment.js';
import type { ObjectStore } from './object-store.js';
import { LocalObjectStore } from './local-object-store.js';
import { S3ObjectStore } from './s3-object-store.js';

/**
 * Opens the landing zone named by a URL: `s3://bucket/prefix` (endpoint from
 * `VOYAGER_S3_ENDPOINT` when set, region from `AWS_REGION`) or a local folder path (`file://` accepted).
 */
export function openObjectStore(
  url: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): ObjectStore {
  if (url.startsWith('s3://')) {
    const endpoint = voyagerSetting(env, 'VOYAGER_S3_ENDPOINT');
    const region = voyagerSetting(env, 'AWS_REGION');
    return new S3ObjectStore(url, { ...(endpoint ? { endpoint } : {}), ...(region ? { region } : {}) });
  }
  if (url.startsWith('file://')) return new LocalObjectStore(new URL(url).pathname);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
    throw new Error(`VOYAGER_LANDING_URL "${url}" must be s3://bucket/prefix or a local folder`);
  }
  return new LocalObjectStore(url);
}
