//go:build !wasm

// Package bundle writes Netground's static bundle: one pre-rendered HTML
// page per route of the page registry (package site), the wasm under a
// content-addressed name, the service worker, the manifest, and .br/.gz
// twins of every compressible file.
package bundle

import (
	"bytes"
	"cmp"
	"compress/gzip"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/andybalholm/brotli"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
	"github.com/netground/netground/wasm/site"
	"github.com/netground/netground/wasm/ui"
)

//go:embed app-worker.js
var appWorkerTemplate string

// Main writes the static bundle as the flags say: what the command wasm
// does when run natively.
func Main() {
	var cfg genConfig
	flag.StringVar(&cfg.out, "out", "static/dist", "directory to write the bundle to (replaced)")
	flag.StringVar(&cfg.wasm, "wasm", "", "the compiled app.wasm")
	flag.StringVar(&cfg.first, "first", "", "the compiled first-answer binary (wasm/first)")
	flag.StringVar(&cfg.pageFirst, "pagefirst", "", "the directory of the pages' own compiled first-answer binaries, <name>.wasm (ui.Page.FirstBinary)")
	flag.StringVar(&cfg.cache, "cache", "", "a directory that keeps compressed files for the next build (optional)")
	flag.StringVar(&cfg.web, "web", "static/web", "committed static sources (css, icons, scripts)")
	flag.StringVar(&cfg.wasmExec, "wasmexec", "", "the Go toolchain's wasm_exec.js (go env GOROOT)/lib/wasm/wasm_exec.js")
	flag.StringVar(&cfg.base, "base", "/", "URL path the bundle is served under, such as /netground/")
	flag.StringVar(&cfg.services, "services", "core/port/data/services.bin", "the compact IANA service registry")
	flag.IntVar(&cfg.brotli, "brotli", brotli.BestCompression, "brotli's quality for the .br files, 0 to 11: 11 is the smallest and takes about a minute for app.wasm, 5 about a second and 18 % more bytes")
	flag.Parse()
	if err := cfg.run(); err != nil {
		fmt.Fprintln(os.Stderr, "generate:", err)
		os.Exit(1)
	}
}

type genConfig struct {
	out, wasm, first, pageFirst, web, wasmExec, base, services, cache string
	brotli                                                            int // quality of the .br files
}

