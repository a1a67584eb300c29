import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { AppError } from '../shared/app.error.ts';

/** A started HTTP server and how to stop it. */
export interface RunningServer {
  readonly port: number;
  readonly url: string;
  /** Stops accepting connections, closes keep-alive sockets as they go idle, resolves when all are closed. */
  close(): Promise<void>;
  readonly server: http.Server;
}

/** How long clients may take; see `HttpEdgeConfig` for each. */
export interface ServerTimeouts {
  readonly headersTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly keepAliveTimeoutMs: number;
}

/** Node's own limits for a server that is not told otherwise (the internal connector's). */
const DEFAULT_SERVER_TIMEOUTS: ServerTimeouts = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
};

/**
 * Listens on `port` (0 = an ephemeral port, as tests use) and resolves once listening. A client
 * that is slower than `timeouts` to send its headers or its whole request gets a 408 and loses the
 * connection. These limits end with the request: a WebSocket stream, once upgraded, is not
 * subject to them, and a slow turn (the response) is not either.
 *
 * @throws ListenError when the port is taken or not allowed (a message that says which, and what to do).
 */
export function listen(
  app: Express,
  port: number,
  host: string,
  timeouts: ServerTimeouts = DEFAULT_SERVER_TIMEOUTS,
): Promise<RunningServer> {
  const server = http.createServer(
    {
      headersTimeout: timeouts.headersTimeoutMs,
      requestTimeout: timeouts.requestTimeoutMs,
      keepAliveTimeout: timeouts.keepAliveTimeoutMs,
      // Node enforces the two timeouts on this tick (30 s by default): a fraction of the shorter limit keeps them honest.
      connectionsCheckingInterval: Math.min(30_000, Math.max(25, Math.floor(timeouts.headersTimeoutMs / 4))),
    },
    app,
  );
  return new Promise((resolve, reject) => {
    const refused = (error: NodeJS.ErrnoException): void => reject(ListenError.from(error, host, port));
    server.once('error', refused);
    server.listen(port, host, () => {
      server.off('error', refused);
      const actual = (server.address() as AddressInfo).port;
      const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
      resolve({
        port: actual,
        url: `http://${shownHost}:${actual}`,
        server,
        close: () =>
          new Promise<void>((done) => {
            // A response still in flight at close leaves a keep-alive socket that close() would wait
            // on for the whole keep-alive timeout: close each such socket as soon as it goes idle.
            const sweep = setInterval(() => server.closeIdleConnections(), 50);
            server.close(() => {
              clearInterval(sweep);
              done();
            });
            server.closeIdleConnections();
          }),
      });
    });
  });
}

/** The server could not listen: what the operator changes (PORT, HOST) is in the message. */
export class ListenError extends AppError {
  static from(error: NodeJS.ErrnoException, host: string, port: number): Error {
    const where = `${host.includes(':') ? `[${host}]` : host}:${port}`;
    switch (error.code) {
      case 'EADDRINUSE':
        return new ListenError(
          `Cannot listen on ${where}: the port is already in use (another answerdesk, or another program). Set PORT to a free port or stop the other server.`,
          error,
        );
      case 'EACCES':
        return new ListenError(
          port > 0 && port < 1024
            ? `Cannot listen on ${where}: not allowed (ports below 1024 need privileges). Set PORT to 1024 or above.`
            : `Cannot listen on ${where}: the system does not allow this process to use that port. Set PORT to another port.`,
          error,
        );
      case 'EADDRNOTAVAIL':
        return new ListenError(
          `Cannot listen on ${where}: this machine has no such address. Set HOST to one of its addresses, or 0.0.0.0 for all.`,
          error,
        );
      case 'ENOTFOUND':
      case 'EAI_AGAIN':
        return new ListenError(
          `Cannot listen on ${where}: no address is known for the host name "${host}". Set HOST to an address of this machine, or 0.0.0.0 for all.`,
          error,
        );
      default:
        return error;
    }
  }

  private constructor(message: string, cause: Error) {
    super('listen_failed', message, { cause });
  }
}
