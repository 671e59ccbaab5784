// Each service may take on its tables exactly the DynamoDB actions its code sends: a command
// added without its grant (AccessDenied on AWS, though it works locally) or a grant left behind
// fails here. Actions are read from the commands in the service's own source files.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../system/artifacts.ts';
import { SERVICE_RESOURCES } from '../../../system/serviceResources.ts';

/** The item actions of a TransactWriteItems request, by the key each item is written under. */
const TRANSACTION_ITEMS: Record<string, string> = {
  Put: 'PutItem',
  Update: 'UpdateItem',
  Delete: 'DeleteItem',
  ConditionCheck: 'ConditionCheckItem',
};
/** Powertools' DynamoDB persistence layer sends these (its lib/esm/persistence/DynamoDBPersistenceLayer.js). */
const POWERTOOLS_IDEMPOTENCY = ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem'];

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** S3's object commands: their actions are granted on buckets, not tables. */
const S3_OBJECT_COMMANDS = new Set(['PutObject', 'GetObject']);

/** The S3 object actions the code of backend-services/<service> sends. */
function objectActionsSent(service: string): string[] {
  const actions = new Set<string>();
  for (const file of sourceFiles(join(REPO_ROOT, 'backend-services', service))) {
    for (const [, command] of readFileSync(file, 'utf8').matchAll(/new (\w+)Command\(/g))
      if (S3_OBJECT_COMMANDS.has(command!)) actions.add(`s3:${command}`);
  }
  return [...actions].sort();
}

/** The DynamoDB actions the code of backend-services/<service> sends. */
function actionsSent(service: string): string[] {
  const actions = new Set<string>();
  for (const file of sourceFiles(join(REPO_ROOT, 'backend-services', service))) {
    const code = readFileSync(file, 'utf8');
    for (const [, command] of code.matchAll(/new (\w+)Command\(/g)) {
      if (command === 'TransactWriteItems' || command === 'PutEvents') continue;
      if (S3_OBJECT_COMMANDS.has(command!)) continue; // a bucket's (checked below)
      actions.add(`dynamodb:${command}`);
    }
    // Transaction items, wherever they are built: `{ Put: { TableName: …` and the like.
    for (const [, item] of code.matchAll(/\b(Put|Update|Delete|ConditionCheck): \{\s*TableName\b/g))
      actions.add(`dynamodb:${TRANSACTION_ITEMS[item!]}`);
    if (code.includes("'@aws-lambda-powertools/idempotency/dynamodb'"))
      for (const a of POWERTOOLS_IDEMPOTENCY) actions.add(`dynamodb:${a}`);
  }
  return [...actions].sort();
}

describe("each service's table grants", () => {
  for (const [service, resources] of Object.entries(SERVICE_RESOURCES)) {
    it(`${service}: are the actions its code sends, no more`, () => {
      const granted = [...new Set(Object.values(resources.tables ?? {}).flat())].sort();
      expect(granted).toEqual(actionsSent(service));
    });
  }

  for (const [service, resources] of Object.entries(SERVICE_RESOURCES)) {
    it(`${service}: takes on its buckets the S3 actions its code sends, no more`, () => {
      const granted = [...new Set(Object.values(resources.buckets ?? {}).flatMap((use) => use.actions))].sort();
      expect(granted).toEqual(objectActionsSent(service));
    });
  }

  it('read what the code sends (a service with tables sends something)', () => {
    expect(actionsSent('orders')).toEqual(
      expect.arrayContaining([
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
        'dynamodb:DeleteItem',
        'dynamodb:Query',
      ]),
    );
  });
});
