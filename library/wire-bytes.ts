// Bytes a server's connections carried both ways, HTTP headers included: what a metered link pays.
import type { Server } from 'node:http';
import type { Socket } from 'node:net';

export function countWireBytes(server: Server): () => number {
  const sockets = new Set<Socket>();
  let closedBytes = 0;
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => {
      closedBytes += socket.bytesRead + socket.bytesWritten;
      sockets.delete(socket);
    });
  });
  return () => closedBytes + [...sockets].reduce((n, s) => n + s.bytesRead + s.bytesWritten, 0);
}
