import type { MiddlewareObj } from '@middy/core';
import jsonBodyParser from '@middy/http-json-body-parser';
import { malformedJson, payloadTooLarge, unsupportedMediaType } from './errors.ts';
import type { HttpEvent } from './state.ts';

export const DEFAULT_BODY_LIMIT_BYTES = 256 * 1024;

const hasBody = (event: HttpEvent) => typeof event.body === 'string' && event.body.length > 0;

function bodyBytes(event: HttpEvent): number {
  if (!hasBody(event)) return 0;
  return Buffer.byteLength(event.body as string, event.isBase64Encoded ? 'base64' : 'utf8');
}

/** Refuses a body over the limit before anything reads it. */
export function bodyLimit(limitBytes: number): MiddlewareObj<HttpEvent> {
  return {
    before: (request) => {
      if (bodyBytes(request.event) > limitBytes) throw payloadTooLarge(limitBytes);
    },
  };
}

/**
 * Parses a JSON body with middy's parser (which also refuses `__proto__` keys),
 * mapping its errors to problems: no JSON content type → 415, bad JSON → 400.
 * An absent body is left undefined, for validation to decide whether it was required.
 */
export function jsonBody(): MiddlewareObj<HttpEvent> {
  const parser = jsonBodyParser();
  return {
    before: async (request) => {
      if (!hasBody(request.event)) {
        request.event.body = undefined;
        return;
      }
      try {
        await parser.before?.(request as never);
      } catch (error) {
        if ((error as { statusCode?: number }).statusCode === 415) {
          throw unsupportedMediaType(request.event.headers?.['content-type']);
        }
        throw malformedJson();
      }
    },
  };
}
