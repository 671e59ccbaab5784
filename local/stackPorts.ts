// The local stack's ports: a default each, and the environment variable that changes it.
import { type PortSetting, portFromEnv } from 'appsync-local/ports.ts';

export const PORT_DEFAULTS = {
  appsync: { variable: 'APPSYNC_PORT', port: 4000 },
  dynamodb: { variable: 'DYNAMODB_PORT', port: 8000 },
  cognito: { variable: 'COGNITO_PORT', port: 9229 },
  apiGateway: { variable: 'API_GATEWAY_PORT', port: 4010 },
  eventBus: { variable: 'EVENT_BUS_PORT', port: 4020 },
  paymentProvider: { variable: 'PAYMENT_PROVIDER_PORT', port: 4030 },
  s3: { variable: 'S3_PORT', port: 4040 },
  mailbox: { variable: 'MAILBOX_PORT', port: 4050 },
  mailboxSmtp: { variable: 'MAILBOX_SMTP_PORT', port: 4025 },
  sns: { variable: 'SNS_PORT', port: 4060 },
} as const;

export type PortName = keyof typeof PORT_DEFAULTS;

/** The ports from the environment (or defaults); `0` everywhere gives free ports, as tests want. */
export function stackPorts(mode: 'environment' | 'any-free'): Record<PortName, PortSetting> {
  const entries = Object.entries(PORT_DEFAULTS).map(([name, { variable, port }]) => [
    name,
    mode === 'any-free' ? { port: 0, variable } : portFromEnv(variable, port),
  ]);
  return Object.fromEntries(entries) as Record<PortName, PortSetting>;
}
