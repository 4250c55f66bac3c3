import { as, type Fields, list, location, tableKey, text } from '../ast.ts';
import { type CheckContext, concurrentlyBlocked, inTransaction } from '../lint-state.ts';
import type { RuleId } from '../rules.ts';
import { checkAddColumn } from './column-def.ts';
import { checkStyleOfColumn } from './style.ts';

const REWRITES = new Set([
  'AT_SetTableSpace',
  'AT_SetLogged',
  'AT_SetUnLogged',
  'AT_SetAccessMethod',
]);

/** ALTER TABLE on a table that already exists: one finding per unsafe action. */
export function checkAlterTable(body: Fields, ctx: CheckContext): void {
  if (text(body.objtype) !== 'OBJECT_TABLE') return;
  const relation = as({ RangeVar: body.relation }, 'RangeVar');
  const table = tableKey(relation);
  const at = location(relation);
  ctx.locks(table);
  for (const raw of list(body.cmds)) {
    const cmd = as(raw, 'AlterTableCmd');
    if (!cmd) continue;
    const subtype = text(cmd.subtype) ?? '';
    const column = text(cmd.name);
    const simple = (rule: RuleId) => ctx.hit({ rule, at, table, column });
    switch (subtype) {
      case 'AT_AddColumn':
        checkAddColumn(as(cmd.def, 'ColumnDef'), table, ctx);
        checkStyleOfColumn(as(cmd.def, 'ColumnDef'), ctx);
        if (cmd.missing_ok !== true) ctx.hit({ rule: 'prefer-robust-stmts', at, table });
        break;
      case 'AT_AlterColumnType':
        ctx.hit({ rule: 'changing-column-type', at, table, column, note: newType(cmd.def) });
        break;
      case 'AT_SetNotNull':
        simple('adding-not-nullable-field');
        break;
      case 'AT_DropNotNull':
        simple('ban-drop-not-null');
        break;
      case 'AT_DropColumn':
        simple('ban-drop-column');
        break;
      case 'AT_AddConstraint':
        checkAddConstraint(as(cmd.def, 'Constraint'), table, ctx);
        break;
      case 'AT_ValidateConstraint':
        if (inTransaction(ctx.state) && ctx.state.notValid.has(`${table}.${column}`)) {
          ctx.hit({ rule: 'constraint-missing-not-valid', at, table, note: `VALIDATE ${column}` });
        }
        break;
      case 'AT_DetachPartition':
        checkDetach(as(cmd.def, 'PartitionCmd'), table, at, ctx);
        break;
      default:
        if (REWRITES.has(subtype)) ctx.hit({ rule: 'table-rewrite', at, table, note: subtype });
    }
  }
}

const CONSTRAINT_RULES: Record<string, RuleId> = {
  CONSTR_PRIMARY: 'adding-serial-primary-key-field',
  CONSTR_UNIQUE: 'disallowed-unique-constraint',
  CONSTR_EXCLUSION: 'adding-exclusion-constraint',
};

function checkAddConstraint(c: Fields | undefined, table: string, ctx: CheckContext): void {
  if (!c) return;
  const type = text(c.contype) ?? '';
  const at = location(c);
  const name = text(c.conname);
  if (type === 'CONSTR_CHECK' || type === 'CONSTR_FOREIGN') {
    if (c.skip_validation === true) {
      if (name) ctx.state.notValid.add(`${table}.${name}`);
      return;
    }
    const rule =
      type === 'CONSTR_CHECK' ? 'constraint-missing-not-valid' : 'adding-foreign-key-constraint';
    ctx.hit({ rule, at, table, note: name });
    return;
  }
  const rule = CONSTRAINT_RULES[type];
  // UNIQUE / PRIMARY KEY … USING INDEX only attaches an index built beforehand: cheap.
  if (rule && !(type !== 'CONSTR_EXCLUSION' && text(c.indexname))) {
    ctx.hit({ rule, at, table, note: name });
  }
}

function checkDetach(
  cmd: Fields | undefined,
  table: string,
  at: number | undefined,
  ctx: CheckContext,
): void {
  if (cmd?.concurrent === true) {
    const why = concurrentlyBlocked(ctx.state);
    if (why) {
      ctx.hit({
        rule: 'ban-concurrent-index-creation-in-transaction',
        at,
        note: `DETACH CONCURRENTLY: ${why}`,
      });
    }
  } else ctx.hit({ rule: 'require-concurrent-partition-detach', at, table });
}

function newType(def: unknown): string | undefined {
  const type = as(def, 'ColumnDef')?.typeName;
  const parts = list(as({ TypeName: type }, 'TypeName')?.names).flatMap((n) => {
    const s = text(as(n, 'String')?.sval);
    return s && s !== 'pg_catalog' ? [s] : [];
  });
  return parts.length ? `to ${parts.join('.')}` : undefined;
}
