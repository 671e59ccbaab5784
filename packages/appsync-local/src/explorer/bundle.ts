// Where the explorer's browser bundle is built (scripts/buildExplorer.ts) and served from (serve.ts).
import { fileURLToPath } from 'node:url';

export const EXPLORER_SOURCE_ENTRY = fileURLToPath(new URL('./app/main.tsx', import.meta.url));
export const EXPLORER_BUNDLE_DIR = fileURLToPath(new URL('../../build/explorer', import.meta.url));

/** The two files of the bundle, by the name they are built and served under. */
export const EXPLORER_ASSETS = {
  script: 'explorer.js',
  stylesheet: 'explorer.css',
} as const;
