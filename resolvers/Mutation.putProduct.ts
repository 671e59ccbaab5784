import { type Context, type DynamoDBUpdateItemRequest, util } from '@aws-appsync/utils';
import type { MutationPutProductArgs, Product, ProductInput } from '../generated/graphql';
import { ErrorType, resultOrError } from './lib/errors';

// Letters, digits, '.', '_', ':' and '-', starting with a letter or digit: ids travel in URLs and
// event payloads, and ids starting with '#' are reserved (the cart header row is '#cart').
const PRODUCT_ID_PATTERN = '[A-Za-z0-9][A-Za-z0-9._:-]{0,127}';

/** Creates or replaces a product with one UpdateItem that writes every field; createdDate is kept. */
export function request(ctx: Context<MutationPutProductArgs>): DynamoDBUpdateItemRequest {
  const input = ctx.args.input;
  assertValidProduct(input);
  const productId = input.productId ?? util.autoId();
  const now = util.time.nowISO8601();
  const values: Record<string, unknown> = {
    ':name': input.name.trim(),
    ':category': input.category.trim(),
    ':tags': trimmed(input.tags ?? []),
    ':pictures': trimmed(input.pictures ?? []),
    ':price': input.price,
    ':package': {
      width: input.package.width,
      length: input.package.length,
      height: input.package.height,
      weight: input.package.weight,
    },
    ':stock': input.stock,
    ':now': now,
  };
  const set = [
    '#name = :name',
    '#category = :category',
    '#tags = :tags',
    '#pictures = :pictures',
    '#price = :price',
    '#package = :package',
    '#stock = :stock',
    '#createdDate = if_not_exists(#createdDate, :now)',
    '#modifiedDate = :now',
  ];
  const description = input.description ? input.description.trim() : '';
  let remove = '';
  if (description === '') {
    remove = ' REMOVE #description';
  } else {
    set.push('#description = :description');
    values[':description'] = description;
  }
  return {
    operation: 'UpdateItem',
    key: util.dynamodb.toMapValues({ productId }),
    update: {
      expression: `SET ${set.join(', ')}${remove}`,
      expressionNames: {
        '#name': 'name',
        '#description': 'description',
        '#category': 'category',
        '#tags': 'tags',
        '#pictures': 'pictures',
        '#price': 'price',
        '#package': 'package',
        '#stock': 'stock',
        '#createdDate': 'createdDate',
        '#modifiedDate': 'modifiedDate',
      },
      expressionValues: util.dynamodb.toMapValues(values),
    },
  };
}

export function response(ctx: Context<MutationPutProductArgs>): Product {
  return resultOrError<Product>(ctx);
}

function assertValidProduct(input: ProductInput): void {
  const problems: string[] = [];
  if (input.productId !== null && input.productId !== undefined && !util.matches(PRODUCT_ID_PATTERN, input.productId)) {
    problems.push("productId must be 1 to 128 letters, digits, '.', '_', ':' or '-', starting with a letter or digit");
  }
  if (input.name.trim() === '') {
    problems.push('name must not be blank');
  }
  if (input.category.trim() === '') {
    problems.push('category must not be blank');
  }
  if (input.price < 0) {
    problems.push(`price must be at least 0, got ${input.price}`);
  }
  if (input.stock < 0) {
    problems.push(`stock must be at least 0, got ${input.stock}`);
  }
  const pkg = input.package;
  const measures: [string, number][] = [
    ['width', pkg.width],
    ['length', pkg.length],
    ['height', pkg.height],
    ['weight', pkg.weight],
  ];
  for (const [field, value] of measures) {
    if (value < 0) {
      problems.push(`package.${field} must be at least 0, got ${value}`);
    }
  }
  if (hasBlank(input.tags ?? [])) {
    problems.push('tags must not be blank');
  }
  if (hasBlank(input.pictures ?? [])) {
    problems.push('pictures must not be blank');
  }
  if (problems.length > 0) {
    util.error(`Invalid product: ${problems.join('; ')}.`, ErrorType.BadRequest);
  }
}

function hasBlank(list: string[]): boolean {
  for (const item of list) {
    if (item.trim() === '') {
      return true;
    }
  }
  return false;
}

function trimmed(list: string[]): string[] {
  const out: string[] = [];
  for (const item of list) {
    out.push(item.trim());
  }
  return out;
}
