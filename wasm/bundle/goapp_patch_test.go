//go:build !wasm

package bundle

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// goAppPatched lists the files of third_party/go-app that differ from
// upstream, and how (see third_party/go-app/PATCH.md).
var goAppPatched = map[string]string{
	"pkg/app/http.go":       "//go:build !wasm\n\n",
	"pkg/app/resource.go":   "//go:build !wasm\n\n",
	"pkg/app/http_wasm.go":  "", // new
	"pkg/app/route.go":      "//go:build !wasm\n\n",
	"pkg/app/route_wasm.go": "", // new
}

func TestGoAppPatch(t *testing.T) {
	upstream := upstreamModule(t, "github.com/maxence-charriere/go-app/v9@v9.8.0")
	local := filepath.Join("..", "..", "third_party", "go-app")
	seen := map[string]bool{}
	for _, pkg := range []string{"pkg/app", "pkg/errors", "pkg/logs"} {
		entries, err := os.ReadDir(filepath.Join(local, pkg))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			name := pkg + "/" + e.Name()
			seen[name] = true
			got, err := os.ReadFile(filepath.Join(local, name))
			if err != nil {
				t.Fatal(err)
			}
			prefix, patched := goAppPatched[name]
			want, err := os.ReadFile(filepath.Join(upstream, name))
			switch {
			case patched && prefix == "":
				if err == nil {
					t.Errorf("%s: listed as new, but upstream has it", name)
				}
			case err != nil:
				t.Errorf("%s: not in upstream go-app v9.8.0", name)
			case !bytes.Equal(got, append([]byte(prefix), want...)):
				t.Errorf("%s differs from upstream beyond the documented patch", name)
			}
		}
		// Every upstream non-test file is here.
		upstream, _ := os.ReadDir(filepath.Join(upstream, pkg))
		for _, e := range upstream {
			name := pkg + "/" + e.Name()
			if !e.IsDir() && strings.HasSuffix(name, ".go") && !strings.HasSuffix(name, "_test.go") && !seen[name] {
				t.Errorf("%s: upstream file missing from the copy", name)
			}
		}
	}

	cmd := exec.Command("go", "list", "-deps", "github.com/netground/netground/wasm")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	deps, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	pkgs := strings.Fields(string(deps))
	for _, banned := range []string{"net/http", "crypto/tls", "crypto/x509", "text/template", "regexp"} {
		if slices.Contains(pkgs, banned) {
			t.Errorf("the browser build links %s", banned)
		}
	}
}

// upstreamModule returns the folder of module@version as the module proxy
// serves it, downloading it into the module cache.
func upstreamModule(t *testing.T, moduleAtVersion string) string {
	t.Helper()
	out, err := exec.Command("go", "mod", "download", "-json", moduleAtVersion).Output()
	if err != nil {
		t.Fatalf("downloading %s: %v", moduleAtVersion, err)
	}
	var mod struct{ Dir string }
	if err := json.Unmarshal(out, &mod); err != nil || mod.Dir == "" {
		t.Fatalf("go mod download %s: %s", moduleAtVersion, out)
	}
	return mod.Dir
}
