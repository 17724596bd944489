// Test-controlled failures: the next `times` requests that match answer with the chosen status instead.
export interface FaultSpec {
  method?: string;
  pathPattern: RegExp;
  status: number;
  times: number;
  retryAfterSeconds?: number;
  code?: string;
  message?: string;
}

export interface InjectedFault {
  readonly spec: Readonly<FaultSpec>;
  remaining: number;
  served: number;
}

export class FaultInjector {
  private readonly faults: InjectedFault[] = [];

  add(spec: FaultSpec): InjectedFault {
    if (!Number.isInteger(spec.times) || spec.times < 1)
      throw new Error('sandbox fault: times must be a positive integer');
    if (spec.status < 400 || spec.status > 599) throw new Error('sandbox fault: status must be 4xx or 5xx');
    const fault: InjectedFault = { spec: { ...spec }, remaining: spec.times, served: 0 };
    this.faults.push(fault);
    return fault;
  }

  clear(): void {
    this.faults.length = 0;
  }

  get active(): readonly InjectedFault[] {
    return this.faults;
  }

  // Matches the path without the query string; earlier faults win when several match.
  take(method: string, pathname: string): InjectedFault | undefined {
    const index = this.faults.findIndex((fault) => {
      if (fault.spec.method && fault.spec.method.toUpperCase() !== method) return false;
      fault.spec.pathPattern.lastIndex = 0;
      return fault.spec.pathPattern.test(pathname);
    });
    if (index < 0) return undefined;
    const fault = this.faults[index];
    fault.remaining -= 1;
    fault.served += 1;
    if (fault.remaining === 0) this.faults.splice(index, 1);
    return fault;
  }
}
