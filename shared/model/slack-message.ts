/** A Slack message: fallback text plus Block Kit blocks (what @slack/webhook sends). */
export interface SlackMessage {
  text: string;
  /** Block Kit blocks: each names its `type`. */
  blocks: Array<{ type: string } & Record<string, unknown>>;
}
