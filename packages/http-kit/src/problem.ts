import {
  type DomainError,
  type ErrorKind,
  type FieldError,
  type LocalizedText,
  MAX_LISTED_ERRORS,
  type Problem,
} from '@congdoan/contracts';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { Lang } from './language.ts';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

const STATUS_BY_KIND: Record<ErrorKind, number> = {
  validation: 400,
  unauthorized: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'precondition-failed': 412,
  'payload-too-large': 413,
  'unsupported-media-type': 415,
  unprocessable: 422,
  'precondition-required': 428,
};

export const statusOfKind = (kind: ErrorKind): number => STATUS_BY_KIND[kind];

/** Everything a problem says, before it is put in the caller's language. */
export interface ProblemInput {
  status: number;
  code: string;
  title: LocalizedText;
  detail: LocalizedText;
  fieldErrors?: readonly FieldError[];
  /** Extra response headers, e.g. `Allow` on a 405. */
  headers?: Record<string, string>;
}

export interface ProblemContext {
  /** The request path; becomes `instance`. */
  instance?: string;
  requestId?: string;
}

/** A caller's field name (an unknown key can be any length) or a message, cut to `max` characters. */
const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * The RFC 9457 body: a stable `type` and `code`, text in `lang`. It lists at most
 * `MAX_LISTED_ERRORS` failing fields, each clipped, and counts the rest in
 * `moreErrors`, so 20,000 unknown keys answer a few kilobytes.
 */
export function problemBody(input: ProblemInput, lang: Lang, context: ProblemContext = {}): Problem {
  const body: Problem = {
    type: `urn:congdoan:problem:${input.code}`,
    title: input.title[lang],
    status: input.status,
    detail: input.detail[lang],
    code: input.code,
  };
  if (context.instance !== undefined) body.instance = context.instance;
  if (context.requestId !== undefined) body.requestId = context.requestId;
  const fieldErrors = input.fieldErrors ?? [];
  if (fieldErrors.length > 0) {
    body.errors = fieldErrors
      .slice(0, MAX_LISTED_ERRORS)
      .map((e) => ({ location: e.location, field: clip(e.field, 100), message: clip(e.message, 500) }));
  }
  if (fieldErrors.length > MAX_LISTED_ERRORS) body.moreErrors = fieldErrors.length - MAX_LISTED_ERRORS;
  return body;
}

/** A problem+json response in the caller's language. */
export function problemResponse(
  input: ProblemInput,
  lang: Lang,
  context: ProblemContext = {},
): APIGatewayProxyStructuredResultV2 & { statusCode: number; headers: Record<string, string> } {
  return {
    statusCode: input.status,
    headers: {
      ...input.headers,
      'content-type': PROBLEM_CONTENT_TYPE,
      'content-language': lang,
      'cache-control': 'no-store',
    },
    body: JSON.stringify(problemBody(input, lang, context)),
  };
}

export function domainProblem(error: DomainError): ProblemInput {
  const input: ProblemInput = {
    status: statusOfKind(error.kind),
    code: error.code,
    title: error.title,
    detail: error.detail,
  };
  if (error.fieldErrors) input.fieldErrors = error.fieldErrors;
  return input;
}

/**
 * Renders a DomainError as the HTTP stack does, for code outside it (the local
 * gateway answers 401 itself, before any Lambda runs).
 */
export function renderProblem(error: DomainError, lang: Lang, instance?: string, requestId?: string) {
  return problemResponse(domainProblem(error), lang, { instance, requestId });
}
