// Reads /explorer-config.json, which the explorer's server fills in from the running stack.
import { EXPLORER_CONFIG_PATH, type ExplorerConfig } from '../config.ts';

const STRING_FIELDS = [
  'graphqlUrl',
  'realtimeUrl',
  'apiKey',
  'region',
  'userPoolId',
  'userPoolClientId',
  'cognitoEndpoint',
] as const satisfies readonly (keyof ExplorerConfig)[];

export async function loadExplorerConfig(): Promise<ExplorerConfig> {
  const response = await fetch(EXPLORER_CONFIG_PATH, { cache: 'no-store' });
  if (!response.ok) throw new Error(`${EXPLORER_CONFIG_PATH} answered HTTP ${response.status}.`);
  const config = (await response.json()) as Record<string, unknown>;
  for (const field of STRING_FIELDS) {
    if (typeof config[field] !== 'string') throw new Error(`${EXPLORER_CONFIG_PATH} has no "${field}".`);
  }
  if (!Array.isArray(config['demoUsers'])) throw new Error(`${EXPLORER_CONFIG_PATH} has no "demoUsers" list.`);
  return config as unknown as ExplorerConfig;
}
