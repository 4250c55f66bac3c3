/** The preflight a browser on `origin` sends before POSTing to `url` with these request headers. */
export function corsPreflight(url: string, origin: string, requestHeaders: string) {
  return fetch(url, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': requestHeaders,
    },
  });
}
