/**
 * The daemon's end of the control socket. The socket lives in a directory
 * only root can enter and is itself mode 0600, so only root can talk to vipd.
 *
 * Requests on one connection are answered in order, one line each. An
 * `events` request is acknowledged and turns the connection into an event
 * stream (event-broadcaster.ts); anything the client sends after it is ignored.
 */
import { chmodSync, mkdirSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { dirname } from 'node:path';
import { parseControlRequest, type ControlRequest, type ControlResponse } from './control-protocol.js';
import type { EventSink } from './event-broadcaster.js';

export interface ControlHandlers {
  /** Answer one request other than `events`. */
  answer(request: Exclude<ControlRequest, { command: 'events' }>): ControlResponse | Promise<ControlResponse>;
  /** Start streaming events to this connection; returns how to stop when it closes. */
  subscribe(sink: EventSink): () => void;
}

/** Requests longer than this are refused (a request is ~100 bytes). */
const MAX_REQUEST_BYTES = 64 * 1024;
/** How long a closing connection may take to read what is queued for it. */
const CLOSE_GRACE_MS = 1000;

export class ControlServer {
  private readonly connections = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    private readonly path: string,
  ) {
    server.on('connection', (socket) => {
      this.connections.add(socket);
      socket.on('close', () => this.connections.delete(socket));
    });
  }

  static async listen(path: string, handlers: ControlHandlers): Promise<ControlServer> {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    rmSync(path, { force: true });
    const server = createServer((socket) => serve(socket, handlers));
    const control = new ControlServer(server, path);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(path, () => {
        server.off('error', reject);
        resolve();
      });
    });
    chmodSync(path, 0o600);
    return control;
  }

  /** Stops listening, ends every connection (destroying any still open after a grace period) and removes the socket. */
  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const socket of this.connections) endGracefully(socket);
    await closed;
    rmSync(this.path, { force: true });
  }
}

function serve(socket: Socket, handlers: ControlHandlers): void {
  let buffered = '';
  let streaming = false;
  let answered: Promise<void> = Promise.resolve();
  socket.setEncoding('utf8');
  socket.on('error', () => socket.destroy());
  socket.on('data', (chunk: string) => {
    if (streaming) return;
    buffered += chunk;
    if (buffered.length > MAX_REQUEST_BYTES) {
      reply(socket, { ok: false, error: 'request too long' });
      socket.end();
      return;
    }
    for (let newline = buffered.indexOf('\n'); newline >= 0 && !streaming; newline = buffered.indexOf('\n')) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      const parsed = parseControlRequest(line);
      if (!parsed.ok) {
        const error = parsed.error;
        answered = answered.then(() => reply(socket, { ok: false, error }));
        continue;
      }
      const request = parsed.value;
      if (request.command === 'events') {
        streaming = true;
        answered = answered.then(() => {
          reply(socket, { ok: true, command: 'events' });
          if (socket.destroyed) return;
          const unsubscribe = handlers.subscribe(socketSink(socket));
          socket.once('close', unsubscribe);
        });
        continue;
      }
      answered = answered.then(async () => {
        let response: ControlResponse;
        try {
          response = await handlers.answer(request);
        } catch (error) {
          response = { ok: false, error: `internal error: ${error instanceof Error ? error.message : String(error)}` };
        }
        reply(socket, response);
      });
    }
  });
}

function socketSink(socket: Socket): EventSink {
  return {
    write: (line) => {
      if (!socket.destroyed) socket.write(line);
    },
    get bufferedBytes() {
      return socket.writableLength;
    },
    end: () => endGracefully(socket),
  };
}

function endGracefully(socket: Socket): void {
  socket.end();
  setTimeout(() => socket.destroy(), CLOSE_GRACE_MS).unref();
}

function reply(socket: Socket, response: ControlResponse): void {
  if (!socket.destroyed) socket.write(JSON.stringify(response) + '\n');
}
