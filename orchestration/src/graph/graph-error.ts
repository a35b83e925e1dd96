/** Thrown when the asset graph is invalid or a selection cannot be resolved. Names the assets involved. */
export class GraphError extends Error {
  constructor(
    message: string,
    readonly assetKeys: readonly string[],
  ) {
    super(message);
    this.name = 'GraphError';
  }
}