func (cfg genConfig) run() error {
	if cfg.wasm == "" || cfg.first == "" || cfg.wasmExec == "" {
		return fmt.Errorf("-wasm, -first and -wasmexec are required")
	}
	if cfg.brotli < brotli.BestSpeed || cfg.brotli > brotli.BestCompression {
		return fmt.Errorf("-brotli %d: brotli's quality is %d to %d", cfg.brotli, brotli.BestSpeed, brotli.BestCompression)
	}
	prefix := strings.Trim(cfg.base, "/")
	if prefix != "" {
		prefix = "/" + prefix
	}
	wasmBytes, err := os.ReadFile(cfg.wasm)
	if err != nil {
		return err
	}
	wasmExec, err := os.ReadFile(cfg.wasmExec)
	if err != nil {
		return err
	}
	if err := os.RemoveAll(cfg.out); err != nil {
		return err
	}
	webOut := filepath.Join(cfg.out, "web")
	if err := os.MkdirAll(webOut, 0o755); err != nil {
		return err
	}

	// The version covers everything the bundle is made of, so a changed
	// deploy updates open clients and an unchanged rebuild does not.
	version := sha256.New()
	version.Write(wasmBytes)
	version.Write(wasmExec)
	version.Write([]byte(appWorkerTemplate))
	version.Write([]byte(prefix))

	// Every stylesheet goes into one file, the site's own sheet first: a
	// page asks for one sheet, cached for good under a name of its content.
	var css [][]byte       // the site's sheet, then the others by name
	var cacheable []string // every asset, so that all of it works offline
	err = filepath.WalkDir(cfg.web, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(cfg.web, p)
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		fmt.Fprintf(version, "%s\x00%d\x00", rel, len(b))
		version.Write(b)
		name := filepath.ToSlash(rel)
		if path.Ext(name) == ".css" {
			if name == "netground.css" {
				css = slices.Insert(css, 0, b)
			} else {
				css = append(css, b)
			}
			return nil
		}
		cacheable = append(cacheable, "/web/"+name)
		return writeFile(filepath.Join(webOut, filepath.FromSlash(name)), b)
	})
	if err != nil {
		return err
	}
	sheet := bytes.Join(css, []byte("\n"))
	sheetName := contentName("netground.css", sheet)
	if err := writeFile(filepath.Join(webOut, sheetName), sheet); err != nil {
		return err
	}
	styles := []string{"/web/" + sheetName}
	cacheable = append(cacheable, styles...)

	servicesBytes, err := os.ReadFile(cfg.services)
	if err != nil {
		return err
	}
	version.Write(servicesBytes)
	servicesName := contentName("services.bin", servicesBytes)
	if err := writeFile(filepath.Join(webOut, servicesName), servicesBytes); err != nil {
		return err
	}
	cacheable = append(cacheable, "/web/"+servicesName)
	// Pre-rendering reads the same registry the browser fetches.
	if err := os.Setenv("NETGROUND_SERVICES_FILE", cfg.services); err != nil {
		return err
	}

	wasmName := contentName("app.wasm", wasmBytes)
	if err := writeFile(filepath.Join(webOut, wasmName), wasmBytes); err != nil {
		return err
	}
	firstBytes, err := os.ReadFile(cfg.first)
	if err != nil {
		return err
	}
	version.Write(firstBytes)
	firstName := contentName("first.wasm", firstBytes)
	if err := writeFile(filepath.Join(webOut, firstName), firstBytes); err != nil {
		return err
	}
	cacheable = append(cacheable, "/web/"+firstName)
	// A page's own first-answer binary is fetched by a first visit of that
	// page only, so it is not among what the service worker keeps.
	ownFirst := map[string]string{} // name → file name under web/
	for _, r := range site.Routes() {
		name := r.Page.FirstBinary
		if name == "" || ownFirst[name] != "" {
			continue
		}
		if cfg.pageFirst == "" {
			return fmt.Errorf("%s has a first-answer binary of its own (%s): -pagefirst is required", r.Path, name)
		}
		b, err := os.ReadFile(filepath.Join(cfg.pageFirst, name+".wasm"))
		if err != nil {
			return err
		}
		version.Write(b)
		ownFirst[name] = contentName(name+".wasm", b)
		if err := writeFile(filepath.Join(webOut, ownFirst[name]), b); err != nil {
			return err
		}
	}

	var kept []string
	for _, name := range slices.Sorted(maps.Values(ownFirst)) {
		kept = append(kept, prefix+"/web/"+name)
	}
	keptJSON, err := json.Marshal(kept)
	if err != nil {
		return err
	}
	keptIfCached := string(keptJSON)
	if kept == nil {
		keptIfCached = "[]"
	}

	site.RegisterRoutes()
	var routes []string
	for _, r := range site.Routes() {
		routes = append(routes, r.Path)
	}
	fmt.Fprintf(version, "%q", routes)

	rootPage := prefix
	if rootPage == "" {
		rootPage = "/"
	}
	for _, r := range routes {
		if r != "/" {
			cacheable = append(cacheable, prefix+r)
		}
	}
	// The preset pages (presetPages) too: boot.js shows a preset link's
	// state from them, offline as well.
	for _, r := range site.Routes() {
		for _, name := range r.Page.Presets {
			cacheable = append(cacheable, prefix+"/web/presets"+r.Path+"/"+name+".html")
		}
	}

	h := &app.Handler{
		Name:        "Netground",
		ShortName:   "Netground",
		Title:       ui.SiteTitle,
		Description: "Type IP addresses, subnets and ports and see what they mean: forms, classification, reachability, subnets, NAT and binding, computed in your browser.",
		Author:      "Netground",
		Keywords:    []string{"ip address", "subnet calculator", "cidr", "ipv6", "port", "nat", "socket"},
		Lang:        "en",
		Icon: app.Icon{
			Default:    "/web/icon-192.png",
			Large:      "/web/icon-512.png",
			SVG:        "/web/icon.svg",
			AppleTouch: "/web/icon-192.png",
		},
		BackgroundColor:         "#0f1720",
		ThemeColor:              "#0f1720",
		LoadingLabel:            "Starting the calculator… {progress}%",
		Styles:                  styles,
		Env:                     app.Environment{"NETGROUND_SERVICES_URL": prefix + "/web/" + servicesName},
		Scripts:                 []string{"/web/boot.js", "/web/site.js defer"},
		CacheableResources:      cacheable,
		Resources:               bundleResources{prefix: prefix, wasm: prefix + "/web/" + wasmName},
		Version:                 hex.EncodeToString(version.Sum(nil))[:20],
		WasmContentLengthHeader: "X-Decoded-Content-Length",
		ServiceWorkerTemplate:   strings.NewReplacer("NETGROUND_ROOT_PAGE", rootPage, "NETGROUND_KEPT_IF_CACHED", keptIfCached).Replace(appWorkerTemplate),
	}
	if err := app.GenerateStaticWebsite(cfg.out, h, routes...); err != nil {
		return err
	}
	if err := writeFile(filepath.Join(cfg.out, "wasm_exec.js"), wasmExec); err != nil {
		return err
	}
	if err := patchAppJS(filepath.Join(cfg.out, "app.js")); err != nil {
		return err
	}
	heads := map[string]string{} // route → what its page's head gains
	for _, r := range site.Routes() {
		heads[r.Path] = preload(prefix + "/web/" + wasmName)
		switch {
		case r.Page.FirstBinary != "":
			// No preload: on a repeat visit boot.js takes it from the
			// HTTP cache or not at all (data-own), and fetches it at once.
			heads[r.Path] = `<meta name="netground-first" content="` + prefix + "/web/" + ownFirst[r.Page.FirstBinary] + `" data-own>`
		case r.Page.FirstAnswer:
			heads[r.Path] = `<meta name="netground-first" content="` + prefix + "/web/" + firstName + `">` + preload(prefix+"/web/"+firstName)
		}
	}
	if err := presetPages(cfg.out, h, prefix, heads); err != nil {
		return err
	}
	if err := fixPages(cfg.out, heads); err != nil {
		return err
	}
	return precompress(cfg.out, cfg.cache, cfg.brotli)
}

