import { createServer } from 'node:net';
import { StackError } from './config.ts';

/** Fails with one clear line when something already listens on 127.0.0.1:port. */
export function assertPortFree(port: number, what: string, envName: string): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const probe = createServer();
    probe.once('error', (err: NodeJS.ErrnoException) => {
      const why = err.code === 'EADDRINUSE' ? 'is already in use' : `cannot be used (${err.code})`;
      reject(
        new StackError(`${what} port 127.0.0.1:${port} ${why}; set ${envName} to another port`),
      );
    });
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolvePromise()));
  });
}
