//go:build build2

package main

// Build 2 (the regression): every checkout also hashes the payload checkoutHashes times.
const (
	build          = "2"
	checkoutHashes = 120
)
