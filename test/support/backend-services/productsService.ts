// The products service's REST API over a catalog table of the test's own: the environment set
// as the stack sets it, then the handlers loaded (their config is read at load) and served.
import type { RunningRestApi } from 'appsync-local/apigateway/index.ts';
import { LOCAL_REGION } from 'appsync-local/dynamodb/tables.ts';
import type { LocalIam } from 'appsync-local/iam/principals.ts';
import { STOCK_ADJUSTMENTS_TABLE, STOCK_MOVEMENTS_TABLE } from '../../../system/tables.ts';
import type { CatalogTable } from './catalogTable.ts';
import { invokerRole, startServiceApi, useRoleCredentials } from './restApis.ts';
import { createTestTable, type TestTable } from './testTables.ts';

/** The stock ledger and adjustStock's keys, of a test's own. */
export interface StockTables {
  readonly movements: TestTable;
  readonly adjustments: TestTable;
}

export async function createStockTables(): Promise<StockTables> {
  const [movements, adjustments] = await Promise.all([
    createTestTable(STOCK_MOVEMENTS_TABLE),
    createTestTable(STOCK_ADJUSTMENTS_TABLE),
  ]);
  return { movements, adjustments };
}

/** Every route of the service; `stock` tables are created when not given; `onBatchGet` hears each batch-get served. */
export async function startProductsService(
  iam: LocalIam,
  table: CatalogTable,
  stock?: StockTables,
  onBatchGet?: () => void,
): Promise<RunningRestApi> {
  const { movements, adjustments } = stock ?? (await createStockTables());
  Object.assign(process.env, {
    AWS_REGION: LOCAL_REGION,
    PRODUCTS_TABLE: table.tableName,
    // Required by every products handler; these routes never touch it.
    STOCK_RETURNS_TABLE: `${table.tableName}-stock-returns`,
    STOCK_MOVEMENTS_TABLE: movements.tableName,
    STOCK_ADJUSTMENTS_TABLE: adjustments.tableName,
    DYNAMODB_ENDPOINT: table.dynamodbEndpoint,
    EVENT_BUS_NAME: 'commerce-tests',
  });
  useRoleCredentials(invokerRole(iam, 'backend-services'));
  const [batchGetProducts, putProduct, deleteProduct, adjustStock] = await Promise.all([
    import('../../../backend-services/products/handlers/batchGetProducts.ts'),
    import('../../../backend-services/products/handlers/putProduct.ts'),
    import('../../../backend-services/products/handlers/deleteProduct.ts'),
    import('../../../backend-services/products/handlers/adjustStock.ts'),
  ]);
  return startServiceApi(iam, 'products', [
    {
      method: 'POST',
      path: '/products/batch-get',
      handler: (event, context) => {
        onBatchGet?.();
        return batchGetProducts.handler(event, context);
      },
    },
    { method: 'POST', path: '/products', handler: putProduct.handler },
    { method: 'DELETE', path: '/products/{productId}', handler: deleteProduct.handler },
    { method: 'POST', path: '/products/{productId}/stock-adjustments', handler: adjustStock.handler },
  ]);
}
