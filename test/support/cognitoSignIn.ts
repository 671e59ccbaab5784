// Signs in as a browser app does: amazon-cognito-identity-js with USER_PASSWORD_AUTH.
import { AuthenticationDetails, CognitoUser, CognitoUserPool, type CognitoUserSession } from 'amazon-cognito-identity-js';
import type { LocalEndpoints } from '../../local/outputs.ts';

export function signIn(local: LocalEndpoints, username: string, password: string): Promise<CognitoUserSession> {
  const pool = new CognitoUserPool({
    UserPoolId: local.userPoolId,
    ClientId: local.userPoolClientId,
    endpoint: local.cognitoEndpoint,
  });
  const user = new CognitoUser({ Username: username, Pool: pool });
  user.setAuthenticationFlowType('USER_PASSWORD_AUTH');
  return new Promise((done, fail) => {
    user.authenticateUser(new AuthenticationDetails({ Username: username, Password: password }), {
      onSuccess: done,
      onFailure: fail,
    });
  });
}

export async function idTokenOf(local: LocalEndpoints, kind: 'customer' | 'admin' | 'warehouse' | 'delivery'): Promise<string> {
  const user = local.demoUsers.find((u) => u.username.startsWith(`${kind}@`));
  if (!user) throw new Error(`no demo ${kind}`);
  return (await signIn(local, user.username, user.password)).getIdToken().getJwtToken();
}
