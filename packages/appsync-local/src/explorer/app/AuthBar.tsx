import type { ExplorerConfig } from '../config.ts';
import { type AuthMode, AuthModeSwitch } from './AuthModeSwitch.tsx';
import { SignedInStatus } from './SignedInStatus.tsx';
import { SignInForm } from './SignInForm.tsx';
import type { SignedInUser } from './userPool.ts';

interface AuthBarProps {
  config: ExplorerConfig;
  mode: AuthMode;
  user: SignedInUser | null;
  onModeChange(mode: AuthMode): void;
  signIn(username: string, password: string): Promise<void>;
  signOut(): void;
}

export function AuthBar({ config, mode, user, onModeChange, signIn, signOut }: AuthBarProps) {
  return (
    <header className="explorer-bar">
      <div className="explorer-title">
        <h1>GraphQL explorer</h1>
        <span>
          POST <code data-testid="graphql-url">{config.graphqlUrl}</code>
        </span>
      </div>
      <AuthModeSwitch mode={mode} signedIn={user !== null} onChange={onModeChange} />
      <p className="explorer-sent" data-testid="auth-header">
        {mode === 'apiKey' ? (
          <>
            Header <code>x-api-key: {config.apiKey}</code> (a guest: catalog reads only)
          </>
        ) : (
          <>
            Header <code>Authorization</code>: the ID token of {user?.username ?? 'nobody'}
          </>
        )}
      </p>
      {user ? <SignedInStatus user={user} signOut={signOut} /> : <SignInForm demoUsers={config.demoUsers} signIn={signIn} />}
    </header>
  );
}
