// The event bus and its rules. Each service emits its own facts (source `ecommerce.<service>`);
// rules route them to other services' handlers, or to the AppSync API itself.
import type { HandlerReference } from './handlers.ts';

export const EVENT_BUS_NAME = 'commerce';

export interface InputTransformerDeclaration {
  readonly inputPathsMap: Readonly<Record<string, string>>;
  readonly inputTemplate: string;
}

export type TargetDeclaration =
  | { readonly type: 'HANDLER'; readonly id: string; readonly handler: HandlerReference; readonly inputTransformer?: InputTransformerDeclaration }
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
}

export const EVENT_RULES: readonly RuleDeclaration[] = [];
