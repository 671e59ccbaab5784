export type AuthMode = 'apiKey' | 'userPool';

interface AuthModeSwitchProps {
  mode: AuthMode;
  /** Signed-in mode needs a signed-in user. */
  signedIn: boolean;
  onChange(mode: AuthMode): void;
}

export function AuthModeSwitch({ mode, signedIn, onChange }: AuthModeSwitchProps) {
  return (
    <fieldset className="explorer-mode">
      <legend>Send requests as</legend>
      <label>
        <input type="radio" name="auth-mode" value="apiKey" checked={mode === 'apiKey'} onChange={() => onChange('apiKey')} />
        API key
      </label>
      <label title={signedIn ? undefined : 'Sign in first'}>
        <input
          type="radio"
          name="auth-mode"
          value="userPool"
          checked={mode === 'userPool'}
          disabled={!signedIn}
          onChange={() => onChange('userPool')}
        />
        Signed in
      </label>
    </fieldset>
  );
}
