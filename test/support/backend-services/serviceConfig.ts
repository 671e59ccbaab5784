// Testing a service's config.ts, which reads its environment once, when it loads: each load here
// is fresh (the module registry reset), with exactly the variables given, and the environment is
// put back afterwards.
import { afterEach, expect, it, vi } from 'vitest';

/** The local-only variables; on AWS they are absent. */
const LOCAL_ONLY = ['DYNAMODB_ENDPOINT', 'EVENT_BUS_ENDPOINT', 'SNS_ENDPOINT', 'SMTP_HOST', 'SMTP_PORT', 'S3_ENDPOINT'];

export type ConfigLoader<T> = () => Promise<{ config: T }>;

/** Puts the environment back after every test of the file that calls it. */
export function restoreEnvironmentAfterEach(): void {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });
}

/** Loads the config afresh with `env` set and the local-only variables unset, as on AWS. */
export async function loadConfigAsOnAws<T>(load: ConfigLoader<T>, env: Record<string, string>): Promise<T> {
  Object.assign(process.env, env);
  for (const name of LOCAL_ONLY) delete process.env[name];
  vi.resetModules();
  return (await load()).config;
}

/** One test per required variable: without it the config fails to load, naming it. */
export function itRequiresEach(required: Record<string, string>, load: ConfigLoader<unknown>): void {
  it.each(Object.keys(required))('fails to load, naming the variable, when %s is not set', async (name) => {
    Object.assign(process.env, required);
    delete process.env[name];
    vi.resetModules();
    await expect(load()).rejects.toThrow(`${name} is not set`);
  });
}
