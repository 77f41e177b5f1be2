// The Go producer of test/memory-producers/jvm-phase.test.ts's gctrace case: a quiet phase, then an
// allocation-heavy one, paced in ticks of 10 ms by the wall clock (64 KiB a tick, then 25 × 64 KiB a tick in
// render). Run under GODEBUG=gctrace=1, the runtime writes one line per cycle to stderr. At the end it forces
// one more cycle (runtime.GC waits for it to finish, so no cycle is in flight) and prints the runtime's own count
// of completed cycles, "numgc N" (runtime.MemStats.NumGC), and "switch MS" (Unix ms) when the heavy phase began.
// Usage: gophase QUIET_MS HEAVY_MS
package main

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"time"
)

const chunk = 64 << 10

var sink []byte

func paced(d time.Duration, chunks int) {
	end := time.Now().Add(d)
	for time.Now().Before(end) {
		tickEnd := time.Now().Add(10 * time.Millisecond)
		render(chunks)
		time.Sleep(time.Until(tickEnd))
	}
}

//go:noinline
func render(chunks int) {
	for i := 0; i < chunks; i++ {
		frame := make([]byte, chunk)
		frame[i%chunk] = byte(i)
		sink = frame
	}
}

func main() {
	quiet, _ := strconv.Atoi(os.Args[1])
	heavy, _ := strconv.Atoi(os.Args[2])
	paced(time.Duration(quiet)*time.Millisecond, 1)
	fmt.Printf("switch %d\n", time.Now().UnixMilli())
	paced(time.Duration(heavy)*time.Millisecond, 25)
	runtime.GC()
	var stats runtime.MemStats
	runtime.ReadMemStats(&stats)
	fmt.Printf("numgc %d\n", stats.NumGC)
}
