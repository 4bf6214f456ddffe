package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net"
	"net/http"
	"net/textproto"
	"net/url"
	"os"
	"path"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Handler serves a generated bundle from a directory. It answers GET and HEAD
// only, maps page routes to their pre-rendered HTML files, negotiates
// precompressed .br and .gz sidecars, and sets the caching and security
// headers every response needs.
//
// The bundle must not change while it is served: NewHandler reads it once.
type Handler struct {
	root       *os.Root
	base       string            // "/" or "/prefix/"
	routes     map[string]*route // by URL path relative to the base
	errorPages map[int][]byte    // by status code
}

// A route is what one URL path serves: a file, its precompressed sidecars,
// and the headers that depend only on them.
type route struct {
	file         *file
	br, gz       *file    // nil when the bundle has no such sidecar
	contentType  []string // header values, shared by every response
	cacheControl []string
}

// A file is one regular file of the bundle.
type file struct {
	name          string // slash-separated, relative to the bundle
	size          int64
	modTime       time.Time
	data          []byte   // the whole content, for files of at most maxInMemory bytes
	etag          []string // header values, shared by every response; see readFile
	contentLength []string
	lastModified  []string // nil when the modification time is unknown
}

// maxInMemory is the largest file kept in memory; larger ones are read from
// disk on each request, with sendfile.
const maxInMemory = 256 << 10

// NewHandler returns a Handler for the bundle in dir, served under the URL
// path base. It reads the bundle: every file's size, validators and, for
// small files, content.
func NewHandler(dir, base string) (*Handler, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("cannot open the bundle %s: %w; build it first with make static", dir, err)
	}
	if _, err := root.Stat("index.html"); err != nil {
		root.Close()
		return nil, fmt.Errorf("the bundle %s has no index.html; build it first with make static", dir)
	}
	h := &Handler{root: root, base: cleanBase(base), errorPages: make(map[int][]byte)}
	if err := h.load(); err != nil {
		root.Close()
		return nil, fmt.Errorf("cannot read the bundle %s: %w", dir, err)
	}
	for _, code := range []int{http.StatusBadRequest, http.StatusNotFound, http.StatusMethodNotAllowed, http.StatusInternalServerError} {
		h.errorPages[code] = h.errorPage(code)
	}
	return h, nil
}

// load indexes the bundle: every regular file outside dot-directories, and
// the routes that name them.
func (h *Handler) load() error {
	files := make(map[string]*file)
	err := fs.WalkDir(h.root.FS(), ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if name == "." {
			return nil
		}
		if strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil // dotfiles are never served
		}
		if d.IsDir() {
			return nil
		}
		f, err := h.readFile(name)
		if err != nil || f == nil {
			return err
		}
		files[name] = f
		return nil
	})
	if err != nil {
		return err
	}
	h.routes = make(map[string]*route)
	for name, f := range files {
		ext := path.Ext(name)
		if ext == "" {
			continue // a URL without an extension names an .html file
		}
		rt := &route{
			file:         f,
			br:           files[name+".br"],
			gz:           files[name+".gz"],
			contentType:  []string{contentType(ext)},
			cacheControl: []string{"no-cache"},
		}
		if hashedName.MatchString(name) {
			rt.cacheControl = []string{"public, max-age=31536000, immutable"}
		}
		h.routes[name] = rt
		if page := strings.TrimSuffix(name, ".html"); ext == ".html" && path.Ext(page) == "" {
			h.routes[page] = rt // "subnet" is subnet.html
		}
	}
	if rt, ok := h.routes["index.html"]; ok {
		h.routes[""] = rt
	}
	return nil
}

// readFile reads the regular file name of the bundle, following symbolic
// links inside it; it returns nil for anything else.
func (h *Handler) readFile(name string) (*file, error) {
	st, err := h.root.Stat(name)
	if err != nil || !st.Mode().IsRegular() {
		return nil, nil
	}
	f, err := h.root.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var data []byte
	var content io.Reader = f
	if st.Size() <= maxInMemory {
		if data, err = io.ReadAll(f); err != nil {
			return nil, err
		}
		content = bytes.NewReader(data)
	}
	sum := sha256.New()
	size, err := io.Copy(sum, content)
	if err != nil {
		return nil, err
	}
	// The ETag derives from the content alone, so an unchanged rebuild keeps
	// every client's cached copy valid.
	fi := &file{
		name:          name,
		size:          size,
		modTime:       st.ModTime(),
		data:          data,
		etag:          []string{`"` + hex.EncodeToString(sum.Sum(nil)[:12]) + `"`},
		contentLength: []string{strconv.FormatInt(size, 10)},
	}
	// As http.ServeContent does, an unknown time is not sent.
	if t := st.ModTime(); !t.IsZero() && !t.Equal(time.Unix(0, 0)) {
		fi.lastModified = []string{t.UTC().Format(http.TimeFormat)}
	}
	return fi, nil
}

