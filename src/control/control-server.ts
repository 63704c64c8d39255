/**
 * The daemon's end of the control socket. The socket lives in a directory
 * only root can enter and is itself mode 0600, so only root can talk to vipd.
 */
import { chmodSync, mkdirSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { dirname } from 'node:path';
import { parseControlRequest, type ControlRequest, type ControlResponse } from './control-protocol.js';

export type ControlHandler = (request: ControlRequest) => ControlResponse;

/** Requests longer than this are refused (a status request is ~50 bytes). */
const MAX_REQUEST_BYTES = 64 * 1024;

export async function listenForControl(path: string, handle: ControlHandler): Promise<Server> {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  rmSync(path, { force: true });
  const server = createServer((socket) => serve(socket, handle));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => {
      server.off('error', reject);
      resolve();
    });
  });
  chmodSync(path, 0o600);
  return server;
}

export async function closeControl(server: Server, path: string): Promise<void> {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(path, { force: true });
}

function serve(socket: Socket, handle: ControlHandler): void {
  let buffered = '';
  socket.setEncoding('utf8');
  socket.on('error', () => socket.destroy());
  socket.on('data', (chunk: string) => {
    buffered += chunk;
    if (buffered.length > MAX_REQUEST_BYTES) {
      reply(socket, { ok: false, error: 'request too long' });
      socket.end();
      return;
    }
    for (let newline = buffered.indexOf('\n'); newline >= 0; newline = buffered.indexOf('\n')) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      const request = parseControlRequest(line);
      reply(socket, request.ok ? handle(request.value) : { ok: false, error: request.error });
    }
  });
}

function reply(socket: Socket, response: ControlResponse): void {
  if (!socket.destroyed) socket.write(JSON.stringify(response) + '\n');
}
