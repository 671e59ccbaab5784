// What the explorer page needs to know about the stack it runs on. The server sends it as
// /explorer-config.json; the browser app reads it before it renders.

export interface ExplorerDemoUser {
  username: string;
  password: string;
  groups: string[];
}

export interface ExplorerConfig {
  /** The GraphQL endpoint the explorer POSTs to. */
  graphqlUrl: string;
  /** AppSync's real-time (WebSocket) endpoint, for subscriptions. */
  realtimeUrl: string;
  /** Sent as `x-api-key` in API-key mode. */
  apiKey: string;
  region: string;
  userPoolId: string;
  userPoolClientId: string;
  /** Where the browser sends Cognito's InitiateAuth calls (cognito-local locally). */
  cognitoEndpoint: string;
  /** Offered in the sign-in form's dropdown. */
  demoUsers: ExplorerDemoUser[];
}

export const EXPLORER_CONFIG_PATH = '/explorer-config.json';
