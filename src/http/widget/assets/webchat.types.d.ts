/*
 * The little of botframework-webchat's browser bundle (`window.WebChat`, loaded by the classic
 * script webchat.js before chat.js runs) that the chat page uses. Its own typings describe the
 * npm package, not the global, and would pull React into the check.
 */

/** A Direct Line conversation as the page handles it (response of `GET /conversations/:id`). */
export interface DirectLineConversation {
  readonly conversationId: string;
  readonly token: string;
  readonly streamUrl?: string;
}

/** What `WebChat.createDirectLine` returns (a DirectLineJS instance). */
export interface DirectLineConnection {
  /** Continues on a refreshed token. */
  reconnect(conversation: DirectLineConversation): void;
  /** DirectLineJS's ConnectionStatus, as a number (0 uninitialized … 5 ended). */
  readonly connectionStatus$: { subscribe(next: (status: number) => void): unknown };
}

/** The activity fields the page reads. */
export interface WebChatActivity {
  readonly text?: string;
  readonly textFormat?: string;
  readonly from?: { readonly id?: string; readonly name?: string; readonly role?: string };
  readonly channelData?: { readonly answerdesk?: { readonly author?: unknown; readonly agentName?: unknown } };
}

/** A React element (what Web Chat's render middleware returns); the page only builds plain ones. */
export interface ReactElementLike {
  readonly $$typeof: symbol;
  readonly type: string;
  readonly key: string | null;
  readonly ref: null;
  readonly props: Readonly<Record<string, unknown>>;
  readonly _owner: null;
}

/** What Web Chat renders: an element, text, several, or nothing. */
type Rendered = ReactElementLike | string | false | null | undefined | readonly Rendered[];

/** Web Chat's `() => next => args => result` middleware shape. */
type RenderMiddleware<Args, Result> = () => (next: (args: Args) => Result) => (args: Args) => Result;

/** The props of `renderWebChat` that show who sent an activity. */
export interface WebChatIdentityProps {
  /** A function that renders the avatar, or `false` for none. */
  readonly avatarMiddleware: RenderMiddleware<
    { readonly activity: WebChatActivity; readonly fromUser: boolean },
    false | (() => Rendered)
  >;
  /** `hideTimestamp`: the activity is grouped with the next one, which shows the time. */
  readonly activityStatusMiddleware: RenderMiddleware<
    { readonly activity: WebChatActivity; readonly hideTimestamp?: boolean },
    Rendered
  >;
  /** Bins of consecutive activities, by `sender` and by `status`. */
  readonly groupActivitiesMiddleware: RenderMiddleware<
    { readonly activities: readonly WebChatActivity[] },
    Readonly<Record<string, readonly (readonly WebChatActivity[])[]>>
  >;
}

/** A Redux action of Web Chat's store. */
interface WebChatAction {
  readonly type: string;
  readonly payload?: { readonly activity?: WebChatActivity };
}

type WebChatDispatch = (action: WebChatAction) => unknown;

/** Redux middleware, as `WebChat.createStore` takes it. */
type WebChatMiddleware = (store: unknown) => (next: WebChatDispatch) => WebChatDispatch;

export interface WebChatGlobal {
  createDirectLine(options: {
    token: string;
    domain: string;
    conversationId?: string | undefined;
    webSocket: boolean;
  }): DirectLineConnection;
  createStore(initialState: object, ...middleware: WebChatMiddleware[]): unknown;
  renderWebChat(
    props: WebChatIdentityProps & {
      directLine: DirectLineConnection;
      store: unknown;
      nonce: string;
      styleOptions: Readonly<Record<string, string | number | boolean>>;
    },
    element: HTMLElement,
  ): void;
}

declare global {
  interface Window {
    /** Set by Web Chat's bundle; missing when it failed to load. */
    WebChat?: WebChatGlobal;
  }
}
