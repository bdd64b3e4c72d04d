/**
 * An EventBridge event pattern, as CDK and the local bus both read it.
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html
 */
export type PatternMatcher =
  | string
  | number
  | boolean
  | null
  | { prefix: string }
  | { suffix: string }
  | { 'anything-but': string | number | readonly (string | number)[] | { prefix: string } }
  | { exists: boolean }
  | { numeric: readonly (string | number)[] }
  | { 'equals-ignore-case': string }
  | { wildcard: string };

export interface EventPattern {
  source?: readonly PatternMatcher[];
  'detail-type'?: readonly PatternMatcher[];
  detail?: PatternObject;
  [field: string]: readonly PatternMatcher[] | PatternObject | undefined;
}

export interface PatternObject {
  [field: string]: readonly PatternMatcher[] | PatternObject;
}
