// Loaded by `npm start` before anything else (node --import), in plain JavaScript so that nothing
// has to be compiled first: a stop signal that comes while the start script and its modules load
// is kept here instead of killing the process half-started. scripts/start.ts takes the signals
// over once it runs, and stops cleanly at once if one came before.
const early = [];
const keep = (signal) => early.push(signal);
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, keep);

globalThis.glossEarlyStop = {
  /** Hands the signals over: removes this file's listener and says whether a stop came already. */
  handOver() {
    for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.off(signal, keep);
    return early.length > 0;
  },
};
