/**
 * A minimal asynchronous `XMLHttpRequest` over Node's `fetch`, enough for RxJS 5's `ajax` (which
 * botframework-directlinejs uses for every REST call). DirectLineJS's README says to install `xhr2`
 * as the global `XMLHttpRequest` in Node; it is not a dependency here, so this stands in for it.
 * Only what RxJS touches is implemented: open, setRequestHeader, send, abort, timeout,
 * responseType ('json' or text), status, response/responseText, getResponseHeader and the
 * onreadystatechange / onerror / ontimeout handlers.
 */
export class NodeXMLHttpRequest {
  readyState = 0;
  status = 0;
  timeout = 0;
  responseType = '';
  withCredentials = false;
  response: unknown = null;
  responseText = '';
  readonly upload = {};
  onreadystatechange: ((this: NodeXMLHttpRequest, event: unknown) => void) | null = null;
  onerror: ((this: NodeXMLHttpRequest, event: unknown) => void) | null = null;
  ontimeout: ((this: NodeXMLHttpRequest, event: unknown) => void) | null = null;

  #method = 'GET';
  #url = '';
  readonly #headers: Record<string, string> = {};
  #responseHeaders: Headers | undefined;
  readonly #abort = new AbortController();

  open(method: string, url: string): void {
    this.#method = method;
    this.#url = url;
    this.readyState = 1;
  }

  setRequestHeader(name: string, value: string): void {
    this.#headers[name] = value;
  }

  getResponseHeader(name: string): string | null {
    return this.#responseHeaders?.get(name) ?? null;
  }

  abort(): void {
    this.#abort.abort();
  }

  send(body?: string | null): void {
    const signals = [this.#abort.signal, ...(this.timeout > 0 ? [AbortSignal.timeout(this.timeout)] : [])];
    fetch(this.#url, {
      method: this.#method,
      headers: this.#headers,
      body: body ?? undefined,
      signal: AbortSignal.any(signals),
    }).then(
      async (res) => {
        this.#responseHeaders = res.headers;
        this.responseText = await res.text();
        this.status = res.status;
        this.response =
          this.responseType === 'json'
            ? this.responseText === ''
              ? null
              : (JSON.parse(this.responseText) as unknown)
            : this.responseText;
        this.readyState = 4;
        this.onreadystatechange?.call(this, { type: 'readystatechange' });
      },
      (error: unknown) => {
        if (this.#abort.signal.aborted) return;
        this.readyState = 4;
        this.status = 0;
        if (error instanceof Error && error.name === 'TimeoutError') this.ontimeout?.call(this, { type: 'timeout' });
        else this.onerror?.call(this, { type: 'error', error });
      },
    );
  }
}
