// The products service's REST API over a catalog table of the test's own: the environment set
// as the stack sets it, then the handlers loaded (their config is read at load) and served.
import type { RunningRestApi } from 'appsync-local/apigateway/index.ts';
import { LOCAL_REGION } from 'appsync-local/dynamodb/tables.ts';
import type { LocalIam } from 'appsync-local/iam/principals.ts';
import type { CatalogTable } from './catalogTable.ts';
import { invokerRole, startServiceApi, useRoleCredentials } from './restApis.ts';

export async function startProductsService(iam: LocalIam, table: CatalogTable): Promise<RunningRestApi> {
  Object.assign(process.env, {
    AWS_REGION: LOCAL_REGION,
    PRODUCTS_TABLE: table.tableName,
    // Required by every products handler; these routes never touch it.
    STOCK_RETURNS_TABLE: `${table.tableName}-stock-returns`,
    DYNAMODB_ENDPOINT: table.dynamodbEndpoint,
    EVENT_BUS_NAME: 'commerce-tests',
  });
  useRoleCredentials(invokerRole(iam, 'backend-services'));
  const batchGetProducts = await import('../../../backend-services/products/handlers/batchGetProducts.ts');
  return startServiceApi(iam, 'products', [{ method: 'POST', path: '/products/batch-get', handler: batchGetProducts.handler }]);
}
