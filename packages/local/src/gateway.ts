/**
 * The local API Gateway: one node:http server on 127.0.0.1 that serves every manifest
 * route as the HTTP API does (JWT authorizer, payload format 2.0 event, the real handler),
 * plus the local-only endpoints.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CORS_ALLOW_HEADERS,
  CORS_MAX_AGE_SECONDS,
  CORS_METHODS,
  type DomainError,
  routeScopes,
  tokenScope,
} from '@congdoan/contracts';
import { type Lang, preferredLanguage, renderProblem, routeScopeRefusal } from '@congdoan/http-kit';
import {
  buildEvent,
  type HttpResult,
  INTEGRATION_ERROR,
  INTEGRATION_TIMEOUT,
  type IncomingRequest,
  splitUrl,
  toHttpResult,
} from './apigw.ts';
import { type HandlerResolver, invokeLambda, LambdaTimeoutError } from './lambda.ts';
import { AUTH_PROBLEMS, payloadTooLarge, routeNotFound } from './problems.ts';
import type { RouteTable } from './routes.ts';
import { type LocalTokens, scopesOf } from './tokens.ts';

/** API Gateway's limit on a request body. */
export const API_GATEWAY_MAX_BODY_BYTES = 10 * 1024 * 1024;
/** API Gateway's integration timeout is 30 s; the function's own is set a little under it. */
export const HTTP_FUNCTION_TIMEOUT_MS = 29_000;

export interface LocalRequest {
  method: string;
  rawPath: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  lang: Lang;
  requestId: string;
}

/** Answers a local-only endpoint, or `undefined` when the path is not one. */
export type LocalEndpoints = (request: LocalRequest) => Promise<HttpResult | undefined>;

export interface GatewayOptions {
  routes: RouteTable;
  tokens: LocalTokens;
  resolveHandler: HandlerResolver;
  local: LocalEndpoints;
  /** One line per request; silent when absent. */
  logRequest?: (line: string) => void;
  /** Errors of handlers, as CloudWatch would show them. */
  logError?: (line: string) => void;
  maxBodyBytes?: number;
  functionTimeoutMs?: number;
}

export class Gateway {
  private readonly server: Server;
  private readonly maxBodyBytes: number;
  private readonly functionTimeoutMs: number;
  private readonly inFlight = new Set<Promise<void>>();
  private boundPort = 0;

  constructor(private readonly options: GatewayOptions) {
    this.maxBodyBytes = options.maxBodyBytes ?? API_GATEWAY_MAX_BODY_BYTES;
    this.functionTimeoutMs = options.functionTimeoutMs ?? HTTP_FUNCTION_TIMEOUT_MS;
    this.server = createServer((req, res) => {
      const work = this.handle(req, res).catch((error: unknown) => {
        if (error instanceof RequestAbortedError) {
          res.destroy();
          return;
        }
        this.options.logError?.(`gateway: ${describe(error)}`);
        if (!res.headersSent) write(res, INTEGRATION_ERROR);
        else res.destroy();
      });
      this.inFlight.add(work);
      void work.finally(() => this.inFlight.delete(work));
    });
    this.server.keepAliveTimeout = 5000;
  }

  /** Listens on 127.0.0.1; port 0 picks a free one. Resolves with the port. */
  listen(port: number): Promise<number> {
    return new Promise((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      this.server.once('error', onError);
      this.server.listen(port, '127.0.0.1', () => {
        this.server.off('error', onError);
        this.boundPort = (this.server.address() as AddressInfo).port;
        resolve(this.boundPort);
      });
    });
  }

  get port(): number {
    return this.boundPort;
  }

  /** Stops accepting connections and waits for requests in flight (at most `graceMs`). */
  async close(graceMs = 10_000): Promise<void> {
    if (!this.server.listening) return;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeIdleConnections();
    const timer = setTimeout(() => this.server.closeAllConnections(), graceMs);
    await Promise.allSettled([...this.inFlight]);
    this.server.closeIdleConnections();
    await closed;
    clearTimeout(timer);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = Date.now();
    const requestId = randomUUID();
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    const { rawPath, rawQueryString } = splitUrl(url);
    const lang = preferredLanguage(header(req, 'accept-language'));
    let result: HttpResult;
    let target = '';

    const declared = Number(req.headers['content-length']);
    let body: Buffer | undefined;
    if (Number.isFinite(declared) && declared > this.maxBodyBytes) {
      result = problem(payloadTooLarge(this.maxBodyBytes), lang, rawPath, requestId);
    } else {
      body = await readBody(req, this.maxBodyBytes);
      result = body
        ? await this.dispatch(req, { method, url, rawPath, rawQueryString, body, lang, requestId }, (t) => {
            target = t;
          })
        : problem(payloadTooLarge(this.maxBodyBytes), lang, rawPath, requestId);
    }
    if (!body) {
      // The rest of an oversized body is not read; the connection cannot be reused.
      result.headers.connection = 'close';
      res.once('finish', () => req.destroy());
    }
    result.headers['apigw-requestid'] ??= requestId;
    write(res, result);
    this.options.logRequest?.(
      `${method} ${url} → ${result.statusCode} ${Date.now() - started}ms${target ? ` (${target})` : ''}`,
    );
  }