// contentType returns the media type of a file with extension ext.
func contentType(ext string) string {
	switch ext {
	case ".wasm":
		return "application/wasm"
	case ".webmanifest":
		return "application/manifest+json"
	case ".js":
		return "text/javascript; charset=utf-8"
	case ".svg":
		return "image/svg+xml"
	}
	if ctype := mime.TypeByExtension(ext); ctype != "" {
		return ctype
	}
	return "application/octet-stream"
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

// Header values every response shares. The server only reads them: it
// copies a response's header before it writes it.
var (
	nosniff            = []string{"nosniff"}
	referrerPolicy     = []string{"strict-origin-when-cross-origin"}
	pageCSP            = []string{contentSecurityPolicy + "; frame-ancestors 'self'"}
	embedCSP           = []string{contentSecurityPolicy + "; frame-ancestors *"}
	sameOrigin         = []string{"SAMEORIGIN"}
	varyAcceptEncoding = []string{"Accept-Encoding"}
	acceptRanges       = []string{"bytes"}
	brotli             = []string{"br"}
	gzipped            = []string{"gzip"}
)

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hdr := w.Header()
	hdr["X-Content-Type-Options"] = nosniff
	hdr["Referrer-Policy"] = referrerPolicy

	rel, embed := h.relPath(r.URL.Path)
	if embed {
		hdr["Content-Security-Policy"] = embedCSP
	} else {
		hdr["Content-Security-Policy"] = pageCSP
		hdr["X-Frame-Options"] = sameOrigin
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
	if r.URL.Path == strings.TrimSuffix(h.base, "/") {
		// The root page without its trailing slash is the root page: the
		// service worker caches it under that name, and a cached redirect
		// cannot answer a navigation.
		rel = ""
	} else if !strings.HasPrefix(r.URL.Path, h.base) {
		h.httpError(w, http.StatusNotFound)
		return
	}
	if rel != "" && strings.HasSuffix(rel, "/") {
		h.redirect(w, r, rel)
		return
	}

	rt, ok := h.routes[rel]
	if !ok {
		h.httpError(w, http.StatusNotFound)
		return
	}
	h.serveFile(w, r, rt)
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

// redirect sends the client to rel without its trailing slash. The target
// is cleaned and escaped, so that it stays under the base on this origin
// whatever slashes, backslashes, dot segments or escapes rel holds:
// //evil.example/ leads to /evil.example, never to another host.
func (h *Handler) redirect(w http.ResponseWriter, r *http.Request, rel string) {
	rel = path.Clean("/" + strings.ReplaceAll(rel, "\\", "/"))
	target := (&url.URL{Path: h.base + rel[1:]}).EscapedPath()
	if r.URL.RawQuery != "" {
		target += "?" + r.URL.RawQuery
	}
	http.Redirect(w, r, target, http.StatusMovedPermanently)
}

// serveFile answers with the representation of rt that the request
// accepts: its brotli or gzip sidecar, or the file itself.
func (h *Handler) serveFile(w http.ResponseWriter, r *http.Request, rt *route) {
	f := rt.file
	var encoding []string
	if br, gz := acceptedEncodings(r.Header.Get("Accept-Encoding")); br && rt.br != nil {
		f, encoding = rt.br, brotli
	} else if gz && rt.gz != nil {
		f, encoding = rt.gz, gzipped
	}
	var fd *os.File
	if f.data == nil {
		var err error
		if fd, err = h.root.Open(f.name); err != nil {
			h.httpError(w, http.StatusInternalServerError)
			return
		}
		defer fd.Close()
	}

	hdr := w.Header()
	hdr["Content-Type"] = rt.contentType
	hdr["Vary"] = varyAcceptEncoding
	hdr["Cache-Control"] = rt.cacheControl
	hdr["Etag"] = f.etag // the canonical form of ETag
	if encoding != nil {
		hdr["Content-Encoding"] = encoding
		// The loader's progress bar counts decoded bytes.
		hdr["X-Decoded-Content-Length"] = rt.file.contentLength
	}

	inm := revalidation(r)
	if inm != "" && noneMatch(inm, f.etag[0]) {
		// What http.ServeContent answers, without its parsing: the
		// representation's metadata stays out of a 304 (RFC 9110,
		// section 15.4.5).
		delete(hdr, "Content-Type")
		delete(hdr, "Content-Encoding")
		w.WriteHeader(http.StatusNotModified)
		return
	}
	if inm != "" || unconditional(r) {
		// What http.ServeContent answers, without its parsing.
		if f.lastModified != nil {
			hdr["Last-Modified"] = f.lastModified
		}
		hdr["Accept-Ranges"] = acceptRanges
		hdr["Content-Length"] = f.contentLength
		w.WriteHeader(http.StatusOK)
		switch {
		case r.Method == http.MethodHead:
		case fd != nil:
			io.CopyN(w, fd, f.size)
		case len(f.data) > corkAbove:
			// The header and the body overflow the connection's buffer
			// and would leave in two writes, and two segments: held
			// back together, they leave as one.
			c, _ := r.Context().Value(connKey{}).(net.Conn)
			corked := c != nil && setCork(c, true)
			w.Write(f.data)
			if corked {
				http.NewResponseController(w).Flush()
				setCork(c, false)
			}
		default:
			w.Write(f.data)
		}
		return
	}
	var content io.ReadSeeker = fd
	if fd == nil {
		content = bytes.NewReader(f.data)
	}
	if encoding != nil {
		w = &lengthWriter{w, f.contentLength}
	}
	http.ServeContent(w, byteRanges(r), "", f.modTime, content)
}

// unconditional reports whether r asks for a whole response, whatever the
// client has cached: it has no preconditions and no range.
func unconditional(r *http.Request) bool {
	h := r.Header
	return h["Range"] == nil && h["If-None-Match"] == nil && h["If-Modified-Since"] == nil &&
		h["If-Match"] == nil && h["If-Unmodified-Since"] == nil
}

// revalidation returns r's If-None-Match when it is the only precondition
// that decides the response: r has no Range, If-Match or
// If-Unmodified-Since, and If-None-Match overrides If-Modified-Since (RFC
// 9110, section 13.2.2). It returns "" otherwise.
func revalidation(r *http.Request) string {
	h := r.Header
	if h["Range"] != nil || h["If-Match"] != nil || h["If-Unmodified-Since"] != nil {
		return ""
	}
	return h.Get("If-None-Match")
}

// noneMatch reports whether the If-None-Match list inm names etag, or any
// representation, in the weak comparison of RFC 9110, section 8.8.3.2. It
// reads the list as http.ServeContent does, up to the first malformed
// entry.
func noneMatch(inm, etag string) bool {
	for {
		inm = textproto.TrimString(inm)
		switch {
		case inm == "":
			return false
		case inm[0] == ',':
			inm = inm[1:]
			continue
		case inm[0] == '*':
			return true
		}
		var tag string
		if tag, inm = scanETag(inm); tag == "" {
			return false
		}
		if strings.TrimPrefix(tag, "W/") == strings.TrimPrefix(etag, "W/") {
			return true
		}
	}
}

// scanETag returns the entity tag at the start of s, weak or strong, and
// what follows it; it returns "", "" when s does not start with one.
func scanETag(s string) (etag, rest string) {
	s = textproto.TrimString(s)
	start := 0
	if strings.HasPrefix(s, "W/") {
		start = 2
	}
	if len(s[start:]) < 2 || s[start] != '"' {
		return "", ""
	}
	for i := start + 1; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"':
			return s[:i+1], s[i+1:]
		case c == 0x21 || c >= 0x23 && c <= 0x7e || c >= 0x80: // etagc
		default:
			return "", ""
		}
	}
	return "", ""
}

