// `npm run reset`: forgets the local stack's state — tables, users, objects, emails, keys, the
// developer's key pair — so that the next `npm start` begins with the demo data alone. What a
// crashed run left running is stopped first; a stack still running is not touched (stop it first).
import { join } from 'node:path';
import { REPO_ROOT } from '../system/artifacts.ts';
import { resetLocalState } from './localState.ts';

const stateDir = process.env.LOCAL_STATE_DIR ?? join(REPO_ROOT, '.local-state');
try {
  const removed = await resetLocalState(stateDir, (line) => console.log(line));
  console.log(
    removed
      ? `Removed ${stateDir}: the next \`npm start\` begins afresh, with the demo data alone.`
      : `Nothing to reset: ${stateDir} does not exist.`,
  );
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
