//go:build wasm

package main

// generate has nothing to do in the browser: app.RunWhenOnBrowser never
// returns there.
func generate() {}
