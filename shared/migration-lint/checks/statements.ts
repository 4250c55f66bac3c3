import {
  as,
  type Fields,
  fields,
  hasOption,
  list,
  location,
  names,
  tableKey,
  text,
} from '../ast.ts';
import { type Check, type CheckContext, concurrentlyBlocked } from '../lint-state.ts';
import { checkAlterTable } from './alter-table.ts';
import { checkSelect, checkSet, checkTransaction } from './session.ts';
import { checkIdentifier, checkStyleOfColumn } from './style.ts';

const rangeVar = (value: unknown): Fields | undefined => fields(value);

const concurrentInTransaction = (ctx: CheckContext, at: number | undefined, what: string) => {
  const why = concurrentlyBlocked(ctx.state);
  if (why)
    ctx.hit({ rule: 'ban-concurrent-index-creation-in-transaction', at, note: `${what}: ${why}` });
};

const checkIndex: Check = (body, ctx) => {
  const relation = rangeVar(body.relation);
  const table = tableKey(relation);
  const at = location(relation);
  checkIdentifier(text(body.idxname), at, ctx);
  if (body.concurrent === true) concurrentInTransaction(ctx, at, 'CREATE INDEX CONCURRENTLY');
  else {
    ctx.locks(table);
    ctx.hit({ rule: 'require-concurrent-index-creation', at, table });
  }
  if (body.if_not_exists !== true) ctx.hit({ rule: 'prefer-robust-stmts', at, table });
};

const checkDrop: Check = (body, ctx) => {
  const type = text(body.removeType);
  const objects = list(body.objects).map((o) => names(as(o, 'List')?.items));
  if (type === 'OBJECT_INDEX') {
    if (body.concurrent === true)
      concurrentInTransaction(ctx, undefined, 'DROP INDEX CONCURRENTLY');
    else {
      ctx.locks('');
      for (const parts of objects) {
        const index = parts.length > 1 ? parts.join('.') : `public.${parts[0] ?? ''}`;
        ctx.hit({ rule: 'require-concurrent-index-deletion', note: index, index });
      }
    }
  } else if (type === 'OBJECT_TABLE') {
    for (const parts of objects) {
      const table = parts.length > 1 ? parts.join('.') : `public.${parts[0] ?? ''}`;
      ctx.locks(table);
      ctx.hit({ rule: 'ban-drop-table', table });
    }
  } else return;
  if (body.missing_ok !== true) ctx.hit({ rule: 'prefer-robust-stmts' });
};

const checkRename: Check = (body, ctx) => {
  const relation = rangeVar(body.relation);
  const table = tableKey(relation);
  const at = location(relation);
  checkIdentifier(text(body.newname), at, ctx);
  const type = text(body.renameType);
  if (type === 'OBJECT_COLUMN' && text(body.relationType) === 'OBJECT_TABLE') {
    ctx.locks(table);
    ctx.hit({ rule: 'renaming-column', at, table, column: text(body.subname) });
  } else if (type === 'OBJECT_TABLE') {
    ctx.locks(table);
    ctx.hit({ rule: 'renaming-table', at, table });
  }
};

const checkCreate: Check = (body, ctx) => {
  const relation = rangeVar(body.relation);
  checkIdentifier(text(relation?.relname), location(relation), ctx);
  if (relation && !text(relation.schemaname)) {
    ctx.hit({ rule: 'require-table-schema', at: location(relation) });
  }
  if (body.if_not_exists !== true) ctx.hit({ rule: 'prefer-robust-stmts', at: location(relation) });
  for (const element of list(body.tableElts)) {
    checkStyleOfColumn(as(element, 'ColumnDef'), ctx);
    const constraint = as(element, 'Constraint');
    if (constraint) checkIdentifier(text(constraint.conname), location(constraint), ctx);
  }
  ctx.state.newTables.add(tableKey(relation));
};

const checkCreateTableAs: Check = (body, ctx) => {
  ctx.state.newTables.add(tableKey(rangeVar(fields(body.into)?.rel)));
};

/** Statements that lock or rewrite whole tables outside ALTER TABLE. */
const checkVacuum: Check = (body, ctx) => {
  if (body.is_vacuumcmd !== true || !hasOption(body.options, 'full')) return;
  const relations = list(body.rels).map((r) => rangeVar(as(r, 'VacuumRelation')?.relation));
  for (const relation of relations.length ? relations : [undefined]) {
    const table = relation ? tableKey(relation) : undefined;
    if (table) ctx.locks(table);
    ctx.hit({ rule: 'prefer-repack', at: location(relation), table, note: 'VACUUM FULL' });
  }
};

