// Waits for a condition without failing: the caller counts what it sees (lost, doubled) before it
// asserts, so a loss shows in the hostile summary instead of only as a timed-out poll.
export async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number, pollMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
