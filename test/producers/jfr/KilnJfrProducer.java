/*
 * A small Java program that keeps a few threads busy with CPU work and
 * short-lived allocations, so that a JFR recording of it holds execution
 * samples (some deeper than JFR's 64-frame limit), allocation samples and
 * garbage collections. It is the producer of test/fixtures/jfr/kiln-producer.jfr
 * and kiln-producer-3chunks.jfr; record.sh next to it runs, for the first:
 *
 *   javac -d "$WORK" test/producers/jfr/KilnJfrProducer.java
 *   java -Xmx128m -XX:+UseG1GC \
 *     -XX:StartFlightRecording=duration=5s,filename=test/fixtures/jfr/kiln-producer.jfr,settings=profile \
 *     -cp "$WORK" KilnJfrProducer 6
 *
 * Argument: seconds to run (longer than the recording, so it ends by its duration).
 */
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

public final class KilnJfrProducer {
  private static volatile long sink;

  public static void main(String[] args) throws InterruptedException {
    long seconds = args.length > 0 ? Long.parseLong(args[0]) : 6;
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    Thread cpu = new Thread(() -> burnCpu(deadline), "kiln-cpu-worker");
    Thread alloc =
        new Thread(
            () -> {
              try {
                churn(deadline);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "kiln-alloc-worker");
    cpu.start();
    alloc.start();
    cpu.join();
    alloc.join();
    System.out.println("done " + sink);
  }

  /** Pure computation in a few nested methods, so stacks have some depth. */
  static void burnCpu(long deadline) {
    long acc = 0;
    while (System.nanoTime() < deadline) acc += (acc & 1) == 0 ? outer(acc) : deep(100, acc);
    sink += acc;
  }

  /** Recurses past JFR's default stack depth of 64 frames, so some samples have truncated stacks. */
  static long deep(int depth, long seed) {
    return depth == 0 ? outer(seed) : deep(depth - 1, seed + 1) + 1;
  }

  static long outer(long seed) {
    long total = 0;
    for (int i = 0; i < 1000; i++) total += inner(seed + i);
    return total;
  }

  static long inner(long x) {
    long h = x * 0x9E3779B97F4A7C15L;
    for (int i = 0; i < 50; i++) h = Long.rotateLeft(h ^ (h >>> 31), 7) * 31;
    return h & 0xff;
  }

  /** Allocates maps, lists and byte arrays that mostly die young; some survive a while. */
  static void churn(long deadline) throws InterruptedException {
    List<Object> retained = new ArrayList<>();
    long n = 0;
    while (System.nanoTime() < deadline) {
      Map<String, byte[]> map = new HashMap<>();
      for (int i = 0; i < 64; i++) map.put("key-" + i, new byte[256 + (i % 8) * 128]);
      if (n++ % 50 == 0) retained.add(map);
      if (retained.size() > 400) retained.subList(0, 200).clear();
      // Sleeping (a native method) slows the churn to a few GCs a second and gives NativeMethodSample data.
      if (n % 4 == 0) Thread.sleep(1);
      sink += map.size();
    }
    sink += retained.size();
  }
}
