//go:build !wasm

package main

import "github.com/netground/netground/wasm/bundle"

// generate writes the static bundle: it is what the native build of this
// command does.
func generate() { bundle.Main() }
