// Package gentest checks that a package's generated file is what its
// go:generate command writes today.
package gentest

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// Fresh runs the go:generate command in the package's doc.go with its
// output (the argument after outFlag, which must be file) sent to a
// temporary file, and fails t unless that file equals the committed file:
// a registry snapshot changed without running go generate fails.
func Fresh(t *testing.T, outFlag, file string) {
	t.Helper()
	if runtime.GOOS == "js" || testing.Short() {
		t.Skip("runs the generator with the go command")
	}
	doc, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	var args []string
	for _, line := range strings.Split(string(doc), "\n") {
		if rest, ok := strings.CutPrefix(line, "//go:generate go "); ok {
			args = strings.Fields(rest)
		}
	}
	out := filepath.Join(t.TempDir(), filepath.Base(file))
	found := false
	for i := range args {
		if args[i] == outFlag && i+1 < len(args) && args[i+1] == file {
			args[i+1], found = out, true
		}
	}
	if !found {
		t.Fatalf("doc.go has no go:generate line writing %s %s", outFlag, file)
	}
	if b, err := exec.Command("go", args...).CombinedOutput(); err != nil {
		t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, b)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is stale: run make generate", file)
	}
}
