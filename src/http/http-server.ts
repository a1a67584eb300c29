import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';

/** A started HTTP server and how to stop it. */
export interface RunningServer {
  readonly port: number;
  readonly url: string;
  /** Stops accepting connections, closes idle keep-alive sockets, resolves when all are closed. */
  close(): Promise<void>;
  readonly server: http.Server;
}

/** Listens on `port` (0 = an ephemeral port, as tests use) and resolves once listening. */
export function listen(app: Express, port: number, host: string): Promise<RunningServer> {
  const server = http.createServer(app);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const actual = (server.address() as AddressInfo).port;
      const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
      resolve({
        port: actual,
        url: `http://${shownHost}:${actual}`,
        server,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeIdleConnections();
          }),
      });
    });
  });
}
