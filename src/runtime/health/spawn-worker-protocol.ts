/**
 * Messages between workerProcessRunner (main thread) and spawn-worker.ts.
 */
import type { ProcessExit, ScriptUser } from './process-runner.js';

export interface SpawnRequest {
  readonly id: number;
  readonly argv: readonly string[];
  readonly user: ScriptUser | null;
}

export type SpawnReport =
  | { readonly kind: 'started'; readonly id: number; readonly pid: number }
  | { readonly kind: 'ended'; readonly id: number; readonly exit: ProcessExit };
