/**
 * Escapes user text for mrkdwn: Slack reads only `&`, `<` and `>` as control characters, so
 * escaping them keeps `<!channel>`, `<@U…>` and links typed by a user as plain text.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Mentions a Slack user (`U…`, `W…`) or user group (`S…`) by ID. */
export function mention(id: string): string {
  return id.startsWith('S') ? `<!subteam^${id}>` : `<@${id}>`;
}

/** Formats a time for people, with Slack's local-time rendering and a UTC fallback. */
export function slackDate(date: Date): string {
  const seconds = Math.floor(date.getTime() / 1000);
  const fallback = date.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
  return `<!date^${seconds}^{date_short_pretty} {time_secs}|${fallback}>`;
}

/** Cuts text to a Block Kit limit, marking the cut. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
