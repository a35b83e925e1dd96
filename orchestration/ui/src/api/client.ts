import type { z } from 'zod';
import { ApiError } from '@voyager/orchestration/ui-api';

/** An API answer that was not 2xx: its one-line `error` and the HTTP status. */
export class ApiRequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

/**
 * Fetches `/api<path>` and parses the JSON with `schema` (the server's own zod schema), so a
 * contract change fails loudly here instead of rendering garbage. A 401 goes to the sign-in page.
 * @throws ApiRequestError with the server's one-line error.
 */
export async function apiFetch<S extends z.ZodType>(
  path: string,
  schema: S,
  init?: RequestInit,
): Promise<z.infer<S>> {
  const res = await fetch(`/api${path}`, {
    ...init,
    headers: { accept: 'application/json', ...(init?.body ? { 'content-type': 'application/json' } : {}) },
  });
  const body: unknown = await res.json().catch(() => ({ error: `${res.status} ${res.statusText}` }));
  if (res.status === 401) window.location.assign('/signin');
  if (!res.ok) {
    const parsed = ApiError.safeParse(body);
    throw new ApiRequestError(
      parsed.success ? parsed.data.error : `${res.status} ${res.statusText}`,
      res.status,
    );
  }
  return schema.parse(body);
}

/** An asset key as one URL path segment. */
export const keyPath = (key: string): string => encodeURIComponent(key);
