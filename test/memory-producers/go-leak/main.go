// A service that keeps each request's payload: in an unbounded map (-mode leak, main.addEntry) or in a bounded LRU
// (-mode lru, main.cachePut); both hold a table built once at start (main.buildTable, the control). A load generator
// inside the process POSTs payloads to it over net/http at a fixed rate; every -interval it collects (runtime.GC, as
// /debug/pprof/heap?gc=1 does, so the profile is of this instant and not of the last GC) and writes a heap profile
// with runtime/pprof. Its truth goes to stdout, one line per capture:
//
//	capture INDEX FILE entries N capacity C
//
// and, for the LRU, `full INDEX_OF_FIRST_CAPTURE_AT_CAPACITY` once it has reached capacity at a capture.
package main

import (
	"bytes"
	"container/list"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

var (
	mu       sync.Mutex
	leaked   = map[int64][]byte{}
	lru      = list.New()
	lruIndex = map[int64]*list.Element{}
	capacity int
	table    [][]byte
)

type lruEntry struct {
	key   int64
	value []byte
}

// buildTable allocates the constant table once: 2,000 rows of 4 KiB (8 MiB).
//
//go:noinline
func buildTable() [][]byte {
	rows := make([][]byte, 2000)
	for i := range rows {
		rows[i] = make([]byte, 4096)
		rows[i][0] = byte(i)
	}
	return rows
}

// addEntry keeps a copy of the payload forever. The copy is made with an explicit capacity: `make([]byte, len(p));
// copy(…, p)` compiles to runtime.makeslicecopy, whose allocations Go 1.19's heap profile charges one frame up (to
// the handler; `go tool pprof -traces` shows it so too).
//
//go:noinline
func addEntry(key int64, payload []byte) {
	entry := make([]byte, len(payload), len(payload))
	copy(entry, payload)
	mu.Lock()
	leaked[key] = entry
	mu.Unlock()
}

// cachePut keeps a copy of the payload in an LRU of `capacity` entries, evicting the least recently used.
//
//go:noinline
func cachePut(key int64, payload []byte) {
	entry := make([]byte, len(payload), len(payload))
	copy(entry, payload)
	mu.Lock()
	defer mu.Unlock()
	if e, ok := lruIndex[key]; ok {
		e.Value.(*lruEntry).value = entry
		lru.MoveToFront(e)
		return
	}
	lruIndex[key] = lru.PushFront(&lruEntry{key: key, value: entry})
	for lru.Len() > capacity {
		oldest := lru.Back()
		lru.Remove(oldest)
		delete(lruIndex, oldest.Value.(*lruEntry).key)
	}
}

func held() int {
	mu.Lock()
	defer mu.Unlock()
	if capacity > 0 {
		return lru.Len()
	}
	return len(leaked)
}

func main() {
	mode := flag.String("mode", "leak", "leak or lru")
	out := flag.String("out", ".", "directory of the heap profiles")
	duration := flag.Duration("duration", 20*time.Second, "how long to run")
	interval := flag.Duration("interval", 2*time.Second, "time between heap profiles")
	rate := flag.Int("rate", 250, "requests per second")
	size := flag.Int("payload", 24*1024, "payload bytes")
	flag.IntVar(&capacity, "capacity", 0, "LRU capacity (entries), lru mode")
	flag.Parse()
	if *mode == "lru" && capacity <= 0 {
		fmt.Fprintln(os.Stderr, "-mode lru needs -capacity")
		os.Exit(2)
	}
	if *mode == "leak" {
		capacity = 0
	}
	table = buildTable()

	put := addEntry
	if *mode == "lru" {
		put = cachePut
	}
	http.HandleFunc("/put", func(w http.ResponseWriter, r *http.Request) {
		key, err := strconv.ParseInt(r.URL.Query().Get("key"), 10, 64)
		body, err2 := io.ReadAll(r.Body)
		if err != nil || err2 != nil {
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		put(key, body)
		w.WriteHeader(http.StatusNoContent)
	})
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	go http.Serve(listener, nil)

	// The load generator: 4 clients, each at rate/4 requests per second, paced from the start (a late request is sent
	// at once), keys never repeating.
	var next int64
	stop := make(chan struct{})
	var clients sync.WaitGroup
	start := time.Now()
	url := "http://" + listener.Addr().String() + "/put?key="
	payload := bytes.Repeat([]byte("kiln"), *size/4)
	for c := 0; c < 4; c++ {
		clients.Add(1)
		go func() {
			defer clients.Done()
			period := time.Duration(float64(time.Second) * 4 / float64(*rate))
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				if wait := time.Until(start.Add(time.Duration(i) * period)); wait > 0 {
					time.Sleep(wait)
				}
				key := atomic.AddInt64(&next, 1)
				resp, err := http.Post(url+strconv.FormatInt(key, 10), "application/octet-stream", bytes.NewReader(payload))
				if err != nil {
					panic(err)
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
			}
		}()
	}

	full := -1
	for index := 0; time.Since(start) < *duration; index++ {
		time.Sleep(time.Until(start.Add(time.Duration(index)*(*interval) + *interval/4)))
		runtime.GC()
		entries := held()
		name := filepath.Join(*out, fmt.Sprintf("heap-%02d.pb.gz", index))
		f, err := os.Create(name)
		if err != nil {
			panic(err)
		}
		if err := pprof.Lookup("heap").WriteTo(f, 0); err != nil {
			panic(err)
		}
		f.Close()
		fmt.Printf("capture %d %s entries %d capacity %d\n", index, name, entries, capacity)
		if capacity > 0 && entries >= capacity && full < 0 {
			full = index
			fmt.Printf("full %d\n", full)
		}
	}
	close(stop)
	clients.Wait()
	runtime.KeepAlive(table)
}