const checkCluster: Check = (body, ctx) => {
  const relation = rangeVar(body.relation);
  const table = relation ? tableKey(relation) : undefined;
  if (table) ctx.locks(table);
  ctx.hit({ rule: 'prefer-repack', at: location(relation), table, note: 'CLUSTER' });
};

const checkRefresh: Check = (body, ctx) => {
  if (body.concurrent === true) return;
  const relation = rangeVar(body.relation);
  const table = tableKey(relation);
  ctx.locks(table);
  ctx.hit({ rule: 'require-concurrent-refresh', at: location(relation), table });
};

const checkReindex: Check = (body, ctx) => {
  const relation = rangeVar(body.relation);
  const at = location(relation);
  if (hasOption(body.params, 'concurrently')) {
    concurrentInTransaction(ctx, at, 'REINDEX CONCURRENTLY');
    return;
  }
  const kind = text(body.kind);
  const table = kind === 'REINDEX_OBJECT_TABLE' ? tableKey(relation) : undefined;
  const index = kind === 'REINDEX_OBJECT_INDEX' ? tableKey(relation) : undefined;
  ctx.locks(table ?? '');
  ctx.hit({ rule: 'require-concurrent-reindex', at, table, index, note: text(relation?.relname) });
};

const checkLock: Check = (body, ctx) => {
  for (const r of list(body.relations)) {
    const relation = as(r, 'RangeVar');
    const table = tableKey(relation);
    ctx.locks(table);
    ctx.hit({ rule: 'ban-explicit-lock-table', at: location(relation), table });
  }
};

const checkTruncate: Check = (body, ctx) => {
  for (const r of list(body.relations)) ctx.locks(tableKey(as(r, 'RangeVar')));
  if (text(body.behavior) === 'DROP_CASCADE') ctx.hit({ rule: 'ban-truncate-cascade' });
};

const checkUpdate: Check = (body, ctx) => {
  const seen = new Set<string>();
  for (const t of list(body.targetList)) {
    const target = as(t, 'ResTarget');
    const name = text(target?.name);
    if (!name || list(target?.indirection).length > 0) continue;
    if (seen.has(name)) {
      ctx.hit({ rule: 'ban-duplicate-column-assignments', at: location(target), column: name });
    }
    seen.add(name);
  }
};

const constraintsOf = (body: Fields) =>
  list(body.constraints).map((c) => text(as(c, 'Constraint')?.contype));

/** Each statement kind (the parse tree's node name) and what is checked in it. */
export const CHECKS: Record<string, Check> = {
  AlterTableStmt: checkAlterTable,
  IndexStmt: checkIndex,
  DropStmt: checkDrop,
  RenameStmt: checkRename,
  CreateStmt: checkCreate,
  CreateTableAsStmt: checkCreateTableAs,
  VacuumStmt: checkVacuum,
  ClusterStmt: checkCluster,
  RefreshMatViewStmt: checkRefresh,
  ReindexStmt: checkReindex,
  LockStmt: checkLock,
  TruncateStmt: checkTruncate,
  UpdateStmt: checkUpdate,
  TransactionStmt: checkTransaction,
  VariableSetStmt: checkSet,
  SelectStmt: checkSelect,
  DropdbStmt: (_body, ctx) => ctx.hit({ rule: 'ban-drop-database' }),
  CreateDomainStmt: (body, ctx) => {
    if (constraintsOf(body).includes('CONSTR_CHECK')) {
      ctx.hit({ rule: 'ban-create-domain-with-constraint' });
    }
  },
  AlterDomainStmt: (body, ctx) => {
    if (text(body.subtype) === 'C') ctx.hit({ rule: 'ban-alter-domain-with-add-constraint' });
  },
  AlterEnumStmt: (body, ctx) => {
    if (text(body.newVal) && !text(body.oldVal) && !text(body.newValNeighbor)) {
      ctx.hit({ rule: 'require-enum-value-ordering', note: text(body.newVal) });
    }
  },
  CreateTrigStmt: (body, ctx) => ctx.locks(tableKey(rangeVar(body.relation))),
};
