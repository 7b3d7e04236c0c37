// CPU time for the suites' bounded-time guards (issue 14, bug 10): the process's user + system CPU,
// not wall time, so other work on a shared machine does not inflate it. Guards compare it with
// bounds far above what the work costs (see each use), never with a wall-clock figure.

/** Runs `f` and returns its result with the CPU milliseconds it took (all threads of the process). */
export function withCpuMs<T>(f: () => T): { value: T; cpuMs: number } {
  const c0 = process.cpuUsage();
  const value = f();
  const c = process.cpuUsage(c0);
  return { value, cpuMs: (c.user + c.system) / 1000 };
}

/** Yields to the event loop so vitest's RPC calls get through between long synchronous steps. */
export const breathe = (): Promise<void> => new Promise((r) => setImmediate(r));
