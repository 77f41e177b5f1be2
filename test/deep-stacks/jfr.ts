/**
 * A JFR recording of a real deep stack, made at test time by the installed
 * JDK: a generated class whose methods c0 … c(N−1) each call the next, the
 * last spinning on arithmetic for a second and a half while Flight Recorder
 * samples it. JFR keeps at most 2,048 frames a stack whatever `stackdepth`
 * asks (checked on OpenJDK 17: stackdepth=20000 on a 5,000-deep chain kept
 * the innermost 2,048), so the chain is 2,000 deep: the deepest JFR records.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DeepInput } from './generate';

export const JFR_DEPTH = 2_000;

/** Whether `java` runs here; the JFR case is skipped without it. */
export function hasJava(): boolean {
  return spawnSync('java', ['-version'], { encoding: 'utf8' }).status === 0;
}

function deepJavaSource(): string {
  const lines = ['public class Deep {'];
  for (let i = 0; i < JFR_DEPTH - 1; i++) lines.push(`  static long c${i}(long x) { return c${i + 1}(x) + 1; }`);
  lines.push(
    `  static long c${JFR_DEPTH - 1}(long x) {`,
    '    long end = System.nanoTime() + 1_500_000_000L;',
    '    long a = x;',
    '    while (System.nanoTime() < end) for (int k = 0; k < 100_000; k++) a = a * 6364136223846793005L + 1442695040888963407L;',
    '    return a;',
    '  }',
    '  public static void main(String[] args) { System.out.println(c0(1)); }',
    '}',
  );
  return lines.join('\n');
}

/**
 * What the JDK's own reader says of the recording's execution samples, in
 * sample counts: for each function, the samples whose stack holds it (total)
 * and those whose top frame it is (self). Most samples land in the innermost
 * method, but a few land on the way down the chain (a 1,430 ms / 1,420 ms
 * split was seen in CI), so counting is the oracle, not a rule of thumb.
 */
function samplesByJfrPrint(recording: string, functions: string[]): Map<string, { self: number; total: number }> {
  const printed = spawnSync(
    'jfr',
    ['print', '--events', 'jdk.ExecutionSample', '--stack-depth', String(JFR_DEPTH + 100), recording],
    { encoding: 'utf8', maxBuffer: 1 << 30 },
  );
  if (printed.status !== 0) throw new Error(`jfr print exited with ${printed.status}: ${printed.stderr}`);
  const counts = new Map(functions.map((f) => [f, { self: 0, total: 0 }]));
  // Each event prints `stackTrace = [` then one frame a line (`Deep.c7(long) line: 10`), top frame first, then `]`.
  for (const event of printed.stdout.split('jdk.ExecutionSample {').slice(1)) {
    const stack = /stackTrace = \[\n([\s\S]*?)\n\s*\]/.exec(event)?.[1] ?? '';
    const frames = stack.split('\n').map((line) => /^\s*([\w$.]+)\(/.exec(line)?.[1] ?? '');
    for (const [name, count] of counts) {
      if (frames[0] === name) count.self++;
      if (frames.includes(name)) count.total++;
    }
  }
  return counts;
}

/**
 * Runs the chain under Flight Recorder (the source launcher compiles it in the
 * same JVM). Kiln's values for the outermost, middle and innermost methods
 * must be the JDK reader's sample counts, in units of the innermost's total
 * (each sample weighs the recording's period, which Kiln reads itself).
 */
export function recordDeepJfr(dir: string): DeepInput {
  const source = join(dir, 'Deep.java');
  const recording = join(dir, 'deep.jfr');
  writeFileSync(source, deepJavaSource());
  const run = spawnSync(
    'java',
    [
      '-Xss64m',
      `-XX:StartFlightRecording=filename=${recording},settings=profile`,
      '-XX:FlightRecorderOptions=stackdepth=2048',
      source,
    ],
    { cwd: dir, encoding: 'utf8', timeout: 120_000 },
  );
  if (run.status !== 0) throw new Error(`java exited with ${run.status}: ${run.stderr}`);
  const innermost = `Deep.c${JFR_DEPTH - 1}`;
  const checked = ['Deep.c0', `Deep.c${JFR_DEPTH / 2}`, innermost];
  const counts = samplesByJfrPrint(recording, checked);
  const unit = counts.get(innermost)?.total ?? 0;
  if (unit === 0) throw new Error(`jfr print found no execution sample in ${innermost}`);
  return {
    name: 'deep.jfr',
    bytes: readFileSync(recording),
    prefix: 'Deep.c',
    depth: JFR_DEPTH,
    scaleBy: innermost,
    expected: checked.map((name) => {
      const count = counts.get(name) ?? { self: 0, total: 0 };
      return { function: name, self: count.self / unit, total: count.total / unit };
    }),
  };
}
