/**
 * Whether a process exists (kill(2) with signal 0): EPERM means it does, but
 * belongs to someone we may not signal.
 */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
