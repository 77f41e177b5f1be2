// A tiny HTTP service for test/timeline-producers/go.test.ts: net/http/pprof for captures, /work for CPU load.
// It listens on a free port of 127.0.0.1 and prints "listening ADDR pid PID build BUILD" once it serves.
package main

import (
	"fmt"
	"net"
	"net/http"
	_ "net/http/pprof"
	"os"
)

// build is set by the linker (-X main.build=2) so each deploy says which it is.
var build = "1"

func main() {
	http.HandleFunc("/work", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "%x", work(20000))
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	fmt.Printf("listening %s pid %d build %s\n", ln.Addr(), os.Getpid(), build)
	panic(http.Serve(ln, nil))
}
