// Picks a free TCP port on 127.0.0.1 by binding port 0 and reading what the kernel gave.
// The e2e config uses it so a test run never shares a server with anything else.
import { createServer } from 'node:net';

/** @returns {Promise<number>} a port that was free a moment ago. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}
