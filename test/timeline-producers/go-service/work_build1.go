//go:build !build2

package main

import "crypto/sha256"

// work hashes its own output n times: build 1's CPU work.
func work(n int) [32]byte {
	var sum [32]byte
	for i := 0; i < n; i++ {
		sum = sha256.Sum256(sum[:])
	}
	return sum
}
