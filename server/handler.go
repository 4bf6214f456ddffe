package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"os"
	"path"
	"regexp"
	"strings"
	"sync"
	"time"
)

// Handler serves a generated bundle from a directory. It answers GET and HEAD
// only, maps page routes to their pre-rendered HTML files, negotiates
// precompressed .br and .gz sidecars, and sets the caching and security
// headers every response needs.
type Handler struct {
	root *os.Root
	base string // "/" or "/prefix/"

	mu    sync.Mutex
	etags map[etagKey]string
}

type etagKey struct {
	name  string
	size  int64
	mtime time.Time
}

// NewHandler returns a Handler for the bundle in dir, served under the URL
// path base.
func NewHandler(dir, base string) (*Handler, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("cannot open the bundle %s: %w; build it first with make static", dir, err)
	}
	if _, err := root.Stat("index.html"); err != nil {
		return nil, fmt.Errorf("the bundle %s has no index.html; build it first with make static", dir)
	}
	return &Handler{root: root, base: cleanBase(base), etags: make(map[etagKey]string)}, nil
}

func cleanBase(base string) string {
	base = strings.Trim(base, "/")
	if base == "" {
		return "/"
	}
	return "/" + base + "/"
}

// contentSecurityPolicy is what the app needs and no more: its own scripts,
// WebAssembly compilation ('wasm-unsafe-eval'), its own styles and images.
const contentSecurityPolicy = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
	"img-src 'self' data:; font-src 'self'; connect-src 'self'; manifest-src 'self'; worker-src 'self'; " +
	"object-src 'none'; base-uri 'self'; form-action 'self'"

// hashedName matches file names that carry a hash of their content, such as
// app.3f2a9c81d0e4b7a6.wasm: their URL changes whenever their content does.
var hashedName = regexp.MustCompile(`\.[0-9a-f]{16,}\.[a-z0-9]+$`)

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hdr := w.Header()
	hdr.Set("X-Content-Type-Options", "nosniff")
	hdr.Set("Referrer-Policy", "strict-origin-when-cross-origin")

	rel, embed := h.relPath(r.URL.Path)
	if embed {
		hdr.Set("Content-Security-Policy", contentSecurityPolicy+"; frame-ancestors *")
	} else {
		hdr.Set("Content-Security-Policy", contentSecurityPolicy+"; frame-ancestors 'self'")
		hdr.Set("X-Frame-Options", "SAMEORIGIN")
	}

	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		hdr.Set("Allow", "GET, HEAD")
		h.httpError(w, http.StatusMethodNotAllowed)
		return
	}
	if strings.ContainsAny(r.URL.Path, "\\\x00") || strings.Contains(r.URL.RawPath, "%00") {
		h.httpError(w, http.StatusBadRequest)
		return
	}
	if r.URL.Path+"/" == h.base {
		// The root page without its trailing slash is the root page: the
		// service worker caches it under that name, and a cached redirect
		// cannot answer a navigation.
		rel = ""
	} else if !strings.HasPrefix(r.URL.Path, h.base) {
		h.httpError(w, http.StatusNotFound)
		return
	}
	if rel != "" && strings.HasSuffix(rel, "/") {
		http.Redirect(w, r, h.base+strings.TrimSuffix(rel, "/")+query(r), http.StatusMovedPermanently)
		return
	}

	name, ok := h.resolve(rel)
	if !ok {
		h.httpError(w, http.StatusNotFound)
		return
	}
	h.serveFile(w, r, name)
}

// relPath returns the request path relative to the base, without its
// leading slash, and whether it names an embeddable page.
func (h *Handler) relPath(p string) (rel string, embed bool) {
	if !strings.HasPrefix(p, h.base) {
		return "", false
	}
	rel = p[len(h.base):]
	return rel, rel == "embed" || strings.HasPrefix(rel, "embed/")
}

func query(r *http.Request) string {
	if r.URL.RawQuery == "" {
		return ""
	}
	return "?" + r.URL.RawQuery
}

// resolve maps a cleaned relative URL path to a regular file of the bundle:
// "" to index.html, a route such as "subnet" to subnet.html.
func (h *Handler) resolve(rel string) (string, bool) {
	if rel == "" {
		return "index.html", true
	}
	for _, seg := range strings.Split(rel, "/") {
		if seg == "" || strings.HasPrefix(seg, ".") {
			return "", false // empty, ".", ".." and dotfiles
		}
	}
	if path.Clean(rel) != rel {
		return "", false
	}
	candidates := []string{rel}
	if path.Ext(rel) == "" {
		candidates = []string{rel + ".html"}
	}
	for _, name := range candidates {
		if st, err := h.root.Stat(name); err == nil && st.Mode().IsRegular() {
			return name, true
		}
	}
	return "", false
}

