// Delayed status changes (approval, access assignments): run by timer, or earlier by any request that arrives after they are due.
interface Task {
  dueAt: number;
  seq: number;
  run: () => void;
  timer: NodeJS.Timeout;
}

export class Scheduler {
  private readonly tasks = new Set<Task>();
  private readonly idleWaiters: (() => void)[] = [];
  private seq = 0;

  // Timers are unref'd so a forgotten sandbox never keeps a test process alive. A timer can fire a millisecond
  // before Date.now() reaches its due time: its own task counts as due then, so nothing waits for a later request.
  schedule(delayMs: number, run: () => void): void {
    const delay = Math.max(0, delayMs);
    const dueAt = Date.now() + delay;
    const task: Task = {
      dueAt,
      seq: this.seq++,
      run,
      timer: setTimeout(() => this.runDue(Math.max(Date.now(), dueAt)), delay),
    };
    task.timer.unref();
    this.tasks.add(task);
  }

  // Called before every request, so a client never sees a change later than its due time, whatever the timer's jitter.
  runDue(now = Date.now()): void {
    const due = [...this.tasks]
      .filter((task) => task.dueAt <= now)
      .sort((a, b) => a.dueAt - b.dueAt || a.seq - b.seq);
    for (const task of due) {
      this.tasks.delete(task);
      clearTimeout(task.timer);
      task.run();
    }
    if (this.tasks.size === 0) this.idleWaiters.splice(0).forEach((resolve) => resolve());
  }

  // Resolves once every scheduled change (including ones scheduled by those changes) has happened.
  settled(): Promise<void> {
    if (this.tasks.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  close(): void {
    this.tasks.forEach((task) => clearTimeout(task.timer));
    this.tasks.clear();
    this.idleWaiters.splice(0).forEach((resolve) => resolve());
  }
}
