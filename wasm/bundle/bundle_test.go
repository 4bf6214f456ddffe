//go:build !wasm

package bundle

import (
	"bytes"
	"compress/gzip"
	"html"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
	"github.com/netground/netground/wasm/site"
	"github.com/netground/netground/wasm/ui"
)

func TestFixPagesInAnyAttributeOrder(t *testing.T) {
	dir := t.TempDir()
	pages := []string{
		`<meta name="viewport" content="width=device-width, initial-scale=1, maximum-scale=1, user-scalable=0, viewport-fit=cover">` +
			`<meta property="og:url" content="http://127.0.0.1:4321/addr">` +
			`<meta property="og:image" content>` +
			`<img id="app-wasm-loader-icon" class="goapp-logo goapp-spin" src="/web/icon-192.png">`,
		`<meta content="width=device-width, initial-scale=1, maximum-scale=1, user-scalable=0, viewport-fit=cover" name="viewport">` +
			`<meta content="http://127.0.0.1:4321/" property="og:url">` +
			`<meta content property="og:image">` +
			`<img src="/web/icon-192.png" class="goapp-logo goapp-spin" id="app-wasm-loader-icon">`,
	}
	for i, p := range pages {
		name := filepath.Join(dir, string(rune('a'+i))+".html")
		if err := os.WriteFile(name, []byte(p), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := fixPages(dir, nil); err != nil {
		t.Fatal(err)
	}
	for i := range pages {
		b, _ := os.ReadFile(filepath.Join(dir, string(rune('a'+i))+".html"))
		got := string(b)
		for _, bad := range []string{"maximum-scale", "user-scalable", "og:url", "og:image", "127.0.0.1"} {
			if strings.Contains(got, bad) {
				t.Errorf("page %d still has %q: %s", i, bad, got)
			}
		}
		for _, want := range []string{`name="viewport"`, `alt=""`, `id="app-wasm-loader-icon"`} {
			if !strings.Contains(got, want) {
				t.Errorf("page %d lacks %q: %s", i, want, got)
			}
		}
	}
}

func TestContentName(t *testing.T) {
	a := contentName("app.wasm", []byte("one"))
	b := contentName("app.wasm", []byte("two"))
	if a == b || !strings.HasPrefix(a, "app.") || !strings.HasSuffix(a, ".wasm") {
		t.Errorf("contentName = %q, %q; want distinct app.<hash>.wasm names", a, b)
	}
	if contentName("app.wasm", []byte("one")) != a {
		t.Errorf("contentName is not stable")
	}
}

func TestFixPagesDropsFalseBooleans(t *testing.T) {
	dir := t.TempDir()
	page := `<select><option value="aws" selected="false">AWS</option><option selected="true" value="gcp">Google</option></select>` +
		`<input type="checkbox" checked="false" disabled="false" readonly="false" data-live="false" aria-pressed="false" value="false">` +
		`<details open="false"><summary>Why</summary></details><input required>` +
		`<button aria-selected role="tab" aria-pressed>A</button><button aria-selected="false" aria-label="x y">B</button>`
	want := `<select><option value="aws">AWS</option><option selected="true" value="gcp">Google</option></select>` +
		`<input type="checkbox" data-live="false" aria-pressed="false" value="false">` +
		`<details><summary>Why</summary></details><input required>` +
		`<button aria-selected="true" role="tab" aria-pressed="true">A</button><button aria-selected="false" aria-label="x y">B</button>`
	name := filepath.Join(dir, "p.html")
	if err := os.WriteFile(name, []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := fixPages(dir, nil); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(name)
	if string(got) != want {
		t.Errorf("fixPages:\n got %s\nwant %s", got, want)
	}
}

// TestEveryRoutePreRenders writes a whole bundle (with stand-in binaries)
// and checks every route of the page registry has its page, with its own
// head: a page that panics while pre-rendering fails here, not only in the
// browser tests.
func TestEveryRoutePreRenders(t *testing.T) {
	out := writeBundle(t)
	for _, r := range site.Routes() {
		name := strings.TrimPrefix(r.Path, "/") + ".html"
		if r.Path == "/" {
			name = "index.html"
		}
		b, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Errorf("%s: %v", r.Path, err)
			continue
		}
		page := string(b)
		if !strings.Contains(page, "<title>"+html.EscapeString(ui.PageTitle(r.Path))+"</title>") {
			t.Errorf("%s: the pre-rendered page lacks its title %q", r.Path, ui.PageTitle(r.Path))
		}
		if first := strings.Contains(page, `name="netground-first"`); first != r.Page.FirstAnswer {
			t.Errorf("%s: names a first-answer binary: %v; want %v", r.Path, first, r.Page.FirstAnswer)
		}
		preloads := strings.Count(page, `rel="preload" href="/web/app.`) + strings.Count(page, `rel="preload" href="/web/first.`)
		if own := r.Page.FirstBinary; own != "" {
			// boot.js fetches a page's own binary, from the HTTP cache only
			// on a repeat visit; a preload would download it regardless.
			if !strings.Contains(page, `<meta name="netground-first" content="/web/`+own+`.`) || !strings.Contains(page, `data-own>`) || preloads != 0 {
				t.Errorf("%s: does not name its own first-answer binary %s as its own, unpreloaded", r.Path, own)
			}
			if _, err := os.Stat(filepath.Join(out, "web", contentName(own+".wasm", []byte(own)))); err != nil {
				t.Errorf("%s: its first-answer binary is not in the bundle: %v", r.Path, err)
			}
		} else if preloads != 1 {
			t.Errorf("%s: preloads %d binaries; want its own one", r.Path, preloads)
		}
		if i, j := strings.Index(page, `name="netground-first"`), strings.Index(page, "/web/boot.js"); r.Page.FirstAnswer && i > j {
			t.Errorf("%s: boot.js comes before the meta it reads", r.Path)
		}
	}
	worker, _ := os.ReadFile(filepath.Join(out, "app-worker.js"))
	precached, keptIfCached, _ := strings.Cut(string(worker), "const keptIfCached = ")
	if !strings.Contains(precached, `"/web/first.`) || strings.Contains(precached, `"/web/practice.`) {
		t.Error("the service worker must download the shared first-answer binary, and not a page's own (the app answers offline)")
	}
	if want := `["/web/` + contentName("practice.wasm", []byte("practice")) + `"];`; !strings.HasPrefix(keptIfCached, want) {
		t.Errorf("the service worker keeps %.80s if cached; want %s", keptIfCached, want)
	}
	js, _ := os.ReadFile(filepath.Join(out, "app.js"))
	if !strings.Contains(string(js), "netgroundFirstAnswer") {
		t.Error("app.js does not wait for the first answer")
	}
	if !strings.Contains(string(js), `window.netgroundFreshWasm("/web/app.`) {
		t.Error("app.js does not retry a wasm that fails to compile")
	}
}

// writeBundle writes a whole bundle, with stand-in binaries, and returns
// its folder.
func writeBundle(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	stand := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	out := filepath.Join(dir, "dist")
	cfg := genConfig{
		out:   out,
		wasm:  stand("app.wasm", "app"),
		first: stand("first.wasm", "first"),
		pageFirst: func() string {
			stand("practice.wasm", "practice")
			return dir
		}(),
		wasmExec: stand("wasm_exec.js", "// wasm_exec"),
		web:      "../../static/web",
		base:     "/",
		services: "../../core/port/data/services.bin",
	}
	if err := cfg.run(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestCompressQualities checks that the .br and .gz files hold the file
// at every brotli quality, and that the cache gives a file compressed
// before only at the quality it was compressed with.
func TestCompressQualities(t *testing.T) {
	dir, cache := t.TempDir(), t.TempDir()
	file := filepath.Join(dir, "app.wasm")
	want := bytes.Repeat([]byte("netground compresses its bundle "), 4096)
	if err := os.WriteFile(file, want, 0o644); err != nil {
		t.Fatal(err)
	}
	sizes := map[int]int{}
	for _, q := range []int{brotli.BestCompression, 5, brotli.BestSpeed, 5} {
		for _, ext := range []string{".br", ".gz"} {
			if err := compressFile(file, ext, cache, q); err != nil {
				t.Fatalf("quality %d, %s: %v", q, ext, err)
			}
		}
		br, err := os.ReadFile(file + ".br")
		if err != nil {
			t.Fatal(err)
		}
		if got, err := io.ReadAll(brotli.NewReader(bytes.NewReader(br))); err != nil || !bytes.Equal(got, want) {
			t.Errorf("quality %d: the .br file does not hold the file (%v)", q, err)
		}
		if n, ok := sizes[q]; ok && n != len(br) {
			t.Errorf("quality %d again: %d bytes, %d before", q, len(br), n)
		}
		sizes[q] = len(br)
		gz, err := os.ReadFile(file + ".gz")
		if err != nil {
			t.Fatal(err)
		}
		r, err := gzip.NewReader(bytes.NewReader(gz))
		if err != nil {
			t.Fatal(err)
		}
		if got, err := io.ReadAll(r); err != nil || !bytes.Equal(got, want) {
			t.Errorf("quality %d: the .gz file does not hold the file (%v)", q, err)
		}
	}
	if sizes[brotli.BestCompression] == sizes[brotli.BestSpeed] {
		t.Errorf("qualities 11 and 0 gave the same size, %d bytes: the cache answered for the other quality", sizes[brotli.BestSpeed])
	}
	if err := (genConfig{wasm: "a", first: "b", wasmExec: "c", brotli: 12}).run(); err == nil || !strings.Contains(err.Error(), "-brotli 12") {
		t.Errorf("quality 12: %v; want an error naming it", err)
	}
}
