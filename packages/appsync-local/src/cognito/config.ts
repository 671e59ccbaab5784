// cognito-local reads `.cognito/config.json` under its working directory, and its values win over
// the PORT and HOST variables. We write the two settings our pools depend on into it, keeping
// whatever else a reused state folder already holds.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

interface CognitoLocalConfig {
  UserPoolDefaults?: { UsernameAttributes?: string[] };
  TokenConfig?: { IssuerDomain?: string };
  [setting: string]: unknown;
}

export function writeCognitoLocalConfig(stateDir: string, endpoint: string): void {
  const dir = join(stateDir, '.cognito');
  const file = join(dir, 'config.json');
  mkdirSync(dir, { recursive: true });
  const config = readConfig(file);
  config.UserPoolDefaults = {
    // cognito-local's own default is ['email'], which makes every pool sign in by email and stores
    // users under their sub. Cognito's default, and what our pools use, is a plain username.
    UsernameAttributes: [],
    ...config.UserPoolDefaults,
  };
  // A state folder reused on another port would otherwise keep issuing tokens for the old one.
  config.TokenConfig = { ...config.TokenConfig, IssuerDomain: endpoint };
  writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
}

function readConfig(file: string): CognitoLocalConfig {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as CognitoLocalConfig;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
}
