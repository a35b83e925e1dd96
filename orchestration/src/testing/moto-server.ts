import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from './free-port.js';
import { requirePythonTool } from './python-tools.js';

/** A running moto server (AWS API emulator) on 127.0.0.1. */
export interface MotoServer {
  /** `http://127.0.0.1:<port>`: the endpoint of every emulated service (S3, SSM, ECS, logs...). */
  readonly endpoint: string;
  readonly port: number;
  /** Credentials moto accepts (any are accepted; these are fixed so tests need no AWS profile). */
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  readonly region: string;
  /**
   * Client config for an AWS SDK v3 client against this server: endpoint, region, credentials,
   * path-style S3 and checksums only when required (moto, like other emulators, does not
   * implement every flexible checksum the SDK sends by default).
   */
  readonly clientConfig: {
    readonly endpoint: string;
    readonly region: string;
    readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
    readonly forcePathStyle: true;
    readonly requestChecksumCalculation: 'WHEN_REQUIRED';
    readonly responseChecksumValidation: 'WHEN_REQUIRED';
  };
  /**
   * Environment for a child process (the `voyager` CLI, a container command) that should reach
   * this server through the AWS SDK's own settings: `AWS_ENDPOINT_URL`, region and credentials.
   */
  readonly env: Readonly<Record<string, string>>;
  /** Forgets every emulated resource (moto's `POST /moto-api/reset`). */
  reset(): Promise<void>;
  /** Stops the server (SIGTERM, then SIGKILL after 5 s). Safe to call twice. */
  stop(): Promise<void>;
}

/** Options of {@link startMotoServer}. */
export interface MotoServerOptions {
  /** Path of `moto_server`; default the project's `.tools/aws/bin/moto_server`. */
  readonly executable?: string;
  /** Longest wait for the server to answer, in ms; default 30,000. */
  readonly startTimeoutMs?: number;
}

/**
 * The project's moto server, or why a test must skip: `requirePythonTool('aws', 'moto_server')`
 * (in CI a missing tool throws instead of skipping).
 */
export function requireMotoServer(): {
  readonly path: string | undefined;
  readonly skipReason: string | undefined;
} {
  return requirePythonTool('aws', 'moto_server');
}

async function answers(endpoint: string): Promise<boolean> {
  try {
    const res = await fetch(`${endpoint}/moto-api/data.json`, { signal: AbortSignal.timeout(1_000) });
    await res.arrayBuffer();
    return res.ok;
  } catch {
    return false;
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Starts moto's server (https://docs.getmoto.org/en/latest/docs/server_mode.html) on 127.0.0.1
 * and a free port, and resolves once it answers `GET /moto-api/data.json`. Every AWS service moto
 * emulates is served on that one endpoint.
 *
 * ```ts
 * const moto = requireMotoServer();
 * describe.skipIf(!moto.path)(`on moto ${moto.skipReason ?? ''}`, () => {
 *   let server: MotoServer;
 *   beforeAll(async () => (server = await startMotoServer({ executable: moto.path })));
 *   afterAll(() => server.stop());
 * });
 * ```
 * @throws Error when the executable is missing, exits early, or does not answer within `startTimeoutMs`
 *   (the message carries the end of its output).
 */
export async function startMotoServer(options: MotoServerOptions = {}): Promise<MotoServer> {
  const executable = options.executable ?? requireMotoServer().path;
  if (!executable) throw new Error('moto_server is not installed (run npm run setup:python)');
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const child = spawn(executable, ['-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'pipe', 'pipe'],
    // moto must not pick up real AWS settings of the developer's shell
    env: { ...process.env, AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing' },
  });
  let output = '';
  const keep = (d: Buffer) => (output = (output + d.toString()).slice(-4_000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const deadline = Date.now() + (options.startTimeoutMs ?? 30_000);
  while (!(await answers(endpoint))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stopChild(child);
      throw new Error(`moto_server did not start on ${endpoint}: ${output.trim().slice(-1_000)}`);
    }
    await sleep(100);
  }
  // not frozen: the AWS SDK annotates the credentials object it is given
  const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' };
  const region = 'us-east-1';
  return Object.freeze({
    endpoint,
    port,
    credentials,
    region,
    clientConfig: {
      endpoint,
      region,
      credentials,
      forcePathStyle: true as const,
      requestChecksumCalculation: 'WHEN_REQUIRED' as const,
      responseChecksumValidation: 'WHEN_REQUIRED' as const,
    },
    env: Object.freeze({
      AWS_ENDPOINT_URL: endpoint,
      AWS_REGION: region,
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
      AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
    }),
    async reset() {
      const res = await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`moto reset answered ${res.status}`);
    },
    stop: () => stopChild(child),
  });
}
