// A vitest global setup that starts DynamoDB Local once per run, on a free port, and stops it
// after: name it in a project's `globalSetup` and read the endpoint with
// `inject('dynamodbEndpoint')`. The runtime's integration tests use it, and so can yours.
//
// Every project of the run that names it gets the same one (the repository's integration tests
// and the runtime's do): vitest runs the projects' global setups one after another before any
// test, so a second JVM would only add its start (seconds on two cores) and its memory. Tests keep
// apart by their tables' unique names, as files of one project running side by side already must.
// The instance is kept on globalThis, since each project may load this module afresh.
import { type DynamoDbLocal, startDynamoDbLocal } from '../dynamodb/launcher.ts';
import { findFreePort } from '../ports.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
  }
}

const SHARED = Symbol.for('appsync-local/testing/dynamoDbLocalSetup');

interface Shared {
  readonly starting: Promise<DynamoDbLocal>;
  /** The projects set up and not yet torn down: the last one stops it. */
  users: number;
}

type Holder = { [SHARED]?: Shared };

/** What the setup needs of vitest's TestProject (a test passes its own). */
export interface ProvidingProject {
  provide(key: 'dynamodbEndpoint', value: string): void;
}

export default async function setup(project: ProvidingProject): Promise<() => Promise<void>> {
  const holder = globalThis as Holder;
  let shared = holder[SHARED];
  if (!shared) {
    shared = { starting: findFreePort().then((port) => startDynamoDbLocal({ port })), users: 0 };
    holder[SHARED] = shared;
  }
  shared.users += 1;
  const own = shared;
  let dynamodb: DynamoDbLocal;
  try {
    dynamodb = await own.starting;
  } catch (error) {
    // Failed for every project waiting on it: the next run (or watch rerun) tries again.
    if (holder[SHARED] === own) delete holder[SHARED];
    throw error;
  }
  project.provide('dynamodbEndpoint', dynamodb.endpoint);
  return async () => {
    own.users -= 1;
    if (own.users > 0) return;
    if (holder[SHARED] === own) delete holder[SHARED];
    await dynamodb.stop();
  };
}
