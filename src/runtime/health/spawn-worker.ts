/**
 * The worker thread of workerProcessRunner: it forks and execs the scripts,
 * so that uv_spawn's wait for the exec blocks this thread and not the
 * daemon's event loop, and reports each pid and exit back.
 */
import { parentPort } from 'node:worker_threads';
import { spawnChild } from './process-runner.js';
import type { SpawnReport, SpawnRequest } from './spawn-worker-protocol.js';

const port = parentPort;
if (port === null) throw new Error('spawn-worker.js runs as a worker thread');

port.on('message', (request: SpawnRequest) => {
  const child = spawnChild(request.argv, request.user);
  if (child.pid !== null) port.postMessage({ kind: 'started', id: request.id, pid: child.pid } satisfies SpawnReport);
  void child.exited.then((exit) => port.postMessage({ kind: 'ended', id: request.id, exit } satisfies SpawnReport));
});
