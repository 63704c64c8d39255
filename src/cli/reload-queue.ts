/**
 * Reloads one at a time. A request while one runs is remembered (once: two
 * SIGHUPs during a reload mean "read the file again afterwards", not twice)
 * and answered by the reload that follows.
 */
export class ReloadQueue<T> {
  private running: Promise<T> | null = null;
  private next: Promise<T> | null = null;

  constructor(private readonly reload: () => Promise<T>) {}

  request(): Promise<T> {
    if (this.running === null) return this.start();
    this.next ??= this.running.then(
      () => this.start(),
      () => this.start(),
    );
    return this.next;
  }

  private start(): Promise<T> {
    this.next = null;
    const run = this.reload().finally(() => {
      if (this.running === run) this.running = null;
    });
    this.running = run;
    return run;
  }
}
