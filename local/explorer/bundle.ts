// Where the explorer's browser bundle is built (scripts/buildExplorer.ts) and served from (serve.ts).
import { join } from 'node:path';
import { REPO_ROOT } from '../../system/artifacts.ts';

export const EXPLORER_SOURCE_ENTRY = join(REPO_ROOT, 'local', 'explorer', 'app', 'main.tsx');
export const EXPLORER_BUNDLE_DIR = join(REPO_ROOT, 'build', 'explorer');

/** The two files of the bundle, by the name they are built and served under. */
export const EXPLORER_ASSETS = {
  script: 'explorer.js',
  stylesheet: 'explorer.css',
} as const;
