// The event bus and its rules. Each service emits its own facts (source `ecommerce.<service>`);
// rules route them to other services' handlers, or to the AppSync API itself. Which order
// statuses settle the payment or return the stock is domain/orderLifecycle.ts's to say.
import { STOCK_CROSSINGS, type StockCrossing } from '../domain/inventory.ts';
import { PAYMENT_OUTCOMES, paymentSettlingStatuses, stockReturningStatuses } from '../domain/orderLifecycle.ts';
import { Kind, OperationTypeNode, parse } from 'graphql';
import { handler, type HandlerReference } from './handlers.ts';

export const EVENT_BUS_NAME = 'commerce';

/**
 * The source a service's events carry, and the only one its role may put on the bus (the
 * `events:source` condition of its events:PutEvents grant, on AWS and locally).
 */
export function eventSourceOf(service: string): string {
  return `ecommerce.${service}`;
}

export interface InputTransformerDeclaration {
  readonly inputPathsMap: Readonly<Record<string, string>>;
  readonly inputTemplate: string;
}

export type TargetDeclaration =
  | {
      readonly type: 'HANDLER';
      readonly id: string;
      readonly handler: HandlerReference;
      readonly inputTransformer?: InputTransformerDeclaration;
    }
  | {
      readonly type: 'APPSYNC';
      readonly id: string;
      /** The GraphQL operation the target sends; the transformed input is its variables. */
      readonly document: string;
      readonly inputTransformer: InputTransformerDeclaration;
    };

export interface RuleDeclaration {
  readonly name: string;
  readonly eventPattern: Readonly<Record<string, unknown>>;
  readonly targets: readonly TargetDeclaration[];
  /**
   * The bus the rule is on: the system's own by default; `default` (the account's) for AWS
   * services' events, which is where S3 sends a bucket's.
   */
  readonly bus?: 'default';
  /**
   * For S3's Object Created events: the bucket (by logical name, BUCKETS) and key prefix matched.
   * Its physical name is known only where it is deployed, so rulePattern adds it to the pattern.
   */
  readonly objectsCreatedIn?: { readonly bucket: string; readonly keyPrefix: string };
}

/**
 * A rule's pattern where it runs: as declared, and for objectsCreatedIn the bucket's name (as
 * `bucketName` gives it, from its logical name) and the key prefix added under `detail`.
 */
export function rulePattern(rule: RuleDeclaration, bucketName: (logicalName: string) => string): Record<string, unknown> {
  if (!rule.objectsCreatedIn) return { ...rule.eventPattern };
  const { bucket, keyPrefix } = rule.objectsCreatedIn;
  const detail = (rule.eventPattern.detail ?? {}) as Record<string, unknown>;
  return {
    ...rule.eventPattern,
    detail: { ...detail, bucket: { name: [bucketName(bucket)] }, object: { key: [{ prefix: keyPrefix }] } },
  };
}

/**
 * A rule that runs on a schedule (`rate(...)`) rather than on events. EventBridge runs scheduled
 * rules on the account's default bus only; the targets receive its "Scheduled Event".
 */
export interface ScheduleDeclaration {
  readonly name: string;
  readonly scheduleExpression: string;
  readonly targets: readonly Extract<TargetDeclaration, { type: 'HANDLER' }>[];
}

export const SCHEDULES: readonly ScheduleDeclaration[] = [
  {
    // No callback is not the end: gateway payments left PENDING are asked about at the gateway.
    name: 'sweep-gateway-payments',
    scheduleExpression: 'rate(1 minute)',
    targets: [
      {
        type: 'HANDLER',
        id: 'payment-sweep-gateway',
        handler: handler('backend-services/payment/handlers/sweepGatewayPayments.ts'),
      },
    ],
  },
];

