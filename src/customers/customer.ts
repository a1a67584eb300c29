/** A person who has talked to the bot on one or more channels. */
export interface Customer {
  readonly id: number;
  readonly name: string | null;
  readonly email: string | null;
  readonly firstSeenAt: string;
  readonly lastSeenAt: string;
}

/** Who a channel says the user is. */
export interface ChannelUser {
  readonly channelId: string;
  readonly userId: string;
  readonly name?: string | undefined;
  /**
   * True when someone vouches for `userId` (an authenticated channel, or a Direct Line token bound
   * with the secret): only then does it find the same customer in another conversation. Otherwise
   * the id only names the user within one conversation, so choosing someone's id selects nobody.
   */
  readonly verified: boolean;
}

/** How an unverified user's identity is kept apart: its channel id starts with this. */
export const UNVERIFIED_CHANNEL_PREFIX = 'unverified:';

/** The `customer_identities` key of a channel user seen in `conversationId`. */
export function identityKey(
  user: ChannelUser,
  conversationId: string,
): { readonly channelId: string; readonly channelUserId: string } {
  if (user.verified) return { channelId: user.channelId, channelUserId: user.userId };
  return {
    channelId: `${UNVERIFIED_CHANNEL_PREFIX}${user.channelId}`,
    channelUserId: `${conversationId}/${user.userId}`,
  };
}
