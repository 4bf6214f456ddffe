package addr

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
// temporary file and checks that the committed zz_registry.go is what it
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
	out := filepath.Join(t.TempDir(), filepath.Base("zz_registry.go"))
	found := false
	for i := range args {
		if args[i] == "-o" && i+1 < len(args) && args[i+1] == "zz_registry.go" {
			args[i+1], found = out, true
		}
	}
	if !found {
		t.Fatalf("doc.go has no go:generate line writing -o zz_registry.go")
	}
	cmd := exec.Command("go", args...)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, b)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("zz_registry.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("zz_registry.go is stale: run make generate")
	}
}
