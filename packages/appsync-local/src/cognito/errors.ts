/** cognito-local could not be started, or did not answer. */
export class CognitoLocalError extends Error {
  override name = 'CognitoLocalError';
}

/** A user pool spec that cannot be provisioned as written, or a pool that does not match it. */
export class UserPoolProvisioningError extends Error {
  override name = 'UserPoolProvisioningError';
}
