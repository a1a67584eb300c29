import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import { type DirectLineService, MAX_ACTIVITIES_PER_SET } from '../../directline/directline.service.ts';
import { parseWatermark } from '../../directline/directline-activity.ts';
import type { TranscriptEvents } from '../../directline/transcript-events.ts';
import type { Logger } from '../../logging/logger.ts';
import type { Durability } from '../../store/durability.ts';
import { DIRECT_LINE_BASE_PATH } from './directline.routes.ts';

/**
 * How often an open stream pings the client (keeping proxies from closing an idle connection) and
 * looks in the database for activities it was not told about, i.e. appended by another server
 * process on the same database: such activities arrive within this delay, the process's own at
 * once. (Several processes would want a database notification instead, e.g. PostgreSQL's NOTIFY.)
 */
const STREAM_CHECK_INTERVAL_MS = 30_000;

const STREAM_PATH = new RegExp(`^${DIRECT_LINE_BASE_PATH}/conversations/([^/]+)/stream$`);

const STATUS_TEXT: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  500: 'Internal Server Error',
};

export interface DirectLineStreamDeps {
  readonly service: DirectLineService;
  readonly events: TranscriptEvents;
  readonly logger: Logger;
  /** Every frame waits for it: a client is never shown an activity a power loss could take back. */
  readonly durability: Pick<Durability, 'sync'>;
  readonly checkIntervalMs?: number;
}

/** The WebSocket side of Direct Line on a running HTTP server. */
export interface DirectLineStreams {
  /** Open streams right now. */
  readonly size: number;
  /** Stops accepting streams and closes the open ones (the HTTP server cannot close before). */
  close(): void;
}

/**
 * Serves `streamUrl`s (`GET /v3/directline/conversations/:id/stream?t=<stream token>[&watermark=N]`)
 * on `server`'s `upgrade` event. A stream first replays the activities after `watermark` (all of
 * them without one), then pushes `{ activities, watermark }` frames as the transcript grows.
 * Upgrade requests for other paths are left to other listeners.
 */
export function attachDirectLineStream(server: http.Server, deps: DirectLineStreamDeps): DirectLineStreams {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const onUpgrade = (req: http.IncomingMessage, socket: Duplex, head: Buffer): void => {
    // Node leaves an upgraded socket without an error listener: a client reset must not crash the process.
    socket.on('error', (err) => deps.logger.debug({ err }, 'Direct Line stream socket error before upgrade'));
    const target = parseStreamTarget(req.url);
    if (target.kind !== 'stream') {
      // Another listener may own this path; with none, nobody would ever answer.
      if (server.listenerCount('upgrade') === 1) refuse(socket, target.kind === 'bad' ? 400 : 404);
      return;
    }
    const { conversationId, url } = target;
    const watermark = parseWatermark(url.searchParams.get('watermark') ?? undefined);
    deps.service.authorizeStream(url.searchParams.get('t') ?? undefined, conversationId).then(
      (check) => {
        if (check.kind === 'unauthorized') return refuse(socket, 401);
        if (check.kind === 'forbidden') return refuse(socket, 403);
        if (check.kind === 'not-found') return refuse(socket, 404);
        if (watermark === undefined) return refuse(socket, 400);
        wss.handleUpgrade(req, socket, head, (ws) => {
          new StreamConnection(ws, conversationId, watermark, deps).open();
        });
      },
      (err: unknown) => {
        deps.logger.error({ err, conversationId }, 'could not open a Direct Line stream');
        refuse(socket, 500);
      },
    );
  };
  server.on('upgrade', onUpgrade);
  return {
    get size() {
      return wss.clients.size;
    },
    close() {
      server.off('upgrade', onUpgrade);
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}

/** What an upgrade's request target names: a stream, some other path, or nothing parseable. */
type StreamTarget =
  | { readonly kind: 'stream'; readonly conversationId: string; readonly url: URL }
  | { readonly kind: 'other' }
  | { readonly kind: 'bad' };

/**
 * Reads a request target (origin form `/v3/…`, or absolute form `http://host/v3/…`) without
 * throwing: a target `URL` cannot parse, or a conversation id with a malformed %-escape, is `bad`.
 */
function parseStreamTarget(target: string | undefined): StreamTarget {
  let url: URL;
  try {
    url = new URL(target ?? '/', 'http://localhost');
  } catch {
    return { kind: 'bad' };
  }
  const encoded = STREAM_PATH.exec(url.pathname)?.[1];
  if (encoded === undefined) return { kind: 'other' };
  try {
    return { kind: 'stream', conversationId: decodeURIComponent(encoded), url };
  } catch {
    return { kind: 'bad' };
  }
}

function refuse(socket: Duplex, status: number): void {
  socket.end(`HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? ''}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/** One open stream: pushes what comes after its watermark, one fetch at a time. */
class StreamConnection {
  #pumping = false;
  #again = false;
  #closed = false;

  constructor(
    private readonly ws: WebSocket,
    private readonly conversationId: string,
    private watermark: number,
    private readonly deps: DirectLineStreamDeps,
  ) {}

  open(): void {
    const unsubscribe = this.deps.events.subscribe(this.conversationId, () => void this.pump());
    const timer = setInterval(() => {
      this.ws.ping();
      void this.pump();
    }, this.deps.checkIntervalMs ?? STREAM_CHECK_INTERVAL_MS);
    timer.unref();
    this.ws.on('close', () => {
      this.#closed = true;
      unsubscribe();
      clearInterval(timer);
    });
    this.ws.on('error', (err) =>
      this.deps.logger.debug({ err, conversationId: this.conversationId }, 'Direct Line stream error'),
    );
    // Clients send empty keep-alive messages; there is nothing to read from them.
    this.ws.on('message', () => {});
    void this.pump();
  }

  /** Sends everything after the watermark; a notice during a fetch makes it look once more. */
  private async pump(): Promise<void> {
    if (this.#pumping) {
      this.#again = true;
      return;
    }
    this.#pumping = true;
    try {
      do {
        this.#again = false;
        let full: boolean;
        do {
          if (this.#closed) return;
          const set = await this.deps.service.activitiesAfter(this.conversationId, this.watermark);
          full = set.activities.length === MAX_ACTIVITIES_PER_SET;
          if (set.activities.length === 0 || this.#closed) break;
          await this.deps.durability.sync();
          if (this.#closed) return;
          this.ws.send(JSON.stringify(set));
          this.watermark = Number(set.watermark);
        } while (full);
      } while (this.#again);
    } catch (err) {
      this.deps.logger.warn(
        { err, conversationId: this.conversationId },
        'Direct Line stream could not read the transcript',
      );
      this.ws.close(1011, 'transcript unavailable');
    } finally {
      this.#pumping = false;
    }
  }
}
