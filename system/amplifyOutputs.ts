// amplify_outputs.json: the shape Amplify.configure() accepts, written by the local stack
// (local/outputs.ts) and from a deployed stack (infra/amplifyOutputs.ts). The local stack adds
// `custom.local` with every endpoint it runs and `custom.localTls` with the API's port over TLS,
// so the same clients work locally and against AWS.

export interface LocalEndpoints {
  graphqlUrl: string;
  /** `ws://…/graphql/realtime`: AppSync's real-time protocol on the API's port. */
  realtimeUrl: string;
  explorerUrl: string;
  cognitoEndpoint: string;
  userPoolId: string;
  userPoolClientId: string;
  apiKey: string;
  paymentProviderUrl: string;
  eventBusEndpoint: string;
  /** The local S3 (path-style; key pair S3RVER/S3RVER), holding the invoices bucket. */
  s3Endpoint: string;
  /** The local mailbox's web inbox (its REST API under /api): every email the system sends. */
  mailboxUrl: string;
  /** DynamoDB Local, holding every table (under its declared name). */
  dynamodbEndpoint: string;
  /** The local SNS holding the team's alert topics (GET /messages lists what was published). */
  snsEndpoint: string;
  /** Who the alert topics email locally (LOCAL_TEAM_EMAIL): their alerts are in the mailbox. */
  alertEmail: string;
  /**
   * The developer principal: a key pair with every local right (SigV4 for the bus, the API's IAM
   * mode, the services, DynamoDB Local), new with each state folder and kept in it.
   */
  credentials: { accessKeyId: string; secretAccessKey: string };
  region: string;
  demoUsers: { username: string; password: string; groups: string[] }[];
}

/** The API's port over TLS (`custom.localTls`), beside `custom.local`, whose keys are fixed. */
export interface LocalTls {
  /** `https://…/graphql`: the same port over TLS. */
  graphqlUrl: string;
  /** `wss://…/graphql/realtime`: what Amplify v6 derives from `data.url` (custom domain + `/realtime`, `http` → `wss`). */
  realtimeUrl: string;
  /** The TLS listener's self-signed certificate (PEM, public), new at each start: trust it explicitly. */
  certificatePem: string;
  /** The same PEM in a file (for NODE_EXTRA_CA_CERTS, curl --cacert …); null when none was written. */
  certificateFile: string | null;
}

export interface AmplifyOutputs {
  version: '1.3';
  auth: {
    aws_region: string;
    user_pool_id: string;
    user_pool_client_id: string;
    username_attributes: ['email'];
    standard_required_attributes: ['email'];
    user_verification_types: ['email'];
    groups: Record<string, { precedence: number }>[];
    password_policy: {
      min_length: number;
      require_lowercase: boolean;
      require_uppercase: boolean;
      require_numbers: boolean;
      require_symbols: boolean;
    };
  };
  data: {
    aws_region: string;
    url: string;
    api_key: string;
    default_authorization_type: 'AMAZON_COGNITO_USER_POOLS';
    authorization_types: ('API_KEY' | 'AWS_IAM')[];
  };
  custom: { local: LocalEndpoints; localTls: LocalTls };
}
