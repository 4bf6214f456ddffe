package port

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestGeneratedIsFresh runs this package's go:generate command into a
// temporary file and checks that the committed data/services.bin is what it
// writes: a registry snapshot changed without running go generate fails.
func TestGeneratedIsFresh(t *testing.T) {
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
	out := filepath.Join(t.TempDir(), filepath.Base("data/services.bin"))
	found := false
	for i := range args {
		if args[i] == "-out" && i+1 < len(args) && args[i+1] == "data/services.bin" {
			args[i+1], found = out, true
		}
	}
	if !found {
		t.Fatalf("doc.go has no go:generate line writing -out data/services.bin")
	}
	cmd := exec.Command("go", args...)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, b)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("data/services.bin")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("data/services.bin is stale: run make generate")
	}
}
