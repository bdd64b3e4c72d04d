/**
 * `GET /docs`: the API reference, rendered by Swagger UI from `/openapi.json`. Its assets
 * are served from the `swagger-ui-dist` package, so the page works offline. A small form
 * above it gets a dev token from `/_local/token` and authorises "Try it out" with it.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ROLES } from '@congdoan/contracts';
import type { HttpResult } from './apigw.ts';

const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};

let assetDir: string | undefined;
const assetCache = new Map<string, Buffer>();

function swaggerDir(): string {
  assetDir ??= dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  return assetDir;
}

/** `/docs/assets/<name>`: one of Swagger UI's files, or undefined for any other name. */
export function docsAsset(name: string): HttpResult | undefined {
  const type = ASSETS[name];
  if (!type) return undefined;
  let body = assetCache.get(name);
  if (!body) {
    body = readFileSync(join(swaggerDir(), name));
    assetCache.set(name, body);
  }
  return { statusCode: 200, headers: { 'content-type': type, 'cache-control': 'public, max-age=3600' }, body };
}

export function docsPage(): HttpResult {
  const roles = ROLES.map(
    (r) => `<label><input type="checkbox" name="role" value="${r}"${r === 'admin' ? ' checked' : ''}> ${r}</label>`,
  ).join('\n        ');
  const html = `<!doctype html>
<html lang="vi">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Công đoàn API — tài liệu (local)</title>
  <link rel="icon" type="image/png" href="/docs/assets/favicon-32x32.png">
  <link rel="stylesheet" href="/docs/assets/swagger-ui.css">
  <style>
    body { margin: 0; font-family: system-ui, sans-serif; }
    #token { padding: 12px 20px; background: #f3f6f9; border-bottom: 1px solid #d8dee4; font-size: 14px; }
    #token fieldset { border: 0; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 6px 14px; align-items: center; }
    #token input[type=text] { padding: 4px 6px; width: 16em; }
    #token button { padding: 4px 12px; cursor: pointer; }
    #token-status { margin-left: 8px; color: #3b5; }
    #token-status.error { color: #c33; }
    #token a { margin-left: 12px; }
  </style>
</head>
<body>
  <form id="token">
    <fieldset>
      <strong>Mã truy cập thử / Dev token:</strong>
        ${roles}
      <input type="text" name="unitId" placeholder="unitId (trống = toàn cây / whole tree)">
      <button type="submit">Lấy token / Get token</button>
      <span id="token-status"></span>
      <a href="/_local/events">/_local/events</a>
      <a href="/_local/dead-letters">/_local/dead-letters</a>
      <a href="/health">/health</a>
      <a href="/openapi.json">/openapi.json</a>
    </fieldset>
  </form>
  <div id="ui"></div>
  <script src="/docs/assets/swagger-ui-bundle.js"></script>
  <script>
    let devToken = null;
    const ui = SwaggerUIBundle({
      url: '/openapi.json',
      // The dev token goes on every "Try it out" call that has no Authorization of its own.
      requestInterceptor: (request) => {
        const has = Object.keys(request.headers || {}).some((h) => h.toLowerCase() === 'authorization');
        if (devToken && !has) request.headers.Authorization = 'Bearer ' + devToken;
        return request;
      },
      dom_id: '#ui',
      deepLinking: true,
      persistAuthorization: true,
      displayOperationId: true,
      tryItOutEnabled: true,
      validatorUrl: null,
    });
    const form = document.getElementById('token');
    const status = document.getElementById('token-status');
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const roles = [...form.querySelectorAll('input[name=role]:checked')].map((el) => el.value);
      const unitId = form.elements.unitId.value.trim();
      const body = unitId ? { roles, unitId } : { roles };
      const res = await fetch('/_local/token', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'accept-language': navigator.language },
        body: JSON.stringify(body),
      });
      const json = await res.json();
      if (!res.ok) {
        status.className = 'error';
        // e.g. integration beside a person's roles: it is a machine client's role alone.
        status.textContent = (json.errors && json.errors[0] && json.errors[0].message) || json.detail || res.statusText;
        return;
      }
      devToken = json.token;
      ui.preauthorizeApiKey('bearerAuth', json.token);
      status.className = '';
      status.textContent = 'Đã gắn token (hết hạn ' + new Date(json.expiresAt).toLocaleTimeString() + ')';
    });
  </script>
</body>
</html>
`;
  return {
    statusCode: 200,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
    body: Buffer.from(html, 'utf8'),
  };
}
