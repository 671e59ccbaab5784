/** The explorer's bundle is missing: it has not been built. */
export class ExplorerNotBuiltError extends Error {
  override name = 'ExplorerNotBuiltError';
}
