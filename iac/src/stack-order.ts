/** The part of `cdktf.out/manifest.json` that {@link stackOrder} reads. */
export interface CdktfManifest {
  readonly stacks: Readonly<
    Record<string, { readonly name: string; readonly dependencies: readonly string[] }>
  >;
}

/**
 * Stack names in an order that applies every stack after the stacks it depends on (a stable
 * topological sort of the manifest), optionally only those whose name ends with `-<env>`.
 *
 * @throws Error when the dependencies form a cycle or name an unknown stack.
 */
export function stackOrder(manifest: CdktfManifest, env?: string): readonly string[] {
  const stacks = Object.values(manifest.stacks);
  const known = new Set(stacks.map((s) => s.name));
  const done = new Set<string>();
  const order: string[] = [];
  while (order.length < stacks.length) {
    const next = stacks.find((s) => !done.has(s.name) && s.dependencies.every((d) => done.has(d)));
    if (!next) {
      const stuck = stacks.filter((s) => !done.has(s.name));
      const unknown = stuck.flatMap((s) => s.dependencies.filter((d) => !known.has(d)));
      throw new Error(
        unknown.length > 0
          ? `stack dependencies name unknown stacks: ${unknown.join(', ')}`
          : `stack dependencies form a cycle among: ${stuck.map((s) => s.name).join(', ')}`,
      );
    }
    done.add(next.name);
    order.push(next.name);
  }
  return env ? order.filter((n) => n.endsWith(`-${env}`)) : order;
}
