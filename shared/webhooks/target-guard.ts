import { literalAddress, refusedBecause } from './address-policy.ts';

/** Resolves a host name to every address it has (A and AAAA). */
export type Resolver = (hostname: string) => Promise<string[]>;

interface DenoDns {
  resolveDns(hostname: string, type: 'A' | 'AAAA'): Promise<string[]>;
}
interface NodeDns {
  lookup(hostname: string, options: { all: true; verbatim: true }): Promise<{ address: string }[]>;
}
interface NodeProcess {
  getBuiltinModule?(id: string): unknown;
}

/**
 * The runtime's own resolver: `Deno.resolveDns` in Deno (the Edge Runtime), `node:dns` under
 * Node. Reached through globals rather than an import of `node:dns`, so the functions' Deno
 * type-check needs no Node type declarations.
 */
export const systemResolver: Resolver = async (hostname) => {
  const deno = (globalThis as { Deno?: DenoDns }).Deno;
  if (deno?.resolveDns) {
    const answers = await Promise.all(
      (['A', 'AAAA'] as const).map((type) => deno.resolveDns(hostname, type).catch(() => [])),
    );
    return answers.flat();
  }
  const node = (globalThis as { process?: NodeProcess }).process;
  const dns = node?.getBuiltinModule?.('node:dns/promises') as NodeDns | undefined;
  if (!dns) throw new Error('no DNS resolver in this runtime');
  const found = await dns.lookup(hostname, { all: true, verbatim: true });
  return found.map((a) => a.address);
};

/**
 * Refuses a webhook hop whose host is, or resolves to, a loopback, private, link-local,
 * unspecified or otherwise internal address. `listed` is the target an admin allowlisted (the
 * database refuses any other): an IP literal there was named explicitly, so that very origin may
 * be internal. Names are resolved and every address is judged, so a public name pointing inside
 * is refused as well. (fetch resolves again when it connects; a name whose DNS answer changes in
 * between is the residual window, which the allowlist narrows to names an admin trusts.)
 */
export async function assertReachable(url: URL, listed: URL, resolve: Resolver): Promise<void> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error(`traffic webhook target must be http(s), not ${url.protocol}`);
  if (url.username || url.password)
    throw new Error('traffic webhook target must not carry credentials');
  const literal = literalAddress(url.hostname);
  if (literal) {
    const reason = refusedBecause(literal);
    if (reason && url.origin !== listed.origin)
      throw new Error(`traffic webhook target ${url.host} is a ${reason} address`);
    return;
  }
  const addresses = await resolve(url.hostname);
  if (addresses.length === 0)
    throw new Error(`traffic webhook target ${url.host} does not resolve`);
  for (const address of addresses) {
    const reason = refusedBecause(address);
    if (reason)
      throw new Error(`traffic webhook target ${url.host} resolves to a ${reason} address`);
  }
}