// bundleResources tells go-app where the bundle lives: under prefix, with
// the wasm at a content-addressed URL.
type bundleResources struct{ prefix, wasm string }

func (r bundleResources) Package() string { return r.prefix }
func (r bundleResources) Static() string  { return r.prefix }
func (r bundleResources) AppWASM() string { return r.wasm }

// contentName inserts a hash of content into a file name:
// app.wasm → app.0123456789abcdef.wasm.
func contentName(name string, content []byte) string {
	sum := sha256.Sum256(content)
	ext := path.Ext(name)
	return strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:8]) + ext
}

// go-app writes attributes in no fixed order, so these match a tag by one
// attribute wherever it stands.
var (
	// go-app's viewport forbids zooming, which fails people who need it.
	viewportMeta = regexp.MustCompile(`<meta[^>]*name="viewport"[^>]*>`)
	// og:url names the generator's temporary server; og:image is empty.
	ogMeta = regexp.MustCompile(`<meta[^>]*property="og:(url|image)"[^>]*>\n?`)
	// The loader's spinner is decoration and needs an empty alt text.
	loaderImage = regexp.MustCompile(`<img([^>]*id="app-wasm-loader-icon"[^>]*?)>`)
	// go-app writes a false boolean attribute as name="false", which
	// browsers read as true: a pre-rendered select would show its last
	// option as chosen. A false boolean attribute is an absent one.
	// go-app writes aria-selected="true" as a bare aria-selected, which
	// ARIA reads as undefined, not true.
	bareARIA     = regexp.MustCompile(`(<[^>]*? aria-[a-z]+)([ >])`)
	falseBoolean = regexp.MustCompile(`(<[^>]*?) (?:allowfullscreen|async|autofocus|autoplay|checked|controls|default|defer|disabled|formnovalidate|hidden|inert|ismap|loop|multiple|muted|nomodule|novalidate|open|playsinline|readonly|required|reversed|selected)="false"`)
)

// preload asks for a page's binary with the page, not after the scripts
// that run it have loaded. crossorigin matches the credentials mode of
// their fetch, so the preloaded response is used.
func preload(url string) string {
	return `<link rel="preload" href="` + url + `" as="fetch" type="application/wasm" crossorigin="anonymous" fetchpriority="high">`
}

