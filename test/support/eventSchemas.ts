// The events each service says it emits (backend-services/<service>/events.schema.json), and the
// check of one event against them: its source must be a service's, its detail-type one the
// service's file lists, and its detail valid against that type's definition. Events AWS sends
// (S3's Object Created, source aws.s3) are described the same way in system/aws-events/. The e2e run checks
// every event its bus accepts (test/e2e/globalSetup.ts); unit tests check the factories.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { SYSTEM } from '../../system/index.ts';

/** What the check reads of an event: EventBridge's own fields. */
export interface CheckedEvent {
  readonly id?: string;
  readonly source: string;
  readonly 'detail-type': string;
  readonly detail: unknown;
}

export interface EventSchemaFile {
  /** The file, from the repository's root. */
  readonly path: string;
  readonly schema: {
    readonly $id: string;
    readonly properties: { readonly source: { readonly const: string }; readonly 'detail-type': { readonly enum: string[] } };
    readonly definitions: Record<string, object>;
  };
}

const ROOT = new URL('../../', import.meta.url).pathname;

/** The file of every service that has one, read once. */
export function readEventSchemas(): EventSchemaFile[] {
  return SYSTEM.services
    .map((service) => join('backend-services', service.name, 'events.schema.json'))
    .filter((path) => existsSync(join(ROOT, path)))
    .map((path) => ({ path, schema: JSON.parse(readFileSync(join(ROOT, path), 'utf8')) as EventSchemaFile['schema'] }));
}

/** The folder of the schemas of events AWS itself puts on the buses (S3's Object Created), one file per source. */
export const AWS_EVENT_SCHEMAS = 'system/aws-events';

/** AWS's events the system receives (system/aws-events/<source>.schema.json), read once. */
export function readAwsEventSchemas(): EventSchemaFile[] {
  return readdirSync(join(ROOT, AWS_EVENT_SCHEMAS))
    .filter((name) => name.endsWith('.schema.json'))
    .map((name) => join(AWS_EVENT_SCHEMAS, name))
    .map((path) => ({ path, schema: JSON.parse(readFileSync(join(ROOT, path), 'utf8')) as EventSchemaFile['schema'] }));
}

/** Checks events against the schemas (the services' and AWS's); answers what is wrong with one, or undefined when nothing is. */
export function createEventChecker(
  files: readonly EventSchemaFile[] = [...readEventSchemas(), ...readAwsEventSchemas()],
): (event: CheckedEvent) => string | undefined {
  const ajv = new Ajv({ allErrors: true });
  const bySource = new Map(files.map((file) => [file.schema.properties.source.const, file]));
  for (const file of files) ajv.addSchema(file.schema);
  return (event) => {
    const name = `${event['detail-type']} (${event.source})${event.id ? ` ${event.id}` : ''}`;
    const file = bySource.get(event.source);
    if (!file) return `${name}: no service's events.schema.json describes the source ${event.source}.`;
    if (!file.schema.properties['detail-type'].enum.includes(event['detail-type'])) {
      return `${name}: ${file.path} lists no detail-type ${event['detail-type']}.`;
    }
    const validate = ajv.getSchema(`${file.schema.$id}#/definitions/${event['detail-type']}`);
    if (!validate) return `${name}: ${file.path} has no definition of ${event['detail-type']}.`;
    if (validate(event.detail)) return undefined;
    return `${name} does not match ${file.path}: ${ajv.errorsText(validate.errors, { dataVar: 'detail' })}; detail ${JSON.stringify(event.detail)}`;
  };
}
