import type { ApiConfig } from './api.ts';

/**
 * The API's URL and key: `?url=…&key=…` on the page's address, else `config.json` beside
 * index.html (`{"url": …, "anon_key": …}`: the local stack serves one; a static deployment ships
 * its own). A key without a URL means the API is this page's own origin.
 */
export async function loadConfig(location: Location): Promise<ApiConfig | null> {
  const params = new URLSearchParams(location.search);
  let file: { url?: string; anon_key?: string } | null = null;
  try {
    const response = await fetch('config.json', { cache: 'no-store' });
    if (response.ok) file = await response.json();
  } catch {
    // No config.json: query parameters only.
  }
  const key = params.get('key') ?? file?.anon_key;
  if (!key) return null;
  const url = params.get('url') ?? file?.url ?? location.origin;
  return { url: url.replace(/\/+$/, ''), key };
}
