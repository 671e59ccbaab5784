// The backend services: each is a REST API (API Gateway, IAM auth) whose routes invoke Lambda
// handlers, and optionally a table-events handler fed by its table's stream.
import type { HandlerReference } from './handlers.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteDeclaration {
  readonly method: HttpMethod;
  /** API Gateway resource path, e.g. /products/{productId}. */
  readonly path: string;
  readonly handler: HandlerReference;
}

export interface TableEventsDeclaration {
  /** Logical table name (system/tables.ts); its stream feeds the handler. */
  readonly table: string;
  readonly handler: HandlerReference;
  readonly batchSize?: number;
  readonly maximumRetryAttempts?: number;
  readonly bisectBatchOnFunctionError?: boolean;
}

export interface ServiceDeclaration {
  readonly name: string;
  readonly stage: string;
  readonly routes: readonly RouteDeclaration[];
  readonly tableEvents?: readonly TableEventsDeclaration[];
}

export const SERVICES: readonly ServiceDeclaration[] = [];
