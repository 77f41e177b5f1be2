/**
 * The JVM producer of test/memory-producers/jvm-phase.test.ts: a quiet phase, then an allocation-heavy one, each paced
 * by the wall clock in ticks of TICK_MS so the allocation rates do not depend on the machine's speed:
 * - quiet: QUIET_BYTES_PER_TICK a tick (64 KiB every 10 ms, 6.4 MiB/s), a young collection every second or so with
 *   -Xmn8m;
 * - heavy: `render` allocates HEAVY_BYTES_PER_TICK a tick (25 × 64 KiB every 10 ms, 160 MiB/s) of short-lived byte
 *   arrays, tens of young collections a second.
 * It prints "switch <ms since the epoch>" (System.currentTimeMillis()) when the heavy phase begins: the test's truth.
 * Usage: java JvmPhase.java QUIET_MS HEAVY_MS
 */
public final class JvmPhase {
  static final long TICK_MS = 10;
  static final int CHUNK = 64 * 1024;
  static final int QUIET_CHUNKS_PER_TICK = 1;
  static final int HEAVY_CHUNKS_PER_TICK = 25;
  static volatile byte[] sink;

  public static void main(String[] args) throws InterruptedException {
    long quietMs = Long.parseLong(args[0]);
    long heavyMs = Long.parseLong(args[1]);
    paced(quietMs, QUIET_CHUNKS_PER_TICK);
    System.out.println("switch " + System.currentTimeMillis());
    System.out.flush();
    long end = System.currentTimeMillis() + heavyMs;
    while (System.currentTimeMillis() < end) {
      long tickEnd = System.currentTimeMillis() + TICK_MS;
      render(HEAVY_CHUNKS_PER_TICK);
      sleepUntil(tickEnd);
    }
    System.out.println("end " + System.currentTimeMillis());
  }

  static void paced(long ms, int chunksPerTick) throws InterruptedException {
    long end = System.currentTimeMillis() + ms;
    while (System.currentTimeMillis() < end) {
      long tickEnd = System.currentTimeMillis() + TICK_MS;
      for (int i = 0; i < chunksPerTick; i++) sink = new byte[CHUNK];
      sleepUntil(tickEnd);
    }
  }

  /** The heavy phase's allocation: many short-lived byte arrays, only the last one reachable. */
  static void render(int chunks) {
    for (int i = 0; i < chunks; i++) {
      byte[] frame = new byte[CHUNK];
      frame[i % CHUNK] = (byte) i;
      sink = frame;
    }
  }

  static void sleepUntil(long atMs) throws InterruptedException {
    long left = atMs - System.currentTimeMillis();
    if (left > 0) Thread.sleep(left);
  }
}
