/*
 * Producer of real `perf record` data for Kiln's perf-script tests
 * (test/fixtures/perf-script/busy-*.perf.txt). A CPU-bound program with a known
 * call tree: main -> middle -> leaf (twice per round) and main -> other, built without
 * optimisation and with frame pointers so that `perf record -g` sees every frame.
 * Run by make-fixtures.sh:
 *   gcc -O0 -g -fno-omit-frame-pointer -o busy busy.c && perf record -F 999 -g -o busy.data ./busy 150
 */
#include <stdio.h>
#include <stdlib.h>

static volatile unsigned long sink;

static void leaf(int n) {
  for (int i = 0; i < n; i++) sink += (unsigned long)i * 7;
}

static void middle(int n) {
  leaf(n);
  leaf(n / 2);
}

static void other(int n) {
  for (int i = 0; i < n; i++) sink ^= (unsigned long)i;
}

int main(int argc, char **argv) {
  int rounds = argc > 1 ? atoi(argv[1]) : 150;
  for (int r = 0; r < rounds; r++) {
    middle(100000);
    other(50000);
  }
  printf("%lu\n", sink);
  return 0;
}