export const EVENT_RULES: readonly RuleDeclaration[] = [
  {
    // A gateway payment's outcome moves the order awaiting it: paid → NEW, failed or expired →
    // CANCELLED (whose OrderStatusChanged then returns the stock and is published live).
    name: 'settle-awaiting-orders',
    eventPattern: {
      source: ['ecommerce.payment'],
      'detail-type': Object.keys(PAYMENT_OUTCOMES),
    },
    targets: [
      { type: 'HANDLER', id: 'orders-payment-outcome', handler: handler('backend-services/orders/handlers/paymentOutcome.ts') },
    ],
  },
  {
    // Money taken (a card captured when its order is fulfilled, a gateway payment when paid): the
    // order's invoice is numbered, rendered and kept in the invoices bucket, once per order.
    name: 'issue-invoices',
    eventPattern: {
      source: ['ecommerce.payment'],
      'detail-type': ['PaymentCaptured', 'PaymentSucceeded'],
    },
    targets: [
      {
        type: 'HANDLER',
        id: 'invoices-issue',
        handler: handler('backend-services/invoices/handlers/issueInvoice.ts', { installedPackages: ['pdfkit'] }),
      },
    ],
  },
  {
    // Money given back (each refund done, refundOrder's or a settlement's): a credit note for that
    // refund, numbered, rendered and kept beside the invoices, once per refund (its refundKey).
    name: 'issue-credit-notes',
    eventPattern: {
      source: ['ecommerce.payment'],
      'detail-type': ['PaymentRefunded'],
    },
    targets: [
      {
        type: 'HANDLER',
        id: 'invoices-issue-credit-note',
        // Renders PDFs with pdfkit, which must be installed beside the bundle (system/handlers.ts).
        handler: handler('backend-services/invoices/handlers/issueCreditNote.ts', { installedPackages: ['pdfkit'] }),
      },
    ],
  },
  {
    // The customer's emails about their order: the confirmation, and the status emails they
    // have not turned off (backend-services/notifications/domain/emailKinds.ts).
    name: 'email-order-updates',
    eventPattern: {
      source: ['ecommerce.orders'],
      'detail-type': ['OrderCreated', 'OrderStatusChanged'],
    },
    targets: [
      {
        type: 'HANDLER',
        id: 'notifications-order-status',
        handler: handler('backend-services/notifications/handlers/orderStatusEmail.ts'),
      },
    ],
  },
  {
    // Every order placed, told to the team on the order-alerts topic.
    name: 'alert-orders-placed',
    eventPattern: { source: ['ecommerce.orders'], 'detail-type': ['OrderCreated'] },
    targets: [
      {
        type: 'HANDLER',
        id: 'notifications-order-placed-alert',
        handler: handler('backend-services/notifications/handlers/orderPlacedAlert.ts'),
      },
    ],
  },
  {
    // A stored invoice or credit note, emailed to the customer with its PDF attached: S3 tells of
    // the object on the account's default bus.
    name: 'email-documents',
    bus: 'default',
    eventPattern: { source: ['aws.s3'], 'detail-type': ['Object Created'] },
    objectsCreatedIn: { bucket: 'invoices', keyPrefix: 'invoices/' },
    targets: [
      {
        type: 'HANDLER',
        id: 'notifications-document',
        handler: handler('backend-services/notifications/handlers/documentEmail.ts'),
      },
    ],
  },
  {
    // An order's end captures or releases its payment. A free order (total 0) was placed without
    // one (the orders service asks for none): its changes never reach the payment service, which
    // would look for a payment that never comes.
    name: 'settle-payments',
    eventPattern: {
      source: ['ecommerce.orders'],
      'detail-type': ['OrderStatusChanged'],
      detail: { status: paymentSettlingStatuses(), total: [{ numeric: ['>', 0] }] },
    },
    targets: [{ type: 'HANDLER', id: 'payment-settle', handler: handler('backend-services/payment/handlers/settlePayment.ts') }],
  },
  {
    name: 'return-stock',
    eventPattern: {
      source: ['ecommerce.orders'],
      'detail-type': ['OrderStatusChanged'],
      detail: { status: stockReturningStatuses() },
    },
    targets: [
      { type: 'HANDLER', id: 'products-return-stock', handler: handler('backend-services/products/handlers/returnStock.ts') },
    ],
  },
  {
    // Every status change of an order, to the `onOrderStatusChanged` subscribers: the AppSync
    // target calls the IAM-only publishOrderStatus with the update taken from the event's detail
    // (the detail's products and total stay behind).
    // Every status an order takes, NEW included, goes to onOrderStatusChanged subscribers.
    name: 'publish-order-status',
    eventPattern: {
      source: ['ecommerce.orders'],
      'detail-type': ['OrderCreated', 'OrderStatusChanged'],
    },
    targets: [
      {
        type: 'APPSYNC',
        id: 'appsync-publish-order-status',
        document:
          'mutation PublishOrderStatus($input: OrderStatusUpdateInput!) { publishOrderStatus(input: $input) { orderId userId status previousStatus statusReason modifiedDate } }',
        inputTransformer: {
          inputPathsMap: {
            orderId: '$.detail.orderId',
            userId: '$.detail.userId',
            status: '$.detail.status',
            previousStatus: '$.detail.previousStatus',
            statusReason: '$.detail.statusReason',
            modifiedDate: '$.detail.modifiedDate',
          },
          // Unquoted placeholders are JSON values: strings arrive quoted and escaped, and a
          // missing previousStatus or statusReason is null.
          inputTemplate:
            '{"input": {"orderId": <orderId>, "userId": <userId>, "status": <status>, "previousStatus": <previousStatus>, "statusReason": <statusReason>, "modifiedDate": <modifiedDate>}}',
        },
      },
    ],
  },
  {
    // Every stock move, to the product's onProductStockChanged subscribers (product pages, guests
    // included); `available` is the resolver's to work out.
    name: 'publish-product-stock',
    eventPattern: {
      source: ['ecommerce.products'],
      'detail-type': ['ProductStockChanged'],
    },
    targets: [
      {
        type: 'APPSYNC',
        id: 'appsync-publish-product-stock',
        document:
          'mutation PublishProductStock($input: ProductStockInput!) { publishProductStock(input: $input) { productId stock available modifiedDate } }',
        inputTransformer: {
          inputPathsMap: { productId: '$.detail.productId', stock: '$.detail.stock', modifiedDate: '$.detail.modifiedDate' },
          inputTemplate: '{"input": {"productId": <productId>, "stock": <stock>, "modifiedDate": <modifiedDate>}}',
        },
      },
    ],
  },
  ...(Object.keys(STOCK_CROSSINGS) as StockCrossing[]).map(inventoryAlertRule),
];

