// Signing in to the stack's Cognito user pool from the browser, as an AWS web client does:
// USER_PASSWORD_AUTH through amazon-cognito-identity-js, with the session kept in localStorage.
import { AuthenticationDetails, CognitoUser, CognitoUserPool, type CognitoUserSession } from 'amazon-cognito-identity-js';
import type { ExplorerConfig } from '../config.ts';

export interface SignedInUser {
  username: string;
  /** `cognito:groups` of the ID token; empty for a customer. */
  groups: string[];
}

export interface UserPoolSignIn {
  signIn(username: string, password: string): Promise<SignedInUser>;
  /** The session a previous visit left in localStorage, refreshed if needed. */
  restore(): Promise<SignedInUser | null>;
  /** A valid ID token of the signed-in user (refreshed when it has expired). */
  idToken(): Promise<string>;
  signOut(): void;
}

/** Signing in failed; the message says why in Cognito's words. */
export class SignInError extends Error {
  override name = 'SignInError';
}

type PoolSettings = Pick<ExplorerConfig, 'userPoolId' | 'userPoolClientId' | 'cognitoEndpoint'>;

export function createUserPoolSignIn(settings: PoolSettings): UserPoolSignIn {
  let pool: CognitoUserPool | undefined;
  // Created on first use: the constructor throws on a malformed pool id, which should reach the
  // sign-in form as a message instead of breaking the page.
  const userPool = (): CognitoUserPool => {
    if (!settings.userPoolId || !settings.userPoolClientId) {
      throw new SignInError('This stack has no Cognito user pool configured: only API-key mode is available.');
    }
    pool ??= new CognitoUserPool({
      UserPoolId: settings.userPoolId,
      ClientId: settings.userPoolClientId,
      endpoint: settings.cognitoEndpoint,
    });
    return pool;
  };

  const currentSession = (): Promise<CognitoUserSession | null> => {
    const user = userPool().getCurrentUser();
    if (!user) return Promise.resolve(null);
    return new Promise((resolve, reject) => {
      user.getSession((error: Error | null, session: CognitoUserSession | null) => {
        if (error) reject(toSignInError(error));
        else resolve(session);
      });
    });
  };

  return {
    signIn: (username, password) =>
      new Promise((resolve, reject) => {
        const user = new CognitoUser({ Username: username, Pool: userPool() });
        user.setAuthenticationFlowType('USER_PASSWORD_AUTH');
        user.authenticateUser(new AuthenticationDetails({ Username: username, Password: password }), {
          onSuccess: (session) => resolve(signedInUser(session)),
          onFailure: (error: unknown) => reject(toSignInError(error)),
          newPasswordRequired: () =>
            reject(
              new SignInError(
                'This user must set a new password first (status FORCE_CHANGE_PASSWORD); the explorer does not do that.',
              ),
            ),
          mfaRequired: () => reject(new SignInError('This user needs MFA, which the explorer does not support.')),
          totpRequired: () => reject(new SignInError('This user needs MFA, which the explorer does not support.')),
          customChallenge: () =>
            reject(new SignInError('This pool asks for a custom challenge, which the explorer does not support.')),
        });
      }),
    restore: async () => {
      const session = await currentSession();
      return session?.isValid() ? signedInUser(session) : null;
    },
    idToken: async () => {
      const session = await currentSession();
      if (!session) throw new SignInError('Not signed in.');
      return session.getIdToken().getJwtToken();
    },
    signOut: () => userPool().getCurrentUser()?.signOut(),
  };
}

function signedInUser(session: CognitoUserSession): SignedInUser {
  const claims = session.getIdToken().decodePayload();
  const groups: unknown = claims['cognito:groups'];
  return {
    username: String(claims['cognito:username'] ?? claims['sub'] ?? ''),
    groups: Array.isArray(groups) ? groups.map(String) : [],
  };
}

function toSignInError(error: unknown): SignInError {
  if (error instanceof SignInError) return error;
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  const text = typeof message === 'string' && message ? message : String(error);
  return new SignInError(typeof code === 'string' && code ? `${code}: ${text}` : text);
}
