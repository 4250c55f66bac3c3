/**
 * Runs `task` now and then every `ms` after it finishes (never two at once, so a slow API is not
 * flooded). `kick()` runs it again at once, e.g. after a filter changes.
 */
export function poll(ms: number, task: () => Promise<void>, onError: (err: unknown) => void) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  let again = false;
  const run = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    clearTimeout(timer);
    try {
      await task();
    } catch (err) {
      onError(err);
    } finally {
      running = false;
      if (again) {
        again = false;
        void run();
      } else timer = setTimeout(run, ms);
    }
  };
  void run();
  return { kick: () => void run() };
}
