/** A Fargate task size: `cpu` in CPU units (1024 = 1 vCPU), `memoryMiB` in MiB. */
export interface FargateSize {
  readonly cpu: number;
  readonly memoryMiB: number;
}

/** Fargate's valid combinations: per CPU size, memory from `min` to `max` in steps of `step` (MiB). */
const FARGATE: readonly { cpu: number; min: number; max: number; step: number }[] = [
  { cpu: 256, min: 512, max: 2048, step: 512 },
  { cpu: 512, min: 1024, max: 4096, step: 1024 },
  { cpu: 1024, min: 2048, max: 8192, step: 1024 },
  { cpu: 2048, min: 4096, max: 16384, step: 1024 },
  { cpu: 4096, min: 8192, max: 30720, step: 1024 },
  { cpu: 8192, min: 16384, max: 61440, step: 4096 },
  { cpu: 16384, min: 32768, max: 122880, step: 8192 },
];

/**
 * The smallest valid Fargate size that gives at least the requested cpu and memory
 * (Fargate rejects other combinations, e.g. 256 cpu with 4096 MiB becomes 512 / 4096).
 *
 * ### Examples
 * ```ts
 * fargateSize({ cpu: 300, memoryMiB: 600 }); // { cpu: 512, memoryMiB: 1024 }
 * ```
 *
 * @throws RangeError when the request exceeds 16 vCPU / 120 GiB or is not positive.
 */
export function fargateSize(requested: FargateSize): FargateSize {
  if (!(requested.cpu > 0) || !(requested.memoryMiB > 0)) {
    throw new RangeError(`Fargate size needs positive cpu and memory, got ${JSON.stringify(requested)}`);
  }
  for (const row of FARGATE) {
    if (row.cpu < requested.cpu || row.max < requested.memoryMiB) continue;
    const wanted = Math.max(requested.memoryMiB, row.min);
    const memoryMiB = row.min + Math.ceil((wanted - row.min) / row.step) * row.step;
    return { cpu: row.cpu, memoryMiB };
  }
  throw new RangeError(`no Fargate size fits cpu ${requested.cpu} / memory ${requested.memoryMiB} MiB`);
}