// appJSStart is how go-app's app.js starts: the service worker first, then
// the wasm.
const appJSStart = "goappInitServiceWorker();\ngoappWatchForUpdate();\ngoappWatchForInstallable();\ngoappInitWebAssembly();\n"

// appJSFailure is how app.js gives up on a wasm that fails to load or
// compile; appJSRetry first drops the cached copy and tries once more with
// a fresh one (boot.js's netgroundFreshWasm), so that a body cut short on
// its way does not stop the app for good.
const (
	appJSFailure = "  } catch (err) {\n    loaderIcon.className = \"goapp-logo\";"
	appJSRetry   = "  } catch (err) {\n    if (!window.netgroundRetried && window.netgroundFreshWasm) {\n" +
		"      window.netgroundRetried = true;\n      await window.netgroundFreshWasm(%q);\n" +
		"      return goappInitWebAssembly();\n    }\n    loaderIcon.className = \"goapp-logo\";"
)

// appJSWasm finds the wasm's URL in app.js, where go-app fetches it.
var appJSWasm = regexp.MustCompile(`fetchWithProgress\(\s*"([^"]+)",\s*showProgress\s*\)`)

// appJSCachedFetch hands the wasm to the compiler as it comes when the
// service worker controls the page: the worker answers from its cache, so
// there is no download to show the progress of. go-app's fetchWithProgress
// passes every chunk of the body through script to count it, which held
// the main thread for 150–250 ms of each start (15 MB in ~240 chunks) and
// four times that on a phone. A first visit still counts the download.
const appJSCachedFetch = `(navigator.serviceWorker && navigator.serviceWorker.controller ? (showProgress(100), fetch(%[1]q)) : fetchWithProgress(%[1]q, showProgress))`

// patchAppJS makes app.js wait for the first answer (boot.js), then load
// the app, then register the service worker: on a slow network the page's
// own binary comes first, and the worker's install finds the app's wasm in
// the HTTP cache rather than downloading it a second time.
func patchAppJS(name string) error {
	b, err := os.ReadFile(name)
	if err != nil {
		return err
	}
	if !bytes.Contains(b, []byte(appJSStart)) {
		return fmt.Errorf("%s: go-app's start sequence has changed; update patchAppJS", name)
	}
	b = bytes.Replace(b, []byte(appJSStart), []byte("goappWatchForUpdate();\ngoappWatchForInstallable();\n"+
		"(window.netgroundFirstAnswer || Promise.resolve()).then(goappInitWebAssembly).then(goappInitServiceWorker);\n"), 1)
	if !bytes.Contains(b, []byte(appJSFailure)) {
		return fmt.Errorf("%s: go-app's wasm failure handling has changed; update patchAppJS", name)
	}
	m := appJSWasm.FindSubmatch(b)
	if m == nil {
		return fmt.Errorf("%s: go-app's wasm fetch has changed; update patchAppJS", name)
	}
	b = bytes.Replace(b, []byte(appJSFailure), fmt.Appendf(nil, appJSRetry, m[1]), 1)
	b = bytes.Replace(b, m[0], fmt.Appendf(nil, appJSCachedFetch, m[1]), 1)
	return os.WriteFile(name, b, 0o644)
}

// presetPages pre-renders the main content of every page a preset link
// opens (/nat?preset=cgnat) into web/presets/<route>/<preset>.html, and
// names that folder in the route's head: boot.js shows the preset a link
// names from there while the app starts, so a lab link answers as fast as
// a page loads. The app then renders the same content itself.
func presetPages(out string, h http.Handler, prefix string, heads map[string]string) error {
	for _, r := range site.Routes() {
		if len(r.Page.Presets) == 0 {
			continue
		}
		dir := "web/presets" + r.Path
		heads[r.Path] += `<meta name="netground-presets" content="` + prefix + "/" + dir + `/" data-names="` + strings.Join(r.Page.Presets, " ") + `">`
		for _, name := range r.Page.Presets {
			main, err := renderMain(h, r.Path+"?preset="+url.QueryEscape(name))
			if err != nil {
				return err
			}
			if err := writeFile(filepath.Join(out, filepath.FromSlash(dir), name+".html"), main); err != nil {
				return err
			}
		}
	}
	return nil
}

