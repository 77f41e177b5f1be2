//go:build !build2

package main

// Build 1 (the base): the checkout hashes nothing.
const (
	build          = "1"
	checkoutHashes = 0
)
