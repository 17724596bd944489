// One "all quiet" signal for the app: no sync, alert check, send or background task under way or asked for.
export interface Settling {
  /** Whether work is under way or asked for now. */
  readonly busy: boolean;
  /** Resolves once the work under way or asked for now is done. */
  idle(): Promise<void>;
}

/**
 * Waits until a pass over every part finds all of them still. One part's end can start another's work (a sync
 * asks for an alert check, a check queues sends, a consent run records access the check then reads), so one pass
 * is not enough; the turn of the event loop lets what a settled promise scheduled start before looking again.
 */
export async function untilQuiet(parts: readonly Settling[]): Promise<void> {
  for (;;) {
    for (const part of parts) await part.idle();
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (parts.every((part) => !part.busy)) return;
  }
}
