/**
 * Slack's mrkdwn treats `<…>` as a link, mention or command (`<!channel>`, `<https://x|label>`)
 * and `&` as the start of an entity. Slack's own rule for untrusted text: replace exactly these
 * three characters with their HTML entities and nothing else
 * (https://api.slack.com/reference/surfaces/formatting#escaping). Then a value shows as typed
 * and can neither ping a channel nor dress a link up as something else.
 */
export function escapeMrkdwn(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}
