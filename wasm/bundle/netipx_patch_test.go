//go:build !wasm

package bundle

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// netipxVersion is the upstream netipx that third_party/netipx copies.
const netipxVersion = "v0.0.0-20260823151212-3075585bcbeb"

// netipxStdNet are the functions of netipx.go that the browser build leaves
// out (see third_party/netipx/PATCH.md).
var netipxStdNet = []string{"AddrIPNet", "FromStdAddr", "FromStdIP", "FromStdIPNet", "FromStdIPRaw", "MustFromStdIP", "PrefixIPNet"}

func TestNetipxPatch(t *testing.T) {
	upstream := upstreamModule(t, "go4.org/netipx@"+netipxVersion)
	local := filepath.Join("..", "..", "third_party", "netipx")
	read := func(dir, name string) []byte {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}

	// The copy holds upstream's non-test Go files, the same but for netipx.go.
	entries, _ := os.ReadDir(upstream)
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		want := read(upstream, name)
		if name == "netipx.go" {
			want = append([]byte("//go:build !wasm\n\n"), want...)
		}
		if !bytes.Equal(read(local, name), want) {
			t.Errorf("%s differs from upstream beyond the documented patch", name)
		}
	}
	if got := string(read(local, "go.mod")); got != "module go4.org/netipx\n\ngo 1.18\n" {
		t.Errorf("go.mod = %q; want the module path and Go version only", got)
	}
	if !bytes.Equal(read(local, "LICENSE"), read(upstream, "LICENSE")) {
		t.Errorf("LICENSE differs from upstream")
	}

	// netipx_wasm.go is upstream's netipx.go without the standard-library
	// conversions: every declaration it has is upstream's, unchanged.
	up, upSrc := parseGo(t, filepath.Join(upstream, "netipx.go"))
	wasm, wasmSrc := parseGo(t, filepath.Join(local, "netipx_wasm.go"))
	if wasmSrc[:len("//go:build wasm\n")] != "//go:build wasm\n" {
		t.Errorf("netipx_wasm.go does not start with //go:build wasm")
	}
	upDecls := decls(up, upSrc)
	wasmDecls := decls(wasm, wasmSrc)
	for name, src := range wasmDecls {
		if upDecls[name] != src {
			t.Errorf("netipx_wasm.go: %s is not upstream's", name)
		}
	}
	var left []string
	for name := range upDecls {
		if _, ok := wasmDecls[name]; !ok {
			left = append(left, name)
		}
	}
	slices.Sort(left)
	if !slices.Equal(left, netipxStdNet) {
		t.Errorf("netipx_wasm.go leaves out %v; want exactly %v", left, netipxStdNet)
	}
	var imports []string
	for _, s := range wasm.Imports {
		imports = append(imports, s.Path.Value)
	}
	if slices.Contains(imports, `"net"`) {
		t.Errorf("netipx_wasm.go imports net")
	}

	cmd := exec.Command("go", "list", "-deps", "github.com/netground/netground/wasm/first")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	deps, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	if slices.Contains(strings.Fields(string(deps)), "net") {
		t.Errorf("the first-answer binary links package net")
	}
}

func parseGo(t *testing.T, path string) (*ast.File, string) {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := parser.ParseFile(token.NewFileSet(), path, src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	return f, string(src)
}

// decls returns a file's top-level declarations but its imports, by name
// (a method as Type.Name), as source text with their doc comments.
func decls(f *ast.File, src string) map[string]string {
	out := map[string]string{}
	offset := func(p token.Pos) int { return int(p) - 1 } // one file per FileSet: base 1
	for i, d := range f.Decls {
		var name string
		var doc *ast.CommentGroup
		switch d := d.(type) {
		case *ast.FuncDecl:
			name, doc = d.Name.Name, d.Doc
			if d.Recv != nil && len(d.Recv.List) > 0 {
				var b bytes.Buffer
				typ := d.Recv.List[0].Type
				if s, ok := typ.(*ast.StarExpr); ok {
					typ = s.X
				}
				if id, ok := typ.(*ast.Ident); ok {
					b.WriteString(id.Name)
				}
				name = b.String() + "." + name
			}
		case *ast.GenDecl:
			if d.Tok == token.IMPORT {
				continue
			}
			doc = d.Doc
			name = d.Tok.String() + "#" + strings.Fields(src[offset(d.Pos()):offset(d.End())])[1]
		}
		start := d.Pos()
		if doc != nil {
			start = doc.Pos()
		}
		if _, dup := out[name]; dup {
			name += "#" + strconv.Itoa(i)
		}
		out[name] = src[offset(start):offset(d.End())]
	}
	return out
}
