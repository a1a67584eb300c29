/**
 * What the chat page's scripts read from its JSON config block (`#answerdesk-widget-config`).
 * The server builds it (`widget-page.ts`) against this same type.
 */
export interface WidgetClientConfig {
  readonly botName: string;
  readonly accentColor: string;
  readonly botAvatarInitials: string;
  /** Path of the Direct Line API on this server. */
  readonly directLinePath: string;
  /** Per-response CSP nonce, handed to Web Chat for the `<style>` elements it creates. */
  readonly nonce: string;
}
