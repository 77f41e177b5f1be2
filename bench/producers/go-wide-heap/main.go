// Command go-wide-heap writes a large Go heap profile (pprof, gzipped) made by
// the real runtime: it allocates from millions of distinct call stacks, and
// with runtime.MemProfileRate = 1 every allocation is recorded, so the
// runtime's profile holds one record per distinct stack. Kiln's benchmark uses
// it as the "200 MB+ profile generated with a real Go program".
//
// Usage: go run . -allocs 3000000 -depth 24 -out wide.pb.gz
package main

import (
	"flag"
	"fmt"
	"math/rand"
	"os"
	"runtime"
	"runtime/pprof"
)

var sink [][]byte

// rng is a small xorshift so the walk is deterministic for a seed and cheap.
var rng uint64

func next() uint64 {
	rng ^= rng << 13
	rng ^= rng >> 7
	rng ^= rng << 17
	return rng
}

// Eight functions that call one another in a random order: each call picks
// the next function, so a walk of depth d is one of 8^d distinct stacks.
// go:noinline keeps every frame a real frame in the profile.

//go:noinline
func step0(d int) { dispatch(d) }

//go:noinline
func step1(d int) { dispatch(d) }

//go:noinline
func step2(d int) { dispatch(d) }

//go:noinline
func step3(d int) { dispatch(d) }

//go:noinline
func step4(d int) { dispatch(d) }

//go:noinline
func step5(d int) { dispatch(d) }

//go:noinline
func step6(d int) { dispatch(d) }

//go:noinline
func step7(d int) { dispatch(d) }

//go:noinline
func dispatch(d int) {
	if d == 0 {
		sink = append(sink, make([]byte, 16+int(next()%64)))
		return
	}
	switch next() % 8 {
	case 0:
		step0(d - 1)
	case 1:
		step1(d - 1)
	case 2:
		step2(d - 1)
	case 3:
		step3(d - 1)
	case 4:
		step4(d - 1)
	case 5:
		step5(d - 1)
	case 6:
		step6(d - 1)
	default:
		step7(d - 1)
	}
}

func main() {
	allocs := flag.Int("allocs", 3000000, "number of allocations, each from a random stack")
	depth := flag.Int("depth", 24, "random frames per stack (the runtime records at most 32 frames)")
	seed := flag.Int64("seed", 1, "seed of the walk")
	out := flag.String("out", "wide.pb.gz", "output file (gzipped pprof, as runtime/pprof writes it)")
	flag.Parse()

	runtime.MemProfileRate = 1
	rng = uint64(rand.New(rand.NewSource(*seed)).Int63()) | 1
	for i := 0; i < *allocs; i++ {
		dispatch(*depth)
		if len(sink) > 1024 {
			sink = sink[:0]
		}
	}
	runtime.GC()
	f, err := os.Create(*out)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := f.Close(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
