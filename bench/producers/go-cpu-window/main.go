// Command go-cpu-window writes N CPU profiles (pprof, gzipped) of a service
// doing real work, one after another, as a profiler that captures a service
// every few seconds would: each profile has its own time_nanos and duration.
// Two workers serve "requests" from a handful of handlers (hashing, JSON,
// sorting, regular expressions, compression, formatting, recursion), each with
// its own call path, and the mix shifts from one capture to the next, so the
// profiles share most stacks and differ in the rest. Kiln's benchmark merges
// the whole set (a service window of 1,000 captures) and compares the time
// with `go tool pprof -proto` merging the same files.
//
// runtime/pprof waits ~200 ms after each capture for its writer, idle time the
// bench fills by running several processes, each writing a range (-first); the
// service takes no traffic between its captures.
//
// Usage: go run . -n 250 -first 0 -ms 100 -hz 500 -out DIR
package main

import (
	"bytes"
	"compress/flate"
	"crypto/sha256"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/pprof"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

type order struct {
	ID       int               `json:"id"`
	Customer string            `json:"customer"`
	Items    []string          `json:"items"`
	Total    float64           `json:"total"`
	Tags     map[string]string `json:"tags"`
}

var sink atomic.Uint64

func hashPayload(seed int) {
	buf := make([]byte, 4096)
	for i := range buf {
		buf[i] = byte(seed + i)
	}
	sum := sha256.Sum256(buf)
	for i := 0; i < 8; i++ {
		sum = sha256.Sum256(sum[:])
	}
	sink.Add(uint64(sum[0]))
}

func encodeOrder(seed int) []byte {
	o := order{ID: seed, Customer: fmt.Sprintf("customer-%d", seed%97), Total: float64(seed) * 1.25,
		Items: []string{"apple", "pear", "plum", strings.Repeat("x", seed%13)}, Tags: map[string]string{"region": "eu", "tier": "gold"}}
	b, _ := json.Marshal(o)
	return b
}

func decodeOrder(seed int) {
	var o order
	_ = json.Unmarshal(encodeOrder(seed), &o)
	sink.Add(uint64(o.ID))
}

func sortInventory(seed int) {
	xs := make([]int, 2000)
	for i := range xs {
		xs[i] = (i*7919 + seed*104729) % 10007
	}
	sort.Ints(xs)
	names := make([]string, 300)
	for i := range names {
		names[i] = fmt.Sprintf("sku-%05d", xs[i*5])
	}
	sort.Strings(names)
	sink.Add(uint64(xs[0]))
}

var logLine = regexp.MustCompile(`^(\d+)-(\w+)@([a-z]+)\.example\.com:(\d+)$`)

func parseLogs(seed int) {
	for i := 0; i < 40; i++ {
		m := logLine.FindStringSubmatch(fmt.Sprintf("%d-user%d@host%c.example.com:%d", seed, i, 'a'+rune(i%26), 8000+i))
		sink.Add(uint64(len(m)))
	}
}

func compressBody(seed int) {
	var out bytes.Buffer
	w, _ := flate.NewWriter(&out, flate.BestSpeed)
	for i := 0; i < 60; i++ {
		_, _ = w.Write(encodeOrder(seed + i))
	}
	_ = w.Close()
	sink.Add(uint64(out.Len()))
}

func fib(n int) int {
	if n < 2 {
		return n
	}
	return fib(n-1) + fib(n-2)
}

func pricing(seed int) { sink.Add(uint64(fib(18 + seed%4))) }

func renderPage(seed int) {
	var sb strings.Builder
	for i := 0; i < 200; i++ {
		fmt.Fprintf(&sb, "<li id=%q>%s %.2f</li>", fmt.Sprint(i), strings.ToUpper("item"), float64(i*seed)/3)
	}
	sink.Add(uint64(sb.Len()))
}

// Handlers, each reached through its own route function so every one has a distinct call path.
func handleCheckout(seed int) { decodeOrder(seed); hashPayload(seed); pricing(seed) }
func handleSearch(seed int)   { parseLogs(seed); sortInventory(seed) }
func handleExport(seed int)   { compressBody(seed); hashPayload(seed) }
func handlePage(seed int)     { renderPage(seed); decodeOrder(seed) }
func handleReport(seed int)   { sortInventory(seed); compressBody(seed); pricing(seed) }

var handlers = []func(int){handleCheckout, handleSearch, handleExport, handlePage, handleReport}

// serve handles requests from a queue, as a server's handler goroutines do; waiting on the queue also lets the
// runtime arm each thread's profiling timer promptly when a capture starts.
func serve(worker int, requests <-chan int, capture *atomic.Int64, wg *sync.WaitGroup) {
	defer wg.Done()
	for req := range requests {
		c := int(capture.Load())
		// The mix shifts with the capture number: handler h is picked more often in some captures than others.
		h := (req + worker + c/7) % len(handlers)
		if req%3 == 0 {
			h = (c + worker) % len(handlers)
		}
		handlers[h](req + c)
	}
}

func main() {
	n := flag.Int("n", 1000, "profiles to write")
	ms := flag.Int("ms", 100, "duration of each profile, milliseconds")
	hz := flag.Int("hz", 500, "CPU profile rate (samples per second per busy thread)")
	first := flag.Int("first", 0, "number of the first profile (several processes can write one set)")
	out := flag.String("out", ".", "directory for cpu-NNNN.pb.gz")
	flag.Parse()
	if err := os.MkdirAll(*out, 0o755); err != nil {
		panic(err)
	}
	var capture atomic.Int64
	var stop, active atomic.Bool
	var wg sync.WaitGroup
	// Unbuffered: no request is queued while the service is idle between captures.
	requests := make(chan int)
	go func() {
		for req := 0; !stop.Load(); req++ {
			// Traffic only while a capture runs: between captures runtime/pprof waits ~200 ms for its writer, and
			// the machine's cores go to the other producer processes, whose captures then hold more samples.
			for !active.Load() && !stop.Load() {
				time.Sleep(time.Millisecond)
			}
			requests <- req
		}
		close(requests)
	}()
	workers := runtime.GOMAXPROCS(0)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go serve(w, requests, &capture, &wg)
	}
	for i := *first; i < *first+*n; i++ {
		capture.Store(int64(i))
		f, err := os.Create(filepath.Join(*out, fmt.Sprintf("cpu-%04d.pb.gz", i)))
		if err != nil {
			panic(err)
		}
		// Set before StartCPUProfile, which then keeps this rate (and prints that it cannot set its own 100 Hz).
		runtime.SetCPUProfileRate(*hz)
		if err := pprof.StartCPUProfile(f); err != nil {
			panic(err)
		}
		active.Store(true)
		time.Sleep(time.Duration(*ms) * time.Millisecond)
		active.Store(false)
		pprof.StopCPUProfile()
		if err := f.Close(); err != nil {
			panic(err)
		}
	}
	stop.Store(true)
	for range requests {
	}
	wg.Wait()
}
