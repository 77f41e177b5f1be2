// A tiny HTTP service for test/diff-producers/go-regression.test.ts, run as two builds (build1.go, build2.go):
// /checkout runs main.handleCheckout, whose own loop is the same in both builds and which in build 2 also hashes a
// buffer with crypto/sha256 (checkoutHashes, from the build's file); /control runs main.controlWork, the same in both.
// net/http/pprof serves the captures. It listens on a free port of 127.0.0.1 and prints "listening ADDR pid PID".
package main

import (
	"crypto/sha256"
	"fmt"
	"net"
	"net/http"
	_ "net/http/pprof"
	"os"
	"sync/atomic"
)

// The fixed work per request, the same in both builds. On the test machine (Go 1.19, amd64, its thread CPU clock)
// 4 500 000 rounds of the loop take about 5.5 ms, 4 000 000 about 4.9 ms, and one sha256.Sum256 of 64 KiB about
// 0.12–0.17 ms, so build 2's 120 hashes add 15–20 ms to each checkout: three to four times the handler's own
// work. Each request's own work is a burst longer than the kernel's 4 ms tick (see go-regression-producer.ts).
const (
	checkoutRounds = 4_000_000
	controlRounds  = 4_500_000
	payloadBytes   = 64 << 10
)

// payload is what build 2's checkout hashes: allocated once, so the extra work allocates nothing and adds no GC.
var payload = make([]byte, payloadBytes)

// spin is a fixed amount of arithmetic on registers: no calls, no allocation, no memory traffic, so its CPU time
// per call does not depend on what else the process does.
//
//go:noinline
func spin(seed uint64, rounds int) uint64 {
	x := seed
	for i := 0; i < rounds; i++ {
		x = x*6364136223846793005 + 1442695040888963407
	}
	return x
}

// handleCheckout's self time is its own loop (the same in both builds, written out here rather than calling spin so
// it is the handler's self); build 2 adds checkoutHashes calls of sha256.Sum256, written here in the handler, not
// through another main function, so the regression is in standard-library callees and shows in the handler's total.
//
//go:noinline
func handleCheckout(w http.ResponseWriter, r *http.Request) {
	served.checkout.Add(1)
	x := uint64(len(r.URL.Path))
	for i := 0; i < checkoutRounds; i++ {
		x = x*6364136223846793005 + 1442695040888963407
	}
	var sum [sha256.Size]byte
	for i := 0; i < checkoutHashes; i++ {
		payload[0] = byte(i)
		sum = sha256.Sum256(payload)
	}
	fmt.Fprintf(w, "%x %x", x, sum[:4])
}

// served counts each endpoint's requests (/stats), so the producer can check the load it meant to drive arrived.
var served struct{ checkout, control atomic.Int64 }

// controlWork is the control: the same code and the same request rate in both builds.
//
//go:noinline
func controlWork(n int) uint64 {
	return spin(uint64(n), controlRounds)
}

func handleControl(w http.ResponseWriter, r *http.Request) {
	served.control.Add(1)
	fmt.Fprintf(w, "%x", controlWork(len(r.URL.Path)))
}

func main() {
	http.HandleFunc("/checkout", handleCheckout)
	http.HandleFunc("/control", handleControl)
	http.HandleFunc("/stats", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "%d %d", served.checkout.Load(), served.control.Load())
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	fmt.Printf("listening %s pid %d build %s\n", ln.Addr(), os.Getpid(), build)
	panic(http.Serve(ln, nil))
}
