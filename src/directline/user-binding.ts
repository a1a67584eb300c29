/**
 * The server's word, on every user activity it stores, on whether the sender's id is bound (the
 * token came from a site's server holding the Direct Line secret): `channelData.answerdesk.boundUser`.
 * The server always writes `channelData.answerdesk` itself, replacing whatever a client put there,
 * so on a Direct Line turn the marker cannot be forged. It means nothing on activities that did not
 * come through this server's Direct Line (a channel's client may set any channelData).
 */
const USER_BINDING_FIELD = 'answerdesk';

/** The client's channelData (if any) with the server-owned `answerdesk` field set. */
export function withUserBinding(clientChannelData: unknown, bound: boolean): Record<string, unknown> {
  const base =
    typeof clientChannelData === 'object' && clientChannelData !== null && !Array.isArray(clientChannelData)
      ? clientChannelData
      : {};
  return { ...base, [USER_BINDING_FIELD]: { boundUser: bound } };
}

/** True when a Direct Line user activity carries the server's bound-user marker. */
export function hasBoundUser(activity: { readonly channelData?: unknown }): boolean {
  const data = activity.channelData as { [USER_BINDING_FIELD]?: { boundUser?: unknown } } | undefined;
  return data?.[USER_BINDING_FIELD]?.boundUser === true;
}
