// Command go-cpu-window writes N CPU profiles (pprof, gzipped) of a service
// doing real work, one after another, as a profiler that captures a service
// every few seconds would: each profile has its own time_nanos and duration.
// Handler goroutines (four per core) serve "requests" through per-route
// middleware chains of different depths and per-tenant and per-plan code into
// ten handlers (hashing, JSON,
// sorting, regular expressions, compression, formatting, recursion, some behind
// service and repository layers), and background jobs run beside them, so each
// capture holds hundreds of samples over hundreds of distinct stacks, as a real
// service's do. The mix shifts from one capture to the next, so the profiles
// share most stacks and differ in the rest. Kiln's benchmark merges
// the whole set (a service window of 1,000 captures) and compares the time
// with `go tool pprof -proto` merging the same files.
//
// runtime/pprof waits ~200 ms after each capture for its writer, idle time the
// bench fills by running several processes, each writing a range (-first); the
// service takes no traffic between its captures.
//
// Usage: go run . -n 250 -first 0 -ms 1000 -min-samples 200 -hz 1000 -out DIR
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

// More handlers, reaching the same work through deeper, distinct paths (a service layer over a repository layer),
// as a real service's endpoints do.
func loadCart(seed int)        { decodeOrder(seed); decodeOrder(seed + 1) }
func validateCart(seed int)    { parseLogs(seed) }
func cartService(seed int)     { loadCart(seed); validateCart(seed); pricing(seed) }
func handleCart(seed int)      { cartService(seed) }
func queryInventory(seed int)  { sortInventory(seed) }
func stockRepo(seed int)       { queryInventory(seed); hashPayload(seed) }
func stockService(seed int)    { stockRepo(seed); renderPage(seed) }
func handleStock(seed int)     { stockService(seed) }
func buildInvoice(seed int)    { renderPage(seed); compressBody(seed) }
func signInvoice(seed int)     { hashPayload(seed); hashPayload(seed + 1) }
func billingService(seed int)  { buildInvoice(seed); signInvoice(seed) }
func handleInvoice(seed int)   { billingService(seed) }
func scoreUser(seed int)       { pricing(seed); sortInventory(seed) }
func recommend(seed int)       { scoreUser(seed); decodeOrder(seed) }
func handleRecommend(seed int) { recommend(seed) }
func auditEntry(seed int)      { parseLogs(seed); compressBody(seed) }
func handleAudit(seed int)     { auditEntry(seed) }

var handlers = []func(int){handleCheckout, handleSearch, handleExport, handlePage, handleReport,
	handleCart, handleStock, handleInvoice, handleRecommend, handleAudit}

// Middleware: each route group wraps its handlers in its own chain, so the same handler shows up under several
// call prefixes of different depths, as in an HTTP server with per-route middleware.
type request struct {
	seed    int
	handler func(int)
	chain   []func(*request, int)
	tenant  int
	plan    int
}

func (r *request) next(i int) {
	if i < len(r.chain) {
		r.chain[i](r, i+1)
		return
	}
	tenants[r.tenant](r)
}

// After the middleware, the request passes its tenant's and its plan's code (quotas, feature flags) before the
// handler, as multi-tenant services do: the same work under many distinct stacks.
func tenantEU(r *request)       { sink.Add(3); plans[r.plan](r) }
func tenantUS(r *request)       { sink.Add(4); plans[r.plan](r) }
func tenantAPAC(r *request)     { sink.Add(5); plans[r.plan](r) }
func tenantInternal(r *request) { sink.Add(6); plans[r.plan](r) }
func planFree(r *request)       { r.handler(r.seed) }
func planPro(r *request)        { r.handler(r.seed) }
func planTeam(r *request)       { r.handler(r.seed) }
func planEnterprise(r *request) { r.handler(r.seed) }

var (
	tenants = []func(*request){tenantEU, tenantUS, tenantAPAC, tenantInternal}
	plans   = []func(*request){planFree, planPro, planTeam, planEnterprise}
)

func withRecover(r *request, i int) { defer func() { _ = recover() }(); r.next(i) }
func withLogging(r *request, i int) { sink.Add(uint64(len(fmt.Sprint(r.seed)))); r.next(i) }
func withAuth(r *request, i int) {
	sum := sha256.Sum256([]byte(fmt.Sprint("token", r.seed)))
	sink.Add(uint64(sum[1]))
	r.next(i)
}
func withTracing(r *request, i int)   { sink.Add(uint64(len(strings.Repeat("t", r.seed%7)))); r.next(i) }
func withRateLimit(r *request, i int) { sink.Add(1); r.next(i) }
func withGzip(r *request, i int)      { r.next(i); sink.Add(2) }

