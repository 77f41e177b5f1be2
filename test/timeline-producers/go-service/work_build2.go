//go:build build2

package main

import "crypto/sha512"

// work in build 2 (the code difference between the two deploys): SHA-512 instead of SHA-256.
func work(n int) [32]byte {
	var sum [64]byte
	for i := 0; i < n; i++ {
		sum = sha512.Sum512(sum[:])
	}
	var out [32]byte
	copy(out[:], sum[:32])
	return out
}
