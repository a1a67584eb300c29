import net from 'node:net';

/** What came back on a raw socket: the status line's code (0 when nothing parseable) and the whole text. */
export interface RawResponse {
  readonly status: number;
  readonly text: string;
  /** The same bytes, undecoded. */
  readonly bytes: Buffer;
  /** True when the server closed the connection (rather than the test giving up). */
  readonly closed: boolean;
}

/**
 * Writes `request` verbatim to a fresh TCP connection to `url`'s host and port and collects what
 * comes back until the server closes the connection, or `waitMs` passes (then the socket is
 * destroyed). For requests `fetch` refuses to send: bad request targets, upgrades, lying headers.
 */
export function rawRequest(url: string, request: string | Buffer, waitMs = 2_000): Promise<RawResponse> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = (closed: boolean): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const bytes = Buffer.concat(chunks);
      const text = bytes.toString('latin1');
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1];
      resolve({ status: status === undefined ? 0 : Number(status), text, bytes, closed });
    };
    const timer = setTimeout(() => finish(false), waitMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => finish(true));
    socket.on('close', () => finish(true));
    socket.on('error', () => finish(true));
    socket.write(request);
  });
}

/** A WebSocket upgrade request for `target` (written as given, so it may be malformed). */
export function upgradeRequest(target: string): string {
  return [
    `GET ${target} HTTP/1.1`,
    'Host: localhost',
    'Connection: Upgrade',
    'Upgrade: websocket',
    'Sec-WebSocket-Version: 13',
    'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
    '',
    '',
  ].join('\r\n');
}
