// The CDK app: reads its configuration (context, environment) and makes the one stack from the
// system's declaration. `npm run build` must have bundled the resolvers first.
import { App, RemovalPolicy, SecretValue } from 'aws-cdk-lib';
import { FieldLogLevel } from 'aws-cdk-lib/aws-appsync';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { SYSTEM } from '../system/index.ts';
import { CommerceStack } from './stacks/commerceStack.ts';

const app = new App();
const context = (key: string): string => {
  const value: unknown = app.node.tryGetContext(key);
  if (typeof value !== 'string' || value === '') throw new Error(`Context ${key} is not set (cdk.json or --context ${key}=…).`);
  return value;
};

new CommerceStack(app, context('stackName'), {
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  declaration: SYSTEM,
  paymentProvider: {
    url: context('paymentProviderUrl'),
    // A Secrets Manager secret holding the provider's secret key as plain text.
    secretKey: SecretValue.secretsManager(context('paymentProviderSecretName')),
  },
  logRetention: RetentionDays.ONE_MONTH,
  fieldLogLevel: context('fieldLogLevel') === 'ALL' ? FieldLogLevel.ALL : FieldLogLevel.ERROR,
  removalPolicy: context('removalPolicy') === 'destroy' ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN,
});
