/**
 * A program with one phase change, for the one-clock test of JFR recordings
 * (test/capture-clock.test.ts): first `quietMs` of CPU work that allocates
 * nothing (so no collection can run), then `busyMs` of allocation churn (young
 * collections start at once). The change shows in the CPU samples (spin →
 * churn), the allocation samples (the first in churn) and the GC events (the
 * first collection) at the same wall-clock moment.
 * Usage: java KilnPhaseChange QUIET_MS BUSY_MS
 */
public final class KilnPhaseChange {
  static volatile long sink;

  public static void main(String[] args) {
    spin(Long.parseLong(args[0]));
    churn(Long.parseLong(args[1]));
  }

  static void spin(long ms) {
    long deadline = System.nanoTime() + ms * 1_000_000L;
    long x = 1;
    while (System.nanoTime() < deadline) x = x * 31 + 7;
    sink = x;
  }

  static void churn(long ms) {
    long deadline = System.nanoTime() + ms * 1_000_000L;
    Object[] keep = new Object[64];
    int i = 0;
    while (System.nanoTime() < deadline) keep[i++ & 63] = new byte[64 * 1024];
    sink = keep.length;
  }
}
