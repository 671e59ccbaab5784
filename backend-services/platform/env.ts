// Reading a service's environment: a variable that must be set fails fast, at load, by name.

export function requireEnv(name: string): string {
  const value = process.env[name]?.trim();
  if (!value) throw new Error(`Environment variable ${name} is not set; the service cannot start without it.`);
  return value;
}

/** For variables that only exist in some places (local endpoints), never for defaults. */
export function optionalEnv(name: string): string | undefined {
  const value = process.env[name]?.trim();
  return value ? value : undefined;
}
