/**
 * When the team is back, as the customer reads it, in the team's time zone with its abbreviation:
 * "Monday, December 28 at 8:00 AM EST".
 */
export function describeBackAt(backAt: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'long',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(backAt);
}
