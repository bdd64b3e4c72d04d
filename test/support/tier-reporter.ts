import type { Reporter, TestModule, Vitest } from 'vitest/node';

interface Tier {
  files: number;
  tests: number;
  failed: number;
  /** First file started, last file ended (performance.now()). */
  start: number;
  end: number;
  /** Sum of the files' own durations (more than the wall time when files run in parallel). */
  busy: number;
  slowest: { file: string; ms: number };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * Prints the time of each tier (vitest project) at the end of the run, in the order the tiers
 * ran: the wall time from its first file's start to its last file's end, and the sum of its
 * files' durations. The default reporter still prints failures and sets the exit code.
 */
export default class TierReporter implements Reporter {
  private vitest: Vitest | undefined;
  private runStart = performance.now();
  private readonly started = new Map<string, number>();
  private readonly tiers = new Map<string, Tier>();

  onInit(vitest: Vitest) {
    this.vitest = vitest;
    this.runStart = performance.now();
  }

  onTestModuleStart(module: TestModule) {
    this.started.set(module.id, performance.now());
  }

  onTestModuleEnd(module: TestModule) {
    const end = performance.now();
    const start = this.started.get(module.id) ?? end;
    // `e2e` and `e2e:fresh` are one tier.
    const name = (module.project.name || 'default').split(':')[0]!;
    const tier = this.tiers.get(name) ?? {
      files: 0,
      tests: 0,
      failed: 0,
      start,
      end,
      busy: 0,
      slowest: { file: '', ms: -1 },
    };
    tier.files++;
    for (const test of module.children.allTests()) {
      tier.tests++;
      if (test.result().state === 'failed') tier.failed++;
    }
    if (module.state() === 'failed' && tier.failed === 0) tier.failed++;
    tier.start = Math.min(tier.start, start);
    tier.end = Math.max(tier.end, end);
    const ms = module.diagnostic().duration;
    tier.busy += ms;
    if (ms > tier.slowest.ms) tier.slowest = { file: module.relativeModuleId, ms };
    this.tiers.set(name, tier);
  }

  onTestRunEnd() {
    if (this.tiers.size === 0) return;
    const rows = [...this.tiers.entries()].sort(([, a], [, b]) => a.start - b.start);
    const lines = [
      '',
      ' Time per tier',
      `   ${'tier'.padEnd(12)}${'files'.padStart(6)}${'tests'.padStart(7)}${'failed'.padStart(8)}${'wall'.padStart(10)}${'files sum'.padStart(11)}   slowest file`,
      ...rows.map(
        ([name, t]) =>
          `   ${name.padEnd(12)}${String(t.files).padStart(6)}${String(t.tests).padStart(7)}${String(t.failed).padStart(8)}${seconds(t.end - t.start).padStart(10)}${seconds(t.busy).padStart(11)}   ${t.slowest.file} (${seconds(t.slowest.ms)})`,
      ),
      `   ${'run'.padEnd(33)}${seconds(performance.now() - this.runStart).padStart(10)}  (with start-up and DynamoDB Local)`,
      '',
    ];
    const log = this.vitest ? (line: string) => this.vitest?.logger.log(line) : (line: string) => console.log(line);
    for (const line of lines) log(line);
  }
}
