/**
 * Access-log lines gathered over one turn of the event loop and written to stdout together.
 * Node writes stdout synchronously when it is a file or a pipe, so a line per request was a
 * system call per request; under load one turn answers many requests and this makes them one.
 * Lines still leave within the turn they were made in, and whatever is left goes out on exit.
 */
export function stdoutLines(): (line: string) => void {
  let pending: string[] = [];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (pending.length === 0) return;
    const text = pending.join("");
    pending = [];
    process.stdout.write(text);
  };
  process.on("exit", flush);
  return (line) => {
    pending.push(line);
    if (!scheduled) {
      scheduled = true;
      setImmediate(flush);
    }
  };
}
