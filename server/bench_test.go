package main

import (
	"bufio"
	"bytes"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// benchBundle is a bundle shaped like the generated one: a page of 22 kB,
// 3 kB in brotli and 4 kB in gzip; a stylesheet of 24 kB, 6 kB in gzip;
// and a wasm of realistic size: 3.3 MB, 1 MB in brotli.
func benchBundle(b *testing.B) string {
	b.Helper()
	dir := b.TempDir()
	files := map[string][]byte{
		"index.html":                            []byte("<!DOCTYPE html><title>home</title>"),
		"addr.html":                             bytes.Repeat([]byte("<p>addr</p>"), 2000),
		"addr.html.br":                          bytes.Repeat([]byte("b"), 3000),
		"addr.html.gz":                          bytes.Repeat([]byte("g"), 4000),
		"web/netground.0123456789abcdef.css":    bytes.Repeat([]byte("p{}"), 8000),
		"web/netground.0123456789abcdef.css.gz": bytes.Repeat([]byte("g"), 6000),
		"web/app.0123456789abcdef.wasm":         bytes.Repeat([]byte("w"), 3300<<10),
		"web/app.0123456789abcdef.wasm.br":      bytes.Repeat([]byte("b"), 1<<20),
	}
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, body, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	return dir
}

// serveCases are the requests the benchmarks repeat: what a browser asks
// for on a first visit, and on a later one that revalidates its copy.
var serveCases = []struct {
	name       string
	target     loadTarget
	revalidate bool // the request carries the ETag of the response
	status     int
}{
	{"page-br", loadTarget{"/addr", "gzip, deflate, br, zstd", "br", 3000}, false, 200},
	{"page-gzip", loadTarget{"/addr", "gzip", "gzip", 4000}, false, 200},
	{"page-identity", loadTarget{"/addr", "", "", 22000}, false, 200},
	{"css-gzip", loadTarget{"/web/netground.0123456789abcdef.css", "gzip", "gzip", 6000}, false, 200},
	{"page-not-modified", loadTarget{"/addr", "gzip, deflate, br, zstd", "br", 0}, true, 304},
	{"wasm-br", loadTarget{"/web/app.0123456789abcdef.wasm", "gzip, deflate, br, zstd", "br", 1 << 20}, false, 200},
}

// BenchmarkServe serves each of serveCases through the server's handler
// chain, to a ResponseWriter that costs nothing, so that allocs/op counts
// the server's own allocations.
func BenchmarkServe(b *testing.B) {
	h, err := NewHandler(benchBundle(b), "/")
	if err != nil {
		b.Fatal(err)
	}
	srv := NewServer(h, DefaultTimeouts)
	for _, sc := range serveCases {
		b.Run(sc.name, func(b *testing.B) {
			req := httptest.NewRequest("GET", "http://127.0.0.1"+sc.target.path, nil)
			for k, v := range browserHeaders {
				req.Header.Set(k, v)
			}
			req.Header.Set("Accept-Encoding", sc.target.acceptEncoding)
			w := &nullWriter{header: make(http.Header)}
			if sc.revalidate {
				srv.Handler.ServeHTTP(w, req)
				req.Header["If-None-Match"] = w.header["Etag"]
			}
			b.ReportAllocs()
			for b.Loop() {
				clear(w.header)
				w.status, w.written = 0, 0
				srv.Handler.ServeHTTP(w, req)
				if w.status != sc.status || w.written != sc.target.length {
					b.Fatalf("GET %s: %d with %d bytes; want %d with %d", sc.target.path, w.status, w.written, sc.status, sc.target.length)
				}
			}
		})
	}
}

// BenchmarkServeLoopback serves each of serveCases over one kept-alive
// loopback connection, read by a client that allocates nothing of its own.
func BenchmarkServeLoopback(b *testing.B) {
	h, err := NewHandler(benchBundle(b), "/")
	if err != nil {
		b.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	srv := NewServer(h, DefaultTimeouts)
	go srv.Serve(ln)
	defer srv.Close()
	for _, sc := range serveCases {
		if sc.revalidate {
			continue // the load client sends no validators
		}
		b.Run(sc.name, func(b *testing.B) {
			c, err := net.Dial("tcp", ln.Addr().String())
			if err != nil {
				b.Fatal(err)
			}
			defer c.Close()
			r := bufio.NewReaderSize(c, 64<<10)
			req := sc.target.request(ln.Addr().String())
			b.ReportAllocs()
			b.SetBytes(sc.target.length)
			for b.Loop() {
				c.Write(req)
				if err := readResponse(r, sc.target); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

var browserHeaders = map[string]string{
	"Accept":          "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
	"Accept-Encoding": "gzip, deflate, br, zstd",
	"Accept-Language": "en-US,en;q=0.5",
	"User-Agent":      "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
}

// A nullWriter is a ResponseWriter that keeps only the status, and counts
// the body's bytes.
type nullWriter struct {
	header  http.Header
	status  int
	written int64
}

func (w *nullWriter) Header() http.Header { return w.header }

func (w *nullWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
}

func (w *nullWriter) Write(p []byte) (int, error) {
	w.WriteHeader(http.StatusOK)
	w.written += int64(len(p))
	return len(p), nil
}

// ReadFrom lets a file reach the writer as it reaches a connection, without
// a copy buffer of the caller's.
func (w *nullWriter) ReadFrom(src io.Reader) (int64, error) {
	w.WriteHeader(http.StatusOK)
	n, err := io.Copy(io.Discard, src)
	w.written += n
	return n, err
}

func (w *nullWriter) SetWriteDeadline(time.Time) error { return nil }
