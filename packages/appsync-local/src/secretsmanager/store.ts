// The secrets and their versions, and the three ways a SecretId names one: its name, its full ARN
// (`arn:aws:secretsmanager:<region>:<account>:secret:<name>-<6 random characters>`, the suffix
// Secrets Manager adds at creation), or that ARN without the suffix (a "partial ARN").
import { randomBytes, randomUUID } from 'node:crypto';
import { secretNotFound } from './errors.ts';

export interface SecretDefinition {
  name: string;
  secretString: string;
}

export interface SecretVersion {
  versionId: string;
  secretString: string;
  /** `AWSCURRENT` on the newest version, `AWSPREVIOUS` on the one before. */
  stages: string[];
  createdAt: Date;
}

export interface StoredSecret {
  name: string;
  arn: string;
  /** Oldest first; a version that has lost both labels is dropped, as AWS deprecates it. */
  versions: SecretVersion[];
}

/** What PutSecretValue answers. */
export interface PutSecretValueResult {
  ARN: string;
  Name: string;
  VersionId: string;
  VersionStages: string[];
}

// CreateSecret's rule: ASCII letters, digits and /_+=.@- , at most 512 characters.
const NAME = /^[A-Za-z0-9/_+=.@-]{1,512}$/;
const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export class SecretStore {
  readonly #context: { region: string; accountId: string; now: () => Date };
  readonly #byName = new Map<string, StoredSecret>();

  constructor(secrets: readonly SecretDefinition[], context: { region: string; accountId: string; now: () => Date }) {
    this.#context = context;
    for (const { name, secretString } of secrets) {
      if (!NAME.test(name)) {
        throw new Error(`Secret name ${JSON.stringify(name)} must be 1 to 512 of the characters A-Z a-z 0-9 / _ + = . @ -`);
      }
      if (this.#byName.has(name)) throw new Error(`Secret ${name} is declared twice.`);
      this.#byName.set(name, { name, arn: `${this.#arnPrefix()}${name}-${randomSuffix()}`, versions: [] });
      this.put(name, secretString);
    }
  }

  /** The secret a SecretId names, if there is one. */
  find(secretId: string): StoredSecret | undefined {
    if (!secretId.startsWith('arn:')) return this.#byName.get(secretId);
    if (!secretId.startsWith(this.#arnPrefix())) return undefined;
    const byArn = [...this.#byName.values()].find((secret) => secret.arn === secretId);
    return byArn ?? this.#byName.get(secretId.slice(this.#arnPrefix().length));
  }

  /**
   * The ARN IAM is asked about for a SecretId that names no secret: the ARN as given, or the
   * partial ARN of a name (the suffix of a secret that does not exist cannot be known).
   */
  resourceOf(secretId: string): string {
    return secretId.startsWith('arn:') ? secretId : `${this.#arnPrefix()}${secretId}`;
  }

  arnOf(name: string): string {
    const secret = this.#byName.get(name);
    if (!secret) throw new Error(`There is no secret named ${name}.`);
    return secret.arn;
  }

  /** A new version becomes AWSCURRENT; the current one becomes AWSPREVIOUS, as PutSecretValue does. */
  put(name: string, secretString: string): PutSecretValueResult {
    const secret = this.#byName.get(name);
    if (!secret) throw secretNotFound();
    for (const version of secret.versions) {
      version.stages = version.stages.filter((stage) => stage !== 'AWSPREVIOUS').map(previousIfCurrent);
    }
    const version: SecretVersion = {
      versionId: randomUUID(),
      secretString,
      stages: ['AWSCURRENT'],
      createdAt: this.#context.now(),
    };
    secret.versions = [...secret.versions.filter((old) => old.stages.length > 0), version];
    return { ARN: secret.arn, Name: secret.name, VersionId: version.versionId, VersionStages: [...version.stages] };
  }

  #arnPrefix(): string {
    return `arn:aws:secretsmanager:${this.#context.region}:${this.#context.accountId}:secret:`;
  }
}

function previousIfCurrent(stage: string): string {
  return stage === 'AWSCURRENT' ? 'AWSPREVIOUS' : stage;
}

function randomSuffix(): string {
  return Array.from(randomBytes(6), (byte) => SUFFIX_ALPHABET[byte % SUFFIX_ALPHABET.length]).join('');
}
