/**
 * Whether an evaluation changes a rule's state. A rule fires on the evaluation that first sees the
 * metric past its threshold and resolves on the one that first sees it back: once per crossing,
 * however often it is evaluated. No data holds the state (an empty window proves nothing).
 */
export function crossing(
  rule: { firing: boolean; comparison: 'above' | 'below'; threshold: number },
  value: number | null,
): 'fired' | 'resolved' | null {
  if (value === null) return null;
  const breached = rule.comparison === 'above' ? value > rule.threshold : value < rule.threshold;
  if (breached && !rule.firing) return 'fired';
  if (!breached && rule.firing) return 'resolved';
  return null;
}
