import type postgres from 'postgres';

/**
 * An ACCESS EXCLUSIVE lock on `table`, taken in a transaction of `session` (another
 * application's, say) and held until `release()`; answered once it is held. `held` settles when
 * the transaction has ended.
 */
export async function holdTableLock(session: postgres.Sql, table: string) {
  let release = () => {};
  const released = new Promise<void>((r) => {
    release = r;
  });
  let locked = () => {};
  const isLocked = new Promise<void>((r) => {
    locked = r;
  });
  const held = session.begin(async (tx) => {
    // As text, not an identifier parameter: the statement reads as pg_stat_activity shows it.
    await tx.unsafe(`lock table ${table} in access exclusive mode`);
    locked();
    await released;
  });
  await Promise.race([isLocked, held]);
  return { release, held };
}
