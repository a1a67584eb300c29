import WebSocket from 'ws';

/** An activity as Direct Line clients receive it (only the fields tests look at). */
export interface WireActivity {
  type: string;
  id: string;
  timestamp: string;
  channelId: string;
  text?: string;
  replyToId?: string;
  conversation: { id: string };
  from: { id: string; name?: string; role?: string };
  channelData?: { clientActivityID?: string };
  [field: string]: unknown;
}

export interface ActivitySet {
  activities: WireActivity[];
  watermark: string;
}

export interface Conversation {
  conversationId: string;
  token: string;
  expires_in: number;
  streamUrl: string;
}

/** Calls the Direct Line API at `${base}/v3/directline${path}` with an optional bearer token. */
export async function directLine(
  base: string,
  method: 'GET' | 'POST',
  path: string,
  token?: string,
  body?: unknown,
): Promise<{ status: number; body: unknown; headers: Headers }> {
  const headers: Record<string, string> = {};
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${base}/v3/directline${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

/** `POST /conversations/{id}/activities` with the conversation's own token, as its client sends `activity`. */
export function postActivity(
  base: string,
  conversation: Pick<Conversation, 'conversationId' | 'token'>,
  activity: unknown,
): ReturnType<typeof directLine> {
  return directLine(
    base,
    'POST',
    `/conversations/${conversation.conversationId}/activities`,
    conversation.token,
    activity,
  );
}

/** `POST /tokens/generate`, expecting success. */
export async function generateToken(
  base: string,
  body?: unknown,
): Promise<{ conversationId: string; token: string; expires_in: number }> {
  const res = await directLine(base, 'POST', '/tokens/generate', undefined, body);
  if (res.status !== 200) throw new Error(`generate answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as { conversationId: string; token: string; expires_in: number };
}

/** Generate + start: a conversation the bot has greeted, with a `streamUrl`. */
export async function startConversation(base: string, user?: { id: string; name?: string }): Promise<Conversation> {
  const generated = await generateToken(base, user === undefined ? undefined : { user });
  const res = await directLine(base, 'POST', '/conversations', generated.token);
  if (res.status !== 201) throw new Error(`start answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as Conversation;
}

/** The payload of a JWT (no verification): what a client such as Web Chat reads from it. */
export function jwtPayload(token: string): Record<string, unknown> {
  const part = token.split('.')[1] ?? '';
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** A WebSocket stream client that records every frame. */
export interface StreamClient {
  readonly frames: ActivitySet[];
  /** Every activity received so far, in order. */
  activities(): WireActivity[];
  /** Resolves once `predicate` holds for the activities received (checked on every frame). */
  waitFor(predicate: (activities: WireActivity[]) => boolean, timeoutMs?: number): Promise<WireActivity[]>;
  close(): void;
}

/** Opens `streamUrl` and resolves once connected. */
export function openStream(streamUrl: string): Promise<StreamClient> {
  const ws = new WebSocket(streamUrl);
  const frames: ActivitySet[] = [];
  const waiters = new Set<() => void>();
  ws.on('message', (data: Buffer) => {
    const text = data.toString('utf8');
    if (text === '') return;
    frames.push(JSON.parse(text) as ActivitySet);
    for (const wake of waiters) wake();
  });
  const activities = (): WireActivity[] => frames.flatMap((f) => f.activities);
  const client: StreamClient = {
    frames,
    activities,
    waitFor(predicate, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          if (predicate(activities())) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(activities());
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(
              `stream: condition not met within ${timeoutMs} ms; got ${JSON.stringify(activities().map((a) => [a.id, a.type, a.text]))}`,
            ),
          );
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close: () => ws.close(),
  };
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(client));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`stream refused with ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

/** Tries to open `url` as a WebSocket and returns the HTTP status it was refused with (or 101). */
export function streamStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.once('open', () => {
      ws.close();
      resolve(101);
    });
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('error', (err) => {
      if (!/Unexpected server response/.test(err.message)) reject(err);
    });
  });
}
