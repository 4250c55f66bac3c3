import { z } from 'zod';
import { AppError } from '../../../../shared/app-error.ts';
import { selectIssues, updateIssueStatus } from '../../../../shared/sql/error-issues.ts';
import { defineAction } from '../../_shared/action.ts';

const issueStatus = z.enum(['unresolved', 'resolved', 'ignored']);

export const listIssues = defineAction({
  name: 'list_issues',
  summary: 'Error issues (grouped events), most recently seen first.',
  access: 'view',
  input: {
    status: issueStatus.optional(),
    component: z.string().min(1).max(100).optional(),
    limit: z.number().int().min(1).max(500).default(50),
  },
  async handler(input, { sql }) {
    const issues = await selectIssues(sql, input);
    return { issues, count: issues.length };
  },
});

/** Resolve or ignore an issue; a later event on a resolved issue reopens it as a regression. */
export const updateIssue = defineAction({
  name: 'update_issue',
  summary: 'Set an issue’s status (unresolved, resolved, ignored).',
  // Resolving or ignoring hides errors from alerting: not for every signed-up user (issue 12, #8).
  access: 'admin',
  input: { issue_id: z.number().int().positive(), status: issueStatus },
  async handler({ issue_id, status }, { sql }) {
    const [issue] = await updateIssueStatus(sql, issue_id, status);
    if (!issue) throw new AppError(404, 'not_found', `issue ${issue_id} does not exist`);
    return { issue };
  },
});
