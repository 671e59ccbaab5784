// How many items one page of a list query holds: the resolvers apply it, and the API's resolver
// count limit (system/api.ts) is sized from it.
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
