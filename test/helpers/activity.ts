import { randomUUID } from 'node:crypto';

/** A minimal inbound message activity as a channel would post it to /api/messages. */
export function messageActivity(text: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'message',
    id: randomUUID(),
    text,
    channelId: 'test',
    serviceUrl: 'https://connector.example.test/',
    from: { id: 'customer-1', name: 'Casey' },
    recipient: { id: 'answerdesk-bot', name: 'answerdesk' },
    conversation: { id: 'conv-1' },
    timestamp: new Date().toISOString(),
    ...overrides,
  };
}

/** POSTs JSON to `url` and returns status and parsed body (or text when not JSON). */
export async function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body: parsed };
}
