/**
 * When to restart a server that stopped: only one that had started (a server that dies during
 * start-up would die again), and at most `maxCrashes` times within `windowMs`. Pure: the caller
 * passes the clock.
 */
export class RestartPolicy {
  private readonly crashes: number[] = [];

  constructor(
    readonly maxCrashes = 3,
    readonly windowMs = 3 * 60 * 1000,
  ) {}

  /** Records a stop at `now`; says whether to restart, and how many stops the window holds. */
  onStopped(now: number, hadStarted: boolean): { restart: boolean; recent: number } {
    this.crashes.push(now);
    while (this.crashes.length > 0 && now - this.crashes[0] > this.windowMs) {
      this.crashes.shift();
    }
    const recent = this.crashes.length;
    return { restart: hadStarted && recent <= this.maxCrashes, recent };
  }

  /** Forgets past stops (after a restart the user asked for). */
  reset(): void {
    this.crashes.length = 0;
  }
}