// renderMain returns what the pre-rendered page at target holds inside its
// main element.
func renderMain(h http.Handler, target string) ([]byte, error) {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, target, nil))
	if rec.Code != http.StatusOK {
		return nil, fmt.Errorf("pre-rendering %s: status %d", target, rec.Code)
	}
	page := rec.Body.Bytes()
	start := bytes.Index(page, []byte(`<main id="main"`))
	end := bytes.LastIndex(page, []byte("</main>"))
	if start < 0 || end < start {
		return nil, fmt.Errorf("pre-rendering %s: the page has no main element", target)
	}
	start += bytes.IndexByte(page[start:], '>') + 1
	return page[start:end], nil
}

// fixPages corrects what go-app writes into every pre-rendered page, and
// adds to each page's head what heads holds for its route.
func fixPages(dir string, heads map[string]string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(p) != ".html" {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		route := "/" + strings.TrimSuffix(filepath.ToSlash(rel), ".html")
		if route == "/index" {
			route = "/"
		}
		b = bytes.Replace(b, []byte("<head>\n"), []byte("<head>\n"+heads[route]+"\n"), 1) // first: boot.js reads it
		b = viewportMeta.ReplaceAll(b, []byte(`<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">`))
		b = ogMeta.ReplaceAll(b, nil)
		b = loaderImage.ReplaceAll(b, []byte(`<img$1 alt="">`))
		for bareARIA.Match(b) {
			b = bareARIA.ReplaceAll(b, []byte(`$1="true"$2`))
		}
		for falseBoolean.Match(b) { // one attribute per match: a tag may hold several
			b = falseBoolean.ReplaceAll(b, []byte(`$1`))
		}
		return os.WriteFile(p, b, 0o644)
	})
}

// compressible lists the extensions worth precompressing.
var compressible = []string{".html", ".js", ".css", ".wasm", ".webmanifest", ".svg", ".json", ".txt", ".xml", ".bin"}

// precompress writes .br (of the given quality) and .gz beside every
// compressible file, where they are smaller than the original, compressing
// on every core, the largest files first. With a cache directory, a file
// compressed before (the same bytes at the same quality, as the wasm of a
// second bundle for a sub-path) is copied from there instead.
func precompress(dir, cache string, quality int) error {
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && slices.Contains(compressible, filepath.Ext(p)) {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		return err
	}
	// The largest first: the wasm binaries' brotli takes most of the time,
	// and started last it would run on one core alone.
	size := map[string]int64{}
	for _, f := range files {
		if fi, err := os.Stat(f); err == nil {
			size[f] = fi.Size()
		}
	}
	slices.SortStableFunc(files, func(a, b string) int { return cmp.Compare(size[b], size[a]) })
	type job struct{ file, ext string }
	jobs := make(chan job)
	errs := make(chan error, 2*len(files))
	var wg sync.WaitGroup
	for range runtime.NumCPU() {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				errs <- compressFile(j.file, j.ext, cache, quality)
			}
		}()
	}
	for _, f := range files {
		for _, ext := range []string{".br", ".gz"} {
			jobs <- job{f, ext}
		}
	}
	close(jobs)
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// compressFile writes file+ext (".br" or ".gz") if it is smaller than file;
// quality is brotli's.
func compressFile(file, ext, cache string, quality int) error {
	b, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	sum := sha256.Sum256(b)
	cached := ""
	if cache != "" {
		key := hex.EncodeToString(sum[:])
		if ext == ".br" {
			key += fmt.Sprintf(".q%d", quality)
		}
		cached = filepath.Join(cache, key+ext)
		if c, err := os.ReadFile(cached); err == nil {
			if len(c) < len(b) {
				return writeFile(file+ext, c)
			}
			return nil
		}
	}
	var out bytes.Buffer
	switch ext {
	case ".br":
		w := brotli.NewWriterLevel(&out, quality)
		w.Write(b)
		err = w.Close()
	default:
		w, _ := gzip.NewWriterLevel(&out, gzip.BestCompression)
		w.Write(b)
		err = w.Close()
	}
	if err != nil {
		return err
	}
	if cached != "" {
		if err := writeFile(cached, out.Bytes()); err != nil {
			return err
		}
	}
	if out.Len() < len(b) {
		return writeFile(file+ext, out.Bytes())
	}
	return nil
}

func writeFile(name string, b []byte) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	return os.WriteFile(name, b, 0o644)
}
