// Producer of real Go 1.19 debug=1 text profiles for Kiln's pprof-legacy tests
// (test/fixtures/pprof-legacy/go119-*.txt). runtime/pprof writes these legacy text
// formats when WriteTo is called with debug=1: heap and allocs ("heap profile: ..."),
// goroutine and threadcreate ("<name> profile: total N"), mutex and block
// ("--- mutex:" / "--- contention:"), each stack followed by "#\t0xPC\tfunc+0xOFF\tfile:line"
// symbol lines. The program allocates (a kept slice and garbage, with inlined helpers so
// that symbol lines show inlining), contends on a mutex, blocks on channels, and parks a
// few goroutines (one with pprof labels) so the goroutine profile has several stacks.
// Run by make-fixtures.sh:
//
//	go build -o /tmp/legacyprof legacyprof.go && /tmp/legacyprof OUTDIR
package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"sync"
	"time"
)

var keep [][]byte
var sink []byte

//go:noinline
func allocLarge(n int) {
	for i := 0; i < n; i++ {
		keep = append(keep, make([]byte, 64<<10))
	}
}

// makeSmall is small enough to be inlined into allocSmall.
func makeSmall(size int) []byte { return make([]byte, size) }

//go:noinline
func allocSmall(n int) {
	for i := 0; i < n; i++ {
		sink = makeSmall(128 + i%256)
	}
}

var mu sync.Mutex
var counter int

//go:noinline
func contend(rounds int) {
	for i := 0; i < rounds; i++ {
		mu.Lock()
		counter++
		time.Sleep(50 * time.Microsecond)
		mu.Unlock()
	}
}

//go:noinline
func blockOnChannel(ch chan int, n int) {
	for i := 0; i < n; i++ {
		<-ch
	}
}

//go:noinline
func parked(ch chan struct{}) { <-ch }

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: legacyprof OUTDIR")
		os.Exit(2)
	}
	out := os.Args[1]
	runtime.SetMutexProfileFraction(1)
	runtime.SetBlockProfileRate(1)

	allocLarge(200)
	allocSmall(50000)

	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() { defer wg.Done(); contend(50) }()
	}
	ch := make(chan int)
	wg.Add(1)
	go func() { defer wg.Done(); blockOnChannel(ch, 20) }()
	for i := 0; i < 20; i++ {
		time.Sleep(200 * time.Microsecond)
		ch <- i
	}
	wg.Wait()

	stop := make(chan struct{})
	for g := 0; g < 3; g++ {
		go parked(stop)
	}
	// Goroutines started inside pprof.Do carry its labels, which the goroutine
	// profile prints as "# labels: {...}" lines.
	pprof.Do(context.Background(), pprof.Labels("worker", "labelled", "shard", "7"), func(context.Context) {
		go parked(stop)
	})
	runtime.GC() // the heap profile shows allocations as of the last GC
	time.Sleep(10 * time.Millisecond)

	for _, name := range []string{"heap", "allocs", "goroutine", "threadcreate", "mutex", "block"} {
		f, err := os.Create(filepath.Join(out, "go119-"+name+".txt"))
		if err != nil {
			panic(err)
		}
		if err := pprof.Lookup(name).WriteTo(f, 1); err != nil {
			panic(err)
		}
		f.Close()
	}
	close(stop)
}
