// Whose sign-in attempt is this? Behind the TLS proxy (`--behind-proxy`) every socket is the
// proxy's, so throttling by it would let 50 bad guesses lock out every supervisor. The proxy
// appends the address it saw to X-Forwarded-For; everything left of that was written by the client
// and proves nothing. So: the right-most hop that is not the proxy itself, and only behind a proxy.

/** `::ffff:10.0.0.1` (IPv4 on a dual-stack socket) and `10.0.0.1` are the same client. */
const plain = (address: string) => address.trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '').toLowerCase();

export function clientAddress(socketAddress: string | undefined, forwardedFor: string | undefined, behindProxy: boolean): string {
  const socket = socketAddress ? plain(socketAddress) : 'unknown';
  if (!behindProxy || !forwardedFor) return socket;
  const hops = forwardedFor.split(',').map(plain).filter(Boolean);
  // A proxy that also lists itself (or a loop through it) is skipped; never walk further left than one client hop.
  const client = hops.reverse().find((hop) => hop !== socket);
  return client ? client.slice(0, 100) : socket;
}