/**
 * One stock crossing (domain/inventory.ts), to the back office's onInventoryAlert subscribers: the
 * AppSync target calls the IAM-only publishInventoryAlert. One rule per crossing, because an input
 * transformer cannot compute: each rule's template names its alert kind; `at` is the event's time.
 */
function inventoryAlertRule(crossing: StockCrossing): RuleDeclaration {
  const { kind } = STOCK_CROSSINGS[crossing];
  const suffix = kind.toLowerCase().replace(/_/g, '-');
  return {
    name: `publish-inventory-alert-${suffix}`,
    eventPattern: { source: ['ecommerce.products'], 'detail-type': [crossing] },
    targets: [
      {
        type: 'APPSYNC',
        id: `appsync-publish-inventory-alert-${suffix}`,
        document:
          'mutation PublishInventoryAlert($input: InventoryAlertInput!) { publishInventoryAlert(input: $input) { productId name kind stock threshold at } }',
        inputTransformer: {
          inputPathsMap: {
            productId: '$.detail.productId',
            name: '$.detail.name',
            stock: '$.detail.stock',
            threshold: '$.detail.threshold',
            at: '$.time',
          },
          inputTemplate: `{"input": {"productId": <productId>, "name": <name>, "kind": "${kind}", "stock": <stock>, "threshold": <threshold>, "at": <at>}}`,
        },
      },
    ],
  };
}

/** The top-level fields of a mutation document (the only ones its target's role may call). */
export function mutationFieldsOf(document: string): string[] {
  const [operation, ...others] = parse(document).definitions;
  if (operation?.kind !== Kind.OPERATION_DEFINITION || operation.operation !== OperationTypeNode.MUTATION || others.length > 0) {
    throw new Error(`Not one mutation: ${document}`);
  }
  return [
    ...new Set(
      operation.selectionSet.selections.map((selection) => {
        if (selection.kind !== Kind.FIELD) throw new Error(`A target's mutation names its fields, not fragments: ${document}`);
        return selection.name.value;
      }),
    ),
  ];
}
