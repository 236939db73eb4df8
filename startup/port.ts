// A port that is already taken is found before anything starts (the worker polling,
// the dev server), not as a stack trace once they run.
import { createServer } from 'node:net';
import { StartupError } from './errors.js';

/** Resolves when `port` on `host` can be listened on; else a StartupError naming the setting. */
export function assertPortFree(port: number, host: string, setting: string): Promise<void> {
  if (!Number.isInteger(port) || port < 0 || port > 65_535) return Promise.reject(new StartupError(`${setting}=${port} is not a port number (0 to 65535)`));
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') reject(new StartupError(`port ${port} on ${host} is already in use (${setting}): stop what holds it or set ${setting} to a free port`));
      else if (error.code === 'EACCES') reject(new StartupError(`port ${port} on ${host} needs privileges this process lacks (${setting}): choose a port above 1023`));
      else reject(error);
    });
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}
