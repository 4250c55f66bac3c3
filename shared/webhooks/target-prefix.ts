/**
 * An allowlist entry as stored: the WHATWG-normalised origin and path, ending in '/'. Refuses
 * what a target must not have (credentials, a query or fragment, a scheme other than http(s)).
 * Returns the prefix, or the reason it cannot be one.
 */
export function targetPrefix(raw: string): { prefix: string } | { error: string } {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { error: 'not a URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { error: 'must be http(s)' };
  if (url.username || url.password) return { error: 'must not carry credentials' };
  if (url.search || url.hash) return { error: 'must not have a query or fragment' };
  const path = url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`;
  return { prefix: `${url.origin}${path}` };
}
