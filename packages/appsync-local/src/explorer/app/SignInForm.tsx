import { type FormEvent, useState } from 'react';
import type { ExplorerDemoUser } from '../config.ts';
import { describeGroups } from './groups.ts';

interface SignInFormProps {
  demoUsers: readonly ExplorerDemoUser[];
  /** Rejects with the reason to show. */
  signIn(username: string, password: string): Promise<void>;
}

export function SignInForm({ demoUsers, signIn }: SignInFormProps) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const chosenDemoUser = demoUsers.find((u) => u.username === username && u.password === password)?.username ?? '';

  const chooseDemoUser = (name: string): void => {
    const user = demoUsers.find((u) => u.username === name);
    setUsername(user?.username ?? '');
    setPassword(user?.password ?? '');
  };

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    setPending(true);
    setError(null);
    signIn(username.trim(), password)
      .catch((reason: unknown) => setError(reason instanceof Error ? reason.message : String(reason)))
      .finally(() => setPending(false));
  };

  return (
    <form className="explorer-sign-in" aria-label="Sign in to the user pool" onSubmit={submit}>
      {demoUsers.length > 0 && (
        <label>
          Demo user
          <select aria-label="Demo user" value={chosenDemoUser} onChange={(e) => chooseDemoUser(e.target.value)}>
            <option value="">(fill in a demo user)</option>
            {demoUsers.map((u) => (
              <option key={u.username} value={u.username}>
                {u.username}: groups {describeGroups(u.groups)}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        Username
        <input name="username" autoComplete="username" required value={username} onChange={(e) => setUsername(e.target.value)} />
      </label>
      <label>
        Password
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      <button type="submit" disabled={pending}>
        {pending ? 'Signing in…' : 'Sign in'}
      </button>
      {error && (
        <p className="explorer-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