// byteRanges returns r with a Range header that http.ServeContent reads as
// RFC 9110 asks: a range in any unit other than bytes is ignored, and the
// unit's name is case-insensitive.
func byteRanges(r *http.Request) *http.Request {
	v := r.Header.Get("Range")
	if v == "" || strings.HasPrefix(v, "bytes=") {
		return r
	}
	r = r.WithContext(r.Context()) // a shallow copy
	r.Header = r.Header.Clone()
	if unit, ranges, ok := strings.Cut(v, "="); ok && strings.EqualFold(unit, "bytes") {
		r.Header.Set("Range", "bytes="+ranges)
	} else {
		r.Header.Del("Range")
	}
	return r
}

// lengthWriter gives a whole response of a precompressed file the
// Content-Length that http.ServeContent leaves out when Content-Encoding
// is set.
type lengthWriter struct {
	http.ResponseWriter
	length []string
}

func (w *lengthWriter) WriteHeader(code int) {
	if code == http.StatusOK {
		w.Header()["Content-Length"] = w.length
	}
	w.ResponseWriter.WriteHeader(code)
}

// ReadFrom keeps the connection's sendfile within reach of io.Copy.
func (w *lengthWriter) ReadFrom(src io.Reader) (int64, error) {
	if rf, ok := w.ResponseWriter.(io.ReaderFrom); ok {
		return rf.ReadFrom(src)
	}
	return io.Copy(w.ResponseWriter, src)
}

func (w *lengthWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// acceptedEncodings reports whether an Accept-Encoding header accepts br and
// gzip: whether it lists them with a non-zero quality.
func acceptedEncodings(header string) (br, gzip bool) {
	for header != "" {
		var part string
		part, header, _ = strings.Cut(header, ",")
		token, params, _ := strings.Cut(part, ";")
		token = strings.TrimSpace(token)
		q := strings.ReplaceAll(strings.TrimSpace(params), " ", "")
		if q == "q=0" || q == "q=0.0" || q == "q=0.00" || q == "q=0.000" {
			continue
		}
		switch {
		case strings.EqualFold(token, "br"):
			br = true
		case strings.EqualFold(token, "gzip"):
			gzip = true
		}
	}
	return br, gzip
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
	page, ok := h.errorPages[code]
	if !ok {
		page = h.errorPage(code)
	}
	w.WriteHeader(code)
	w.Write(page)
}

func (h *Handler) errorPage(code int) []byte {
	return fmt.Appendf(nil, "<!DOCTYPE html><html lang=\"en\"><meta charset=\"utf-8\"><title>%d %s</title>"+
		"<h1>%s</h1><p><a href=\"%s\">Netground home</a></p></html>\n", code, http.StatusText(code), http.StatusText(code), h.base)
}
