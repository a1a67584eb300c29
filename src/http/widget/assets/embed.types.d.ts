/** What the server writes into embed.js in place of its `/*ANSWERDESK_CONFIG*\/ {}` placeholder. */
export interface EmbedConfig {
  readonly botName: string;
  readonly accentColor: string;
}

declare global {
  interface Window {
    /** Set by embed.js on its first run, so a snippet pasted twice adds one button. */
    __answerdeskWidget?: boolean;
  }
}
