import { describeGroups } from './groups.ts';
import type { SignedInUser } from './userPool.ts';

export function SignedInStatus({ user, signOut }: { user: SignedInUser; signOut(): void }) {
  return (
    <div className="explorer-user" aria-label="Signed-in user">
      <span>
        Signed in as <strong data-testid="signed-in-username">{user.username}</strong>
      </span>
      <span>
        Groups: <strong data-testid="signed-in-groups">{describeGroups(user.groups)}</strong>
      </span>
      <button type="button" onClick={signOut}>
        Sign out
      </button>
    </div>
  );
}
