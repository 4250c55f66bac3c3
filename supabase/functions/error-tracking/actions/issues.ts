import { AppError } from '../../../../shared/app-error.ts';
import * as contracts from '../../../../shared/contracts/error-tracking.ts';
import { selectIssues, updateIssueStatus } from '../../../../shared/sql/error-issues.ts';
import { defineAction } from '../../_shared/action.ts';

export const listIssues = defineAction(contracts.listIssues, async (input, { sql }) => {
  const issues = await selectIssues(sql, input);
  return { issues, count: issues.length };
});

/** Resolve or ignore an issue; a later event on a resolved issue reopens it as a regression. */
export const updateIssue = defineAction(
  contracts.updateIssue,
  async ({ issue_id, status }, { sql }) => {
    const [issue] = await updateIssueStatus(sql, issue_id, status);
    if (!issue) throw new AppError(404, 'not_found', `issue ${issue_id} does not exist`);
    return { issue };
  },
);
