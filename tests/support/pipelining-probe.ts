import { type AddressInfo, connect, createServer, type Socket } from 'node:net';

/**
 * A TCP proxy in front of PostgreSQL that watches the wire protocol as a transaction pooler
 * (Supavisor, PgBouncer in `pool_mode = transaction`) handles it: such a pooler gives the server
 * connection back at the ReadyForQuery that ends a transaction (status `I`), so whatever a client
 * had already sent behind that statement reaches a server connection no client owns any more, and
 * its answers are dropped. The probe counts those moments on every connection — it changes
 * nothing on the wire — so a plain PostgreSQL shows what would hang behind a pooler.
 */
export interface PipeliningProbe {
  /** The database URL with the probe's host and port. */
  url: string;
  /** How often a client had sent more messages when a ReadyForQuery ended its transaction. */
  pastTransactionEnd(): number;
  close(): Promise<void>;
}

export async function startPipeliningProbe(databaseUrl: string): Promise<PipeliningProbe> {
  const target = new URL(databaseUrl);
  let count = 0;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(Number(target.port || 5432), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    }
    // Frontend messages received so far, and for each request sent (ended by Sync or a simple
    // Query) how many frontend messages there were when it ended. Both directions are read
    // before they are forwarded, so a message counted here reached the probe before the answer.
    let sent = 0;
    const ends: number[] = [];
    const fromClient = messageReader(true, (type) => {
      sent++;
      if (type === 'S' || type === 'Q') ends.push(sent);
    });
    const fromServer = messageReader(false, (type, status) => {
      if (type !== 'Z') return;
      const end = ends.shift();
      if (end !== undefined && status === 'I' && sent > end) count++;
    });
    client.on('data', (chunk) => {
      fromClient(chunk);
      upstream.write(chunk);
    });
    upstream.on('data', (chunk) => {
      fromServer(chunk);
      client.write(chunk);
    });
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = new URL(databaseUrl);
  url.hostname = '127.0.0.1';
  url.port = String((server.address() as AddressInfo).port);
  return {
    url: url.toString(),
    pastTransactionEnd: () => count,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * Splits a byte stream into protocol messages: a type byte and a length that counts itself (the
 * client's first message, the startup packet, has no type byte). Calls back with the type and the
 * first byte of the body (ReadyForQuery's transaction status).
 */
function messageReader(startup: boolean, onMessage: (type: string, first: string) => void) {
  let buffer = Buffer.alloc(0);
  let untyped = startup;
  return (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const header = untyped ? 4 : 5;
      if (buffer.length < header) return;
      const length = buffer.readUInt32BE(header - 4);
      const total = length + header - 4;
      if (buffer.length < total) return;
      if (untyped) untyped = false;
      else onMessage(String.fromCharCode(buffer[0] as number), String.fromCharCode(buffer[5] ?? 0));
      buffer = buffer.subarray(total);
    }
  };
}
