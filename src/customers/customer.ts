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
}
