// Producer of a real Go GODEBUG=gctrace=1 log of a leak, for the live-heap test (test/gc-live-heap.test.ts):
// every round allocates garbage and keeps 64 KiB more for good, so the live heap (the third number of
// gctrace's `A->B->C MB`) climbs from cycle to cycle while the heap at the end of each cycle (the second)
// swings with the garbage. Usage: go run goleak.go [ROUNDS] 2>OUT (with GODEBUG=gctrace=1).
package main

import (
	"os"
	"strconv"
)

var kept [][]byte

func main() {
	rounds := 3000
	if len(os.Args) > 1 {
		if n, err := strconv.Atoi(os.Args[1]); err == nil {
			rounds = n
		}
	}
	sink := 0
	for round := 0; round < rounds; round++ {
		for i := 0; i < 200; i++ {
			garbage := make([]byte, 4096+i*8)
			sink += len(garbage)
		}
		kept = append(kept, make([]byte, 64*1024))
	}
	os.Stdout.WriteString(strconv.Itoa(sink+len(kept)) + "\n")
}
