// Producer of a real Go CPU profile with sample labels, for Kiln's label and
// line filters (test/fixtures/pprof-labels/labelled-cpu.pb.gz). Work runs
// under pprof.Do with labels "endpoint" and "worker" (runtime/pprof attaches
// the goroutine's labels to every CPU sample taken while it runs, profile.proto
// Sample.label), plus some unlabelled work. twoLoops has two hot loops on
// different source lines, so `go tool pprof -lines` splits it in two.
// Run by make-fixtures.sh:
//
//	go build -trimpath -o /tmp/labelled labelled.go && /tmp/labelled OUT.pb.gz SECONDS
package main

import (
	"context"
	"fmt"
	"os"
	"runtime/pprof"
	"strconv"
	"time"
)

var sink uint64

//go:noinline
func burnAlpha(n int) {
	x := sink
	for i := 0; i < n; i++ {
		x = x*6364136223846793005 + 1442695040888963407
	}
	sink = x
}

//go:noinline
func burnBeta(n int) {
	x := sink
	for i := 0; i < n; i++ {
		x ^= x<<13 ^ x>>7 ^ x<<17
	}
	sink = x
}

//go:noinline
func twoLoops(n int) {
	x := sink
	for i := 0; i < n; i++ {
		x = x*31 + uint64(i)
	}
	for i := 0; i < 2*n; i++ {
		x = x ^ (x >> 3) + uint64(i)
	}
	sink = x
}

//go:noinline
func unlabelled(n int) {
	burnAlpha(n / 2)
	burnBeta(n / 2)
}

func serve(ctx context.Context, endpoint, worker string, work func()) {
	pprof.Do(ctx, pprof.Labels("endpoint", endpoint, "worker", worker), func(context.Context) { work() })
}

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: labelled OUT.pb.gz SECONDS")
		os.Exit(2)
	}
	seconds, err := strconv.Atoi(os.Args[2])
	if err != nil {
		panic(err)
	}
	out, err := os.Create(os.Args[1])
	if err != nil {
		panic(err)
	}
	if err := pprof.StartCPUProfile(out); err != nil {
		panic(err)
	}
	const n = 2_000_000
	ctx := context.Background()
	deadline := time.Now().Add(time.Duration(seconds) * time.Second)
	for time.Now().Before(deadline) {
		serve(ctx, "/a", "1", func() { burnAlpha(2 * n); twoLoops(n) })
		serve(ctx, "/a", "2", func() { burnBeta(n) })
		serve(ctx, "/b", "1", func() { burnBeta(n); twoLoops(n) })
		unlabelled(n)
	}
	pprof.StopCPUProfile()
	if err := out.Close(); err != nil {
		panic(err)
	}
}