  private async dispatch(
    req: IncomingMessage,
    r: {
      method: string;
      url: string;
      rawPath: string;
      rawQueryString: string;
      body: Buffer;
      lang: Lang;
      requestId: string;
    },
    setTarget: (target: string) => void,
  ): Promise<HttpResult> {
    const local = await this.options.local({
      method: r.method,
      rawPath: r.rawPath,
      query: new URLSearchParams(r.rawQueryString),
      headers: req.headers,
      body: r.body,
      lang: r.lang,
      requestId: r.requestId,
    });
    if (local) return local;

    if (r.method === 'OPTIONS' && req.headers.origin && req.headers['access-control-request-method']) {
      return preflight(req);
    }

    const match = this.options.routes.match(r.method, r.rawPath);
    if (match.kind === 'not-found') return problem(routeNotFound(r.method, r.rawPath), r.lang, r.rawPath, r.requestId);
    if (match.kind === 'method-not-allowed') {
      // API Gateway answers 404 for a path it knows under another method; the detail says which.
      return problem(routeNotFound(r.method, r.rawPath, match.allowed), r.lang, r.rawPath, r.requestId);
    }
    const { route, pathParameters } = match;
    const functionName = `${route.manifest.service}-http`;
    setTarget(functionName);

    // The JWT authorizer: identity source $request.header.Authorization.
    const authorization = header(req, 'authorization')?.trim();
    const token = authorization?.replace(/^Bearer\s+/i, '').trim() || undefined;
    const verified = await this.options.tokens.verify(token);
    if (!verified.ok) {
      const result = problem(AUTH_PROBLEMS[verified.reason](), r.lang, r.rawPath, r.requestId);
      result.headers['www-authenticate'] =
        verified.reason === 'missing-token'
          ? 'Bearer'
          : `Bearer error="invalid_token", error_description="${verified.reason}"`;
      return result;
    }

    // The route's authorizationScopes: the token must hold one of them, as http-kit checks again.
    const refused = routeScopeRefusal(route.manifest.service, route.route, scopesOf(verified.claims) ?? []);
    if (refused) {
      const result = problem(refused, r.lang, r.rawPath, r.requestId);
      const needed = routeScopes(route.manifest.service, route.route).map(tokenScope).join(' ');
      result.headers['www-authenticate'] = `Bearer error="insufficient_scope", scope="${needed}"`;
      return result;
    }

    const request: IncomingRequest = {
      method: r.method,
      url: r.url,
      rawHeaders: req.rawHeaders,
      body: r.body,
      sourceIp: normaliseIp(req.socket.remoteAddress),
      httpVersion: req.httpVersion,
    };
    const event = buildEvent({
      request,
      routeKey: route.routeKey,
      pathParameters,
      claims: verified.claims,
      requestId: r.requestId,
    });
    try {
      const handler = await this.options.resolveHandler(route.manifest, route.manifest.http);
      const output = await invokeLambda(handler, event, functionName, this.functionTimeoutMs, randomUUID());
      return toHttpResult(output);
    } catch (error) {
      this.options.logError?.(`${functionName} ${r.requestId}: ${describe(error)}`);
      return error instanceof LambdaTimeoutError ? clone(INTEGRATION_TIMEOUT) : clone(INTEGRATION_ERROR);
    }
  }
}

export function problem(error: DomainError, lang: Lang, instance: string, requestId: string): HttpResult {
  const rendered = renderProblem(error, lang, instance, requestId);
  return {
    statusCode: rendered.statusCode,
    headers: { ...rendered.headers },
    body: Buffer.from(String(rendered.body ?? ''), 'utf8'),
  };
}

export function json(statusCode: number, value: unknown): HttpResult {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
    body: Buffer.from(JSON.stringify(value, null, 2), 'utf8'),
  };
}

class RequestAbortedError extends Error {
  constructor() {
    super('the client went away before sending the whole request');
    this.name = 'RequestAbortedError';
  }
}

/** Reads the body, or resolves `undefined` as soon as it grows past `limit`. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        req.pause();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!done) resolve(Buffer.concat(chunks));
    });
    req.on('error', (error) => {
      if (!done) reject(error);
    });
    req.on('close', () => {
      if (!done && !req.complete) {
        done = true;
        reject(new RequestAbortedError());
      }
    });
  });
}

function preflight(req: IncomingMessage): HttpResult {
  return {
    statusCode: 204,
    headers: {
      'access-control-allow-origin': String(req.headers.origin),
      'access-control-allow-methods': CORS_METHODS.join(', '),
      'access-control-allow-headers': CORS_ALLOW_HEADERS.join(', ').toLowerCase(),
      'access-control-max-age': String(CORS_MAX_AGE_SECONDS),
      vary: 'origin',
    },
    body: Buffer.alloc(0),
  };
}

function write(res: ServerResponse, result: HttpResult): void {
  res.writeHead(result.statusCode, { ...result.headers, 'content-length': String(result.body.length) });
  res.end(result.body);
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

function normaliseIp(address: string | undefined): string {
  if (!address) return '127.0.0.1';
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}

function clone(result: HttpResult): HttpResult {
  return { statusCode: result.statusCode, headers: { ...result.headers }, body: Buffer.from(result.body) };
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}
