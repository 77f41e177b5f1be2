// Producer of real JDK 17 unified GC logs for Kiln's GC-log tests (test/fixtures/gc/jdk17-*.log).
// Allocates short-lived garbage (about 780 KB per round) and keeps a sliding window of 32 KB arrays
// alive (about 19 MB), so that young and old/concurrent collections happen; one System.gc() halfway
// adds an explicit full (or concurrent, for ZGC/Shenandoah) collection. Run by make-jvm-logs.sh, e.g.
//   java -Xmx128m -Xlog:gc*:file=OUT:uptime,time,level,tags -XX:+UseG1GC GcChurn.java 3000
import java.util.ArrayDeque;

public class GcChurn {
  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
    ArrayDeque<byte[]> live = new ArrayDeque<>();
    long sum = 0;
    for (int round = 1; round <= rounds; round++) {
      for (int i = 0; i < 1000; i++) {
        byte[] garbage = new byte[256 + (i % 64) * 16];
        sum += garbage.length;
      }
      live.addLast(new byte[32 * 1024]);
      if (live.size() > 600) live.removeFirst();
      if (round == rounds / 2) System.gc();
    }
    System.out.println("allocated " + sum + " bytes, live " + live.size());
  }
}
