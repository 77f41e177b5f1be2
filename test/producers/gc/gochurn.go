// Producer of real Go GODEBUG=gctrace=1 output for Kiln's GC-log tests (test/fixtures/gc/go119-*.txt).
// Allocates garbage while keeping a sliding window live, logs its own progress lines to stderr (so the
// gctrace lines are interleaved with program output, as in a real service), and calls runtime.GC()
// once, which gctrace marks "(forced)". Run by make-go-log.sh:
//   go build -o /tmp/gochurn gochurn.go && GODEBUG=gctrace=1 /tmp/gochurn 2>OUT
package main

import (
	"log"
	"os"
	"runtime"
	"strconv"
)

func main() {
	rounds := 2000
	if len(os.Args) > 1 {
		if n, err := strconv.Atoi(os.Args[1]); err == nil {
			rounds = n
		}
	}
	log.SetOutput(os.Stderr)
	log.Printf("gochurn starting: %d rounds", rounds)
	live := make([][]byte, 0, 600)
	total := 0
	for round := 1; round <= rounds; round++ {
		for i := 0; i < 1000; i++ {
			garbage := make([]byte, 256+(i%64)*16)
			total += len(garbage)
		}
		live = append(live, make([]byte, 32*1024))
		if len(live) >= 600 {
			live = live[1:]
		}
		if round%500 == 0 {
			log.Printf("round %d: allocated %d bytes", round, total)
		}
		if round == rounds/2 {
			runtime.GC()
		}
	}
	log.Printf("done: allocated %d bytes, live %d", total, len(live))
}
