/** vipctl's end of the control socket: one request, one response line, with a timeout. */
import { connect } from 'node:net';
import type { ControlRequest, ControlResponse } from './control-protocol.js';

export function requestControl(path: string, request: ControlRequest, timeoutMs = 5000): Promise<ControlResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(path);
    let buffered = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer from vipd on ${path} within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.setEncoding('utf8');
    socket.on('connect', () => socket.write(JSON.stringify(request) + '\n'));
    socket.on('data', (chunk: string) => {
      buffered += chunk;
      const newline = buffered.indexOf('\n');
      if (newline < 0) return;
      clearTimeout(timer);
      socket.end();
      try {
        resolve(JSON.parse(buffered.slice(0, newline)) as ControlResponse);
      } catch {
        reject(new Error('vipd sent an answer that is not JSON'));
      }
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      const why =
        error.code === 'ENOENT' ? 'no such socket (is vipd running?)' : error.code === 'EACCES' ? 'permission denied (vipctl needs root)' : error.message;
      reject(new Error(`cannot reach vipd on ${path}: ${why}`));
    });
  });
}
