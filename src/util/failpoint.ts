// Failpoints: named places in an operation where tests can pause a real process (to race it
// against another or to kill -9 it at an exact point). Off unless ROCKY_FAILPOINTS names them:
// ROCKY_FAILPOINTS="run:after-start=sleep(800),run:before-ref=sleep(5000)". On reaching one, a
// line `failpoint <name>` goes to stderr so a test knows where the process is.
export async function failpoint(name: string): Promise<void> {
  const spec = process.env.ROCKY_FAILPOINTS;
  if (!spec) return;
  for (const part of spec.split(',')) {
    const m = /^\s*([\w:-]+)=sleep\((\d+)\)\s*$/.exec(part);
    if (!m || m[1] !== name) continue;
    process.stderr.write(`failpoint ${name}\n`);
    await new Promise((r) => setTimeout(r, Number(m[2])));
  }
}