func (h *Handler) serveFile(w http.ResponseWriter, r *http.Request, name string) {
	hdr := w.Header()
	ctype := mime.TypeByExtension(path.Ext(name))
	switch path.Ext(name) {
	case ".wasm":
		ctype = "application/wasm"
	case ".webmanifest":
		ctype = "application/manifest+json"
	case ".js":
		ctype = "text/javascript; charset=utf-8"
	case ".svg":
		ctype = "image/svg+xml"
	}
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	hdr.Set("Content-Type", ctype)
	hdr.Set("Vary", "Accept-Encoding")
	if hashedName.MatchString(name) {
		hdr.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		hdr.Set("Cache-Control", "no-cache")
	}

	variant, encoding := name, ""
	accepted := acceptedEncodings(r.Header.Get("Accept-Encoding"))
	for _, enc := range []struct{ token, ext string }{{"br", ".br"}, {"gzip", ".gz"}} {
		if !accepted[enc.token] {
			continue
		}
		if st, err := h.root.Stat(name + enc.ext); err == nil && st.Mode().IsRegular() {
			variant, encoding = name+enc.ext, enc.token
			break
		}
	}

	f, err := h.root.Open(variant)
	if err != nil {
		h.httpError(w, http.StatusNotFound)
		return
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() {
		h.httpError(w, http.StatusNotFound)
		return
	}
	etag, err := h.etag(variant, st, f)
	if err != nil {
		h.httpError(w, http.StatusInternalServerError)
		return
	}
	if encoding != "" {
		hdr.Set("Content-Encoding", encoding)
		if orig, err := h.root.Stat(name); err == nil {
			// The loader's progress bar counts decoded bytes.
			hdr.Set("X-Decoded-Content-Length", fmt.Sprint(orig.Size()))
		}
	}
	hdr.Set("ETag", etag)
	http.ServeContent(w, r, "", st.ModTime(), f)
}

// etag returns a strong validator derived from the content of a file,
// cached for as long as its size and modification time stay the same, so an
// unchanged rebuild keeps every client's cached copy valid.
func (h *Handler) etag(name string, st fs.FileInfo, f io.ReadSeeker) (string, error) {
	key := etagKey{name, st.Size(), st.ModTime()}
	h.mu.Lock()
	tag, ok := h.etags[key]
	h.mu.Unlock()
	if ok {
		return tag, nil
	}
	sum := sha256.New()
	if _, err := io.Copy(sum, f); err != nil {
		return "", err
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return "", err
	}
	tag = `"` + hex.EncodeToString(sum.Sum(nil)[:12]) + `"`
	h.mu.Lock()
	h.etags[key] = tag
	h.mu.Unlock()
	return tag, nil
}

// acceptedEncodings parses an Accept-Encoding header into the set of
// codings with a non-zero quality.
func acceptedEncodings(header string) map[string]bool {
	set := make(map[string]bool)
	for _, part := range strings.Split(header, ",") {
		token, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		token = strings.ToLower(strings.TrimSpace(token))
		if token == "" {
			continue
		}
		q := strings.ReplaceAll(strings.TrimSpace(params), " ", "")
		if q == "q=0" || q == "q=0.0" || q == "q=0.00" || q == "q=0.000" {
			continue
		}
		set[token] = true
	}
	return set
}

// httpError writes a short, generic error page that reveals nothing about
// the server or its files.
func (h *Handler) httpError(w http.ResponseWriter, code int) {
	hdr := w.Header()
	for _, k := range []string{"Content-Encoding", "ETag", "Last-Modified", "X-Decoded-Content-Length"} {
		hdr.Del(k)
	}
	hdr.Set("Content-Type", "text/html; charset=utf-8")
	hdr.Set("Cache-Control", "no-store")
	var b bytes.Buffer
	fmt.Fprintf(&b, "<!DOCTYPE html><html lang=\"en\"><meta charset=\"utf-8\"><title>%d %s</title>"+
		"<h1>%s</h1><p><a href=\"%s\">Netground home</a></p></html>\n", code, http.StatusText(code), http.StatusText(code), h.base)
	w.WriteHeader(code)
	w.Write(b.Bytes())
}