var routeGroups = [][]func(*request, int){
	{withRecover, withLogging},
	{withRecover, withLogging, withAuth},
	{withRecover, withTracing, withAuth, withRateLimit},
	{withRecover, withLogging, withTracing, withGzip},
	{withRecover, withLogging, withAuth, withTracing, withRateLimit, withGzip},
	{withRecover, withRateLimit},
}

// background jobs run beside the request handlers, under their own roots, as a service's cache refreshers and
// metric flushers do.
func refreshCache(seed int) {
	for i := 0; i < 3; i++ {
		decodeOrder(seed + i)
	}
	sortInventory(seed)
}
func flushMetrics(seed int) { renderPage(seed); compressBody(seed) }
func compactIndex(seed int) { sortInventory(seed); hashPayload(seed) }

var jobs = []func(int){refreshCache, flushMetrics, compactIndex}

func background(job int, capture *atomic.Int64, active *atomic.Bool, stop *atomic.Bool, wg *sync.WaitGroup) {
	defer wg.Done()
	for n := 0; !stop.Load(); n++ {
		if !active.Load() {
			time.Sleep(time.Millisecond)
			continue
		}
		jobs[job](n + int(capture.Load()))
		// A job runs now and then, not flat out.
		time.Sleep(2 * time.Millisecond)
	}
}

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
		r := &request{seed: req + c, handler: handlers[h], chain: routeGroups[(h+req/len(handlers))%len(routeGroups)],
			tenant: (req / 3) % len(tenants), plan: (req*7 + worker) % len(plans)}
		r.next(0)
	}
}

// captureLength is how long the next capture runs to hold `want` samples, from the rate the last one got (the
// kernel checks per-thread CPU timers on its 250 Hz tick, only for the thread running at the tick, so the rate falls
// when other jobs share the cores): at least `shortest`, at most 30 s.
func captureLength(shortest time.Duration, want int, lastSamples int64, lastLength time.Duration) time.Duration {
	if want <= 0 || lastSamples <= 0 {
		return shortest
	}
	// 15% over the target: the rate varies from one capture to the next.
	length := time.Duration(float64(lastLength) * 1.15 * float64(want) / float64(lastSamples))
	if length < shortest {
		return shortest
	}
	if length > 30*time.Second {
		return 30 * time.Second
	}
	return length
}

func main() {
	n := flag.Int("n", 1000, "profiles to write")
	ms := flag.Int("ms", 100, "shortest duration of each profile, milliseconds")
	minSamples := flag.Int("min-samples", 0, "samples a profile should hold: each lasts long enough for it, from the "+
		"rate the one before got, and one with fewer is taken again (up to 3 times)")
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
	// More handler goroutines than cores, as a server has; they share the cores.
	workers := 4 * runtime.GOMAXPROCS(0)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go serve(w, requests, &capture, &wg)
	}
	var bg sync.WaitGroup
	for j := range jobs {
		bg.Add(1)
		go background(j, &capture, &active, &stop, &bg)
	}
	length := time.Duration(*ms) * time.Millisecond
	var lastSamples int64
	for i := *first; i < *first+*n; i++ {
		capture.Store(int64(i))
		// A capture that the kernel gave fewer samples than asked (other jobs on the cores) is taken again.
		var profile bytes.Buffer
		for attempt := 0; ; attempt++ {
			length = captureLength(time.Duration(*ms)*time.Millisecond, *minSamples, lastSamples, length)
			profile.Reset()
			// Set before StartCPUProfile, which then keeps this rate (and prints that it cannot set its own 100 Hz).
			runtime.SetCPUProfileRate(*hz)
			if err := pprof.StartCPUProfile(&profile); err != nil {
				panic(err)
			}
			active.Store(true)
			time.Sleep(length)
			active.Store(false)
			pprof.StopCPUProfile()
			count, err := sampleCount(profile.Bytes())
			if err != nil {
				panic(err)
			}
			lastSamples = count
			if count >= int64(*minSamples) || attempt == 2 {
				break
			}
		}
		if err := os.WriteFile(filepath.Join(*out, fmt.Sprintf("cpu-%04d.pb.gz", i)), profile.Bytes(), 0o644); err != nil {
			panic(err)
		}
	}
	stop.Store(true)
	for range requests {
	}
	wg.Wait()
	bg.Wait()
}
