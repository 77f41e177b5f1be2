/*
 * Producer of real callgrind output for Kiln's callgrind tests
 * (test/fixtures/callgrind/shapes*.callgrind). Call shapes whose costs are known:
 * - work() is called from both alpha() and beta(), with different loop counts, so the
 *   call graph alone cannot tell which caller spent what (the approximation case);
 * - fact() recurses on itself, even() and odd() recurse through each other;
 * - leaf() is called 3 times from one site.
 * Run by make-fixtures.sh:
 *   gcc -O0 -g -fno-inline -o shapes shapes.c
 *   valgrind --tool=callgrind --toggle-collect=main --callgrind-out-file=OUT ./shapes
 */
#include <stdio.h>

static volatile unsigned long sink;

static void work(int n) {
  for (int i = 0; i < n; i++) sink += (unsigned long)i;
}

static void alpha(void) { work(3000); }

static void beta(void) {
  work(1000);
  work(1000);
}

static unsigned long fact(int n) { return n <= 1 ? 1 : (unsigned long)n * fact(n - 1); }

static int odd(int n);
static int even(int n) { return n == 0 ? 1 : odd(n - 1); }
static int odd(int n) { return n == 0 ? 0 : even(n - 1); }

static void leaf(int n) {
  for (int i = 0; i < n; i++) sink ^= (unsigned long)i;
}

int main(void) {
  alpha();
  beta();
  sink += fact(20);
  sink += (unsigned long)even(101);
  for (int i = 0; i < 3; i++) leaf(500);
  printf("%lu\n", sink);
  return 0;
}
