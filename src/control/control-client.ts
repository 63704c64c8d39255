/** vipctl's end of the control socket: one request, one response line, with a timeout; or an event stream. */
import { connect, type Socket } from 'node:net';
import type { ControlEvent } from './control-events.js';
import type { ControlRequest, ControlResponse } from './control-protocol.js';

export function requestControl(path: string, request: ControlRequest, timeoutMs = 5000): Promise<ControlResponse> {
  return new Promise((resolve, reject) => {
    const socket = connectTo(path, request, reject);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer from vipd on ${path} within ${timeoutMs} ms`));
    }, timeoutMs);
    readLines(socket, (line) => {
      clearTimeout(timer);
      socket.end();
      try {
        resolve(JSON.parse(line) as ControlResponse);
      } catch {
        reject(new Error('vipd sent an answer that is not JSON'));
      }
      return false;
    });
    socket.on('close', () => clearTimeout(timer));
  });
}

/**
 * Subscribes to the event stream and calls `onEvent` for each line until vipd
 * closes the stream. Resolves with vipd's last "closed" event, or null when
 * the connection just ended. Rejects when vipd refuses or cannot be reached,
 * or when the subscription is not acknowledged within `timeoutMs`.
 */
export function streamControlEvents(path: string, onEvent: (event: ControlEvent) => void, timeoutMs = 5000): Promise<ControlEvent | null> {
  return new Promise((resolve, reject) => {
    const socket = connectTo(path, { command: 'events' }, reject);
    let acknowledged = false;
    let last: ControlEvent | null = null;
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer from vipd on ${path} within ${timeoutMs} ms`));
    }, timeoutMs);
    readLines(socket, (line) => {
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        socket.destroy();
        reject(new Error('vipd sent a line that is not JSON'));
        return false;
      }
      if (!acknowledged) {
        clearTimeout(timer);
        const response = value as ControlResponse;
        if (!response.ok) {
          socket.end();
          reject(new Error(response.error));
          return false;
        }
        acknowledged = true;
        return true;
      }
      const event = value as ControlEvent;
      if (event.event === 'closed') last = event;
      onEvent(event);
      return true;
    });
    socket.on('close', () => {
      clearTimeout(timer);
      if (acknowledged) resolve(last);
      else reject(new Error(`vipd on ${path} closed the connection`));
    });
  });
}

function connectTo(path: string, request: ControlRequest, reject: (error: Error) => void): Socket {
  const socket = connect(path);
  socket.setEncoding('utf8');
  socket.on('connect', () => socket.write(JSON.stringify(request) + '\n'));
  socket.on('error', (error: NodeJS.ErrnoException) => {
    const why =
      error.code === 'ENOENT' ? 'no such socket (is vipd running?)' : error.code === 'EACCES' ? 'permission denied (vipctl needs root)' : error.message;
    reject(new Error(`cannot reach vipd on ${path}: ${why}`));
  });
  return socket;
}

/** Calls `onLine` for each complete line until it returns false. */
function readLines(socket: Socket, onLine: (line: string) => boolean): void {
  let buffered = '';
  let reading = true;
  socket.on('data', (chunk: string) => {
    buffered += chunk;
    for (let newline = buffered.indexOf('\n'); newline >= 0 && reading; newline = buffered.indexOf('\n')) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      reading = onLine(line);
    }
  });
}
