//go:build !(js && wasm)

package storage

import (
	"github.com/hack-pad/hackpadfs"
	"github.com/hack-pad/hackpadfs/mem"
)

// openFS returns memory: outside the browser there is no IndexedDB.
func openFS() (fs hackpadfs.FS, persistent bool, problem string) {
	return memoryFS(), false, "no browser storage outside the browser"
}

func memoryFS() hackpadfs.FS {
	fs, err := mem.NewFS()
	if err != nil {
		panic(err) // mem.NewFS does not fail
	}
	return fs
}

// Changed does nothing outside the browser.
func Changed() {}

// Watch does nothing outside the browser.
func Watch(fn func()) (stop func()) { return func() {} }

// tabsLock runs fn: outside the browser there are no other tabs.
func tabsLock(fn func()) error {
	fn()
	return nil
}
