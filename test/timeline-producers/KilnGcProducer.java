import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * The JVM producer of test/timeline-producers/jvm.test.ts. How many collections allocation churn causes depends on
 * how fast the machine is, so this program forces a fixed number: COLLECTIONS rounds of ROUND_MS of CPU work and
 * allocation churn (which JFR samples, and which may add young collections), each ended by System.gc(). Under
 * -XX:+UseSerialGC (and without -XX:+DisableExplicitGC) each System.gc() is one stop-the-world full collection, logged
 * by -Xlog:gc as "GC(n) Pause Full (System.gc()) …ms". It checks the count on the GarbageCollectorMXBeans and exits 1
 * when fewer collections ran. (test/producers/jfr/KilnPhaseChange.java records fixtures whose first collection must
 * come at its phase change, so it is not changed for this.)
 * Usage: java KilnGcProducer COLLECTIONS ROUND_MS
 */
public final class KilnGcProducer {
  static volatile long sink;

  public static void main(String[] args) {
    int collections = Integer.parseInt(args[0]);
    long roundMs = Long.parseLong(args[1]);
    long before = collectionCount();
    for (int i = 0; i < collections; i++) {
      churn(roundMs);
      System.gc();
    }
    long ran = collectionCount() - before;
    if (ran < collections) {
      System.err.println("KilnGcProducer: " + ran + " collections ran, expected at least " + collections);
      System.exit(1);
    }
  }

  static long collectionCount() {
    long count = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) count += Math.max(0, gc.getCollectionCount());
    return count;
  }

  static void churn(long ms) {
    long deadline = System.nanoTime() + ms * 1_000_000L;
    Object[] keep = new Object[64];
    int i = 0;
    long x = 1;
    while (System.nanoTime() < deadline) {
      keep[i++ & 63] = new byte[16 * 1024];
      for (int j = 0; j < 1000; j++) x = x * 31 + 7;
    }
    sink = x + keep.length;
  }
}
