import { as, type Fields, fields, list, names, text } from '../ast.ts';
import { type CheckContext, inTransaction } from '../lint-state.ts';

/** BEGIN / COMMIT bookkeeping: nesting, and a transaction left open at the end of the file. */
export function checkTransaction(body: Fields, ctx: CheckContext): void {
  const kind = text(body.kind) ?? '';
  const state = ctx.state;
  if (kind === 'TRANS_STMT_BEGIN' || kind === 'TRANS_STMT_START') {
    if (inTransaction(state)) ctx.hit({ rule: 'transaction-nesting', note: 'BEGIN' });
    state.explicitTransaction = true;
  } else if (kind === 'TRANS_STMT_COMMIT' || kind === 'TRANS_STMT_ROLLBACK') {
    if (!state.explicitTransaction) ctx.hit({ rule: 'transaction-nesting', note: 'COMMIT' });
    state.explicitTransaction = false;
    state.notValid.clear();
  }
}

/** `SET [LOCAL] lock_timeout …`, `RESET …`: which timeouts are in force from here on. */
export function checkSet(body: Fields, ctx: CheckContext): void {
  const name = text(body.name);
  if (name !== 'lock_timeout' && name !== 'statement_timeout') return;
  const on = text(body.kind) === 'VAR_SET_VALUE' && list(body.args).some(isNonZero);
  setTimeout(ctx, name, on);
}

/** `SELECT set_config('lock_timeout', '5s', …)` does the same as SET. */
export function checkSelect(body: Fields, ctx: CheckContext): void {
  for (const target of list(body.targetList)) {
    const call = as(as(target, 'ResTarget')?.val, 'FuncCall');
    if (!call || names(call.funcname).at(-1) !== 'set_config') continue;
    const [setting, value] = list(call.args);
    const name = constantText(setting);
    if (name === 'lock_timeout' || name === 'statement_timeout') {
      setTimeout(ctx, name, value !== undefined && isNonZero(value));
    }
  }
}

function setTimeout(ctx: CheckContext, name: string, on: boolean): void {
  if (name === 'lock_timeout') ctx.state.lockTimeout = on;
  else ctx.state.statementTimeout = on;
}

function constantText(node: unknown): string | undefined {
  return text(fields(as(node, 'A_Const')?.sval)?.sval);
}

/** 0, '0', '0s', '0ms' and DEFAULT mean "no timeout". */
function isNonZero(node: unknown): boolean {
  const constant = as(node, 'A_Const');
  if (!constant) return true;
  const integer = fields(constant.ival);
  if (integer) return Number(integer.ival ?? 0) !== 0;
  const s = constantText(node) ?? '';
  return !/^\s*0+\s*(?:ms|s|min)?\s*$/i.test(s) && s.toLowerCase() !== 'default';
}
