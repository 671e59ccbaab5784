// The DynamoDB tables of system/tables.ts: on demand, point-in-time recovery, the declared
// streams, indexes and time-to-live, and deletion protection while they are retained. AWS names
// them; everyone learns the names from here.
import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, StreamViewType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import type { KeyAttribute, TableDeclaration } from '../../system/tables.ts';

const ATTRIBUTE_TYPES = { S: AttributeType.STRING, N: AttributeType.NUMBER, B: AttributeType.BINARY } as const;

export interface CommerceTablesProps {
  readonly tables: readonly TableDeclaration[];
  readonly removalPolicy?: RemovalPolicy;
}

export class CommerceTables extends Construct {
  private readonly byName = new Map<string, Table>();

  constructor(scope: Construct, id: string, props: CommerceTablesProps) {
    super(scope, id);
    for (const declaration of props.tables) {
      const table = new Table(this, declaration.name, {
        partitionKey: attribute(declaration.partitionKey),
        ...(declaration.sortKey ? { sortKey: attribute(declaration.sortKey) } : {}),
        billingMode: BillingMode.PAY_PER_REQUEST,
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        ...(declaration.stream ? { stream: StreamViewType[declaration.stream] } : {}),
        ...(declaration.timeToLiveAttribute ? { timeToLiveAttribute: declaration.timeToLiveAttribute } : {}),
        removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
        // A retained table also refuses DeleteTable (the console's, a script's) until the protection
        // is turned off; DESTROY is for stacks meant to be torn down, which it would stop.
        deletionProtection: (props.removalPolicy ?? RemovalPolicy.RETAIN) !== RemovalPolicy.DESTROY,
      });
      for (const index of declaration.globalSecondaryIndexes ?? []) {
        table.addGlobalSecondaryIndex({
          indexName: index.name,
          partitionKey: attribute(index.partitionKey),
          ...(index.sortKey ? { sortKey: attribute(index.sortKey) } : {}),
        });
      }
      this.byName.set(declaration.name, table);
    }
  }

  /** The table of a logical name (system/tables.ts). */
  table(name: string): Table {
    const table = this.byName.get(name);
    if (!table) throw new Error(`No table is declared as ${name}; the tables are ${[...this.byName.keys()].join(', ')}.`);
    return table;
  }

  get all(): readonly [string, Table][] {
    return [...this.byName];
  }
}

function attribute(key: KeyAttribute) {
  return { name: key.name, type: ATTRIBUTE_TYPES[key.type] };
}
