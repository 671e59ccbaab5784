// What a user pool is declared as, and what provisioning it gives back.

export interface UserSpec {
  username: string;
  password: string;
  email: string;
  groups: string[];
}

export interface UserPoolSpec {
  poolName: string;
  groups: string[];
  clientName: string;
  users: UserSpec[];
}

export interface ProvisionedPool {
  userPoolId: string;
  userPoolClientId: string;
  region: string;
  /** The `iss` claim of this pool's tokens: `${endpoint}/${userPoolId}`. */
  issuer: string;
  jwksUri: string;
}
