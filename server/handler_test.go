package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// bundle writes a small bundle shaped like the generated one.
func bundle(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"index.html":                         "<!DOCTYPE html><title>home</title>",
		"addr.html":                          "<!DOCTYPE html><title>addr</title>",
		"embed/addr.html":                    "<!DOCTYPE html><title>embed addr</title>",
		"app.js":                             "console.log('app')",
		"app-worker.js":                      "self.addEventListener('fetch', () => {})",
		"manifest.webmanifest":               `{"name":"Netground"}`,
		"web/app.0123456789abcdef.wasm":      "\x00asm\x01\x00\x00\x00",
		"web/netground.0123456789abcdef.css": "body{}",
		"web/icon.svg":                       "<svg/>",
		"web/.hidden":                        "secret",
		".env":                               "SECRET=1",
	}
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// Precompressed sidecars for the wasm: a .gz and a (fake) .br.
	var gz bytes.Buffer
	w := gzip.NewWriter(&gz)
	w.Write([]byte(files["web/app.0123456789abcdef.wasm"]))
	w.Close()
	os.WriteFile(filepath.Join(dir, "web/app.0123456789abcdef.wasm.gz"), gz.Bytes(), 0o644)
	os.WriteFile(filepath.Join(dir, "web/app.0123456789abcdef.wasm.br"), []byte("BROTLI"), 0o644)
	// A secret beside the bundle that no request may reach.
	os.WriteFile(filepath.Join(filepath.Dir(dir), "outside.txt"), []byte("outside"), 0o644)
	return dir
}

func newTestHandler(t *testing.T, base string) *Handler {
	t.Helper()
	h, err := NewHandler(bundle(t), base)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func do(h http.Handler, method, target string, header map[string]string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, "http://127.0.0.1"+target, nil)
	if strings.Contains(target, "%") || strings.Contains(target, "\\") {
		// Keep the raw target exactly as a client sent it.
		req.URL.Opaque = ""
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func TestRoutes(t *testing.T) {
	h := newTestHandler(t, "/")
	tests := []struct {
		target   string
		code     int
		body     string
		ctype    string
		location string
	}{
		{"/", 200, "<title>home</title>", "text/html; charset=utf-8", ""},
		{"/addr", 200, "<title>addr</title>", "text/html; charset=utf-8", ""},
		{"/addr?ip=10.0.0.1", 200, "<title>addr</title>", "text/html; charset=utf-8", ""},
		{"/embed/addr", 200, "embed addr", "text/html; charset=utf-8", ""},
		{"/addr/", 301, "", "", "/addr"},
		{"/addr/?ip=1.2.3.4", 301, "", "", "/addr?ip=1.2.3.4"},
		{"/app.js", 200, "console.log", "text/javascript; charset=utf-8", ""},
		{"/manifest.webmanifest", 200, "Netground", "application/manifest+json", ""},
		{"/web/app.0123456789abcdef.wasm", 200, "asm", "application/wasm", ""},
		{"/web/icon.svg", 200, "<svg/>", "image/svg+xml", ""},
		{"/nope", 404, "Not Found", "text/html; charset=utf-8", ""},
		{"/web", 404, "", "", ""},
		{"/web/", 301, "", "", "/web"},
		{"/embed", 404, "", "", ""},
		{"/addr.html.br", 404, "", "", ""},
	}
	for _, tt := range tests {
		rec := do(h, "GET", tt.target, nil)
		if rec.Code != tt.code {
			t.Errorf("GET %s: code %d; want %d", tt.target, rec.Code, tt.code)
			continue
		}
		if tt.body != "" && !strings.Contains(rec.Body.String(), tt.body) {
			t.Errorf("GET %s: body %q; want it to contain %q", tt.target, rec.Body.String(), tt.body)
		}
		if tt.ctype != "" && rec.Header().Get("Content-Type") != tt.ctype {
			t.Errorf("GET %s: Content-Type %q; want %q", tt.target, rec.Header().Get("Content-Type"), tt.ctype)
		}
		if tt.location != "" && rec.Header().Get("Location") != tt.location {
			t.Errorf("GET %s: Location %q; want %q", tt.target, rec.Header().Get("Location"), tt.location)
		}
	}
}

func TestMethods(t *testing.T) {
	h := newTestHandler(t, "/")
	for _, m := range []string{"POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT"} {
		rec := do(h, m, "/addr", nil)
		if rec.Code != http.StatusMethodNotAllowed {
			t.Errorf("%s /addr: code %d; want 405", m, rec.Code)
		}
		if got := rec.Header().Get("Allow"); got != "GET, HEAD" {
			t.Errorf("%s /addr: Allow %q; want %q", m, got, "GET, HEAD")
		}
	}
	rec := do(h, "HEAD", "/addr", nil)
	if rec.Code != 200 || rec.Body.Len() != 0 {
		t.Errorf("HEAD /addr: code %d, %d body bytes; want 200 and none", rec.Code, rec.Body.Len())
	}
	if rec.Header().Get("Content-Length") == "" {
		t.Errorf("HEAD /addr: no Content-Length")
	}
}

func TestTraversal(t *testing.T) {
	h := newTestHandler(t, "/")
	srv := httptest.NewServer(h)
	defer srv.Close()
	// Raw request lines, as an attacker would send them, bypassing any
	// client-side cleaning.
	targets := []string{
		"/../outside.txt",
		"/web/../../outside.txt",
		"/%2e%2e/outside.txt",
		"/web/%2e%2e/%2e%2e/outside.txt",
		"/%2e%2e%2foutside.txt",
		"/..%2foutside.txt",
		"/web/..%5c..%5coutside.txt",
		"/web\\..\\..\\outside.txt",
		"/addr%00.html",
		"/.env",
		"/web/.hidden",
		"/%2eenv",
		"//etc/passwd",
		"/./addr",
		"/web//icon.svg",
		"/etc/passwd",
		"/" + strings.Repeat("a/", 200) + "x",
	}
	for _, target := range targets {
		conn, err := net.Dial("tcp", srv.Listener.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(conn, "GET "+target+" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
		resp, err := io.ReadAll(conn)
		conn.Close()
		if err != nil {
			t.Fatal(err)
		}
		status, _, _ := strings.Cut(string(resp), "\r\n")
		ok := strings.Contains(status, " 404 ") || strings.Contains(status, " 400 ") || strings.Contains(status, " 301 ")
		if !ok {
			t.Errorf("GET %s: %s; want 400, 404 or a redirect", target, status)
		}
		for _, leak := range []string{"outside", "SECRET", "secret", "root:"} {
			if strings.Contains(string(resp), leak) {
				t.Errorf("GET %s leaked %q", target, leak)
			}
		}
		if strings.Contains(status, " 301 ") && strings.Contains(string(resp), "Location: //") {
			t.Errorf("GET %s: redirect to another host", target)
		}
	}
}

func TestPrecompressed(t *testing.T) {
	h := newTestHandler(t, "/")
	const wasm = "/web/app.0123456789abcdef.wasm"
	tests := []struct {
		accept, encoding, body string
	}{
		{"gzip, deflate, br", "br", "BROTLI"},
		{"br;q=0, gzip", "gzip", ""},
		{"gzip", "gzip", ""},
		{"identity", "", "\x00asm"},
		{"", "", "\x00asm"},
		{"BR", "br", "BROTLI"},
		{"br;q=0", "", "\x00asm"},
	}
	for _, tt := range tests {
		rec := do(h, "GET", wasm, map[string]string{"Accept-Encoding": tt.accept})
		if got := rec.Header().Get("Content-Encoding"); got != tt.encoding {
			t.Errorf("Accept-Encoding %q: Content-Encoding %q; want %q", tt.accept, got, tt.encoding)
		}
		if got := rec.Header().Get("Content-Type"); got != "application/wasm" {
			t.Errorf("Accept-Encoding %q: Content-Type %q; want application/wasm", tt.accept, got)
		}
		if got := rec.Header().Get("Vary"); got != "Accept-Encoding" {
			t.Errorf("Accept-Encoding %q: Vary %q; want Accept-Encoding", tt.accept, got)
		}
		if rec.Header().Get("Content-Length") != "" && rec.Header().Get("Content-Length") != itoa(rec.Body.Len()) {
			t.Errorf("Accept-Encoding %q: Content-Length %s for %d bytes", tt.accept, rec.Header().Get("Content-Length"), rec.Body.Len())
		}
		if tt.encoding == "gzip" {
			r, err := gzip.NewReader(rec.Body)
			if err != nil {
				t.Fatalf("Accept-Encoding %q: %v", tt.accept, err)
			}
			b, _ := io.ReadAll(r)
			if !bytes.HasPrefix(b, []byte("\x00asm")) {
				t.Errorf("Accept-Encoding %q: decoded %q", tt.accept, b)
			}
		} else if !strings.HasPrefix(rec.Body.String(), tt.body) {
			t.Errorf("Accept-Encoding %q: body %q; want %q", tt.accept, rec.Body.String(), tt.body)
		}
		if tt.encoding != "" && rec.Header().Get("X-Decoded-Content-Length") != "8" {
			t.Errorf("Accept-Encoding %q: X-Decoded-Content-Length %q; want 8", tt.accept, rec.Header().Get("X-Decoded-Content-Length"))
		}
	}
}

func TestETag(t *testing.T) {
	h := newTestHandler(t, "/")
	for _, target := range []string{"/addr", "/web/app.0123456789abcdef.wasm", "/app-worker.js"} {
		for _, accept := range []string{"br", "gzip", ""} {
			hdr := map[string]string{"Accept-Encoding": accept}
			first := do(h, "GET", target, hdr)
			etag := first.Header().Get("ETag")
			if etag == "" || !strings.HasPrefix(etag, `"`) {
				t.Fatalf("GET %s (%s): ETag %q; want a strong validator", target, accept, etag)
			}
			hdr["If-None-Match"] = etag
			second := do(h, "GET", target, hdr)
			if second.Code != http.StatusNotModified || second.Body.Len() != 0 {
				t.Errorf("GET %s (%s) If-None-Match %s: code %d with %d bytes; want 304 and none", target, accept, etag, second.Code, second.Body.Len())
			}
			hdr["If-None-Match"] = `"other"`
			if third := do(h, "GET", target, hdr); third.Code != 200 {
				t.Errorf("GET %s (%s) with a stale ETag: code %d; want 200", target, accept, third.Code)
			}
		}
	}
	br := do(h, "GET", "/web/app.0123456789abcdef.wasm", map[string]string{"Accept-Encoding": "br"}).Header().Get("ETag")
	plain := do(h, "GET", "/web/app.0123456789abcdef.wasm", nil).Header().Get("ETag")
	if br == plain {
		t.Errorf("the brotli and identity representations share the ETag %s", br)
	}
}

func TestCacheControl(t *testing.T) {
	h := newTestHandler(t, "/")
	tests := []struct{ target, want string }{
		{"/", "no-cache"},
		{"/addr", "no-cache"},
		{"/app-worker.js", "no-cache"},
		{"/manifest.webmanifest", "no-cache"},
		{"/app.js", "no-cache"},
		{"/web/icon.svg", "no-cache"},
		{"/web/app.0123456789abcdef.wasm", "public, max-age=31536000, immutable"},
		{"/web/netground.0123456789abcdef.css", "public, max-age=31536000, immutable"},
		{"/nope", "no-store"},
	}
	for _, tt := range tests {
		if got := do(h, "GET", tt.target, nil).Header().Get("Cache-Control"); got != tt.want {
			t.Errorf("GET %s: Cache-Control %q; want %q", tt.target, got, tt.want)
		}
	}
}

func TestSecurityHeaders(t *testing.T) {
	h := newTestHandler(t, "/")
	for _, target := range []string{"/", "/addr", "/embed/addr", "/nope", "/web/icon.svg"} {
		rec := do(h, "GET", target, nil)
		hdr := rec.Header()
		if hdr.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("GET %s: no nosniff", target)
		}
		if hdr.Get("Referrer-Policy") == "" {
			t.Errorf("GET %s: no Referrer-Policy", target)
		}
		csp := hdr.Get("Content-Security-Policy")
		for _, want := range []string{"default-src 'self'", "'wasm-unsafe-eval'", "object-src 'none'"} {
			if !strings.Contains(csp, want) {
				t.Errorf("GET %s: CSP %q lacks %q", target, csp, want)
			}
		}
		if strings.Contains(csp, "'unsafe-eval'") || strings.Contains(csp, "'unsafe-inline'") {
			t.Errorf("GET %s: CSP %q allows unsafe code", target, csp)
		}
		embed := strings.HasPrefix(target, "/embed/")
		if embed {
			if !strings.Contains(csp, "frame-ancestors *") || hdr.Get("X-Frame-Options") != "" {
				t.Errorf("GET %s: embed page not framable: CSP %q, X-Frame-Options %q", target, csp, hdr.Get("X-Frame-Options"))
			}
		} else if !strings.Contains(csp, "frame-ancestors 'self'") || hdr.Get("X-Frame-Options") != "SAMEORIGIN" {
			t.Errorf("GET %s: framable by other sites: CSP %q, X-Frame-Options %q", target, csp, hdr.Get("X-Frame-Options"))
		}
	}
}

func TestErrorPagesLeakNothing(t *testing.T) {
	h := newTestHandler(t, "/")
	for _, target := range []string{"/nope", "/../x", "/web/.hidden"} {
		rec := do(h, "GET", target, nil)
		body := rec.Body.String()
		for _, leak := range []string{"/tmp", "no such file", "open ", "stat ", "Go", "golang"} {
			if strings.Contains(body, leak) {
				t.Errorf("GET %s: error page leaks %q: %s", target, leak, body)
			}
		}
	}
}

func TestBase(t *testing.T) {
	h := newTestHandler(t, "/netground/")
	tests := []struct {
		target string
		code   int
		body   string
	}{
		{"/netground/", 200, "home"},
		{"/netground", 200, "home"},
		{"/netground/addr?ip=1.1.1.1", 200, "<title>addr</title>"},
		{"/netground/embed/addr", 200, "embed addr"},
		{"/netground/web/icon.svg", 200, "<svg/>"},
		{"/", 404, ""},
		{"/addr", 404, ""},
		{"/netgroundx/addr", 404, ""},
	}
	for _, tt := range tests {
		rec := do(h, "GET", tt.target, nil)
		if rec.Code != tt.code || !strings.Contains(rec.Body.String(), tt.body) {
			t.Errorf("GET %s under /netground/: code %d body %q; want %d containing %q", tt.target, rec.Code, rec.Body.String(), tt.code, tt.body)
		}
	}
	rec := do(h, "GET", "/netground/embed/addr", nil)
	if !strings.Contains(rec.Header().Get("Content-Security-Policy"), "frame-ancestors *") {
		t.Errorf("embed page under a base is not framable")
	}
}

func TestNewHandlerWithoutBundle(t *testing.T) {
	_, err := NewHandler(filepath.Join(t.TempDir(), "missing"), "/")
	if err == nil || !strings.Contains(err.Error(), "make static") {
		t.Errorf("NewHandler(missing) = %v; want an error that says to build the bundle", err)
	}
}

func TestListenError(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	addr := ln.Addr().String()
	_, err = net.Listen("tcp", addr)
	if !errors.Is(err, syscall.EADDRINUSE) {
		t.Skipf("second listen on %s: %v; this system does not report EADDRINUSE", addr, err)
	}
	msg := listenError(addr, err).Error()
	for _, want := range []string{addr, "already in use", "another process", "-addr"} {
		if !strings.Contains(msg, want) {
			t.Errorf("listenError = %q; want it to contain %q", msg, want)
		}
	}
	if strings.Contains(msg, "\n") {
		t.Errorf("listenError = %q; want one line", msg)
	}

	dir := bundle(t)
	if err := run(addr, dir, "/"); err == nil || !strings.Contains(err.Error(), "already in use") {
		t.Errorf("run on a taken port = %v; want the address-in-use message", err)
	}
	if err := run("127.0.0.1", dir, "/"); err == nil || !strings.Contains(err.Error(), "host:port") {
		t.Errorf("run on an address without a port = %v; want a hint about host:port", err)
	}
}

func TestServerTimeouts(t *testing.T) {
	srv := NewServer(http.NotFoundHandler())
	if srv.ReadHeaderTimeout == 0 || srv.ReadTimeout == 0 || srv.IdleTimeout == 0 || srv.WriteTimeout == 0 {
		t.Errorf("server timeouts not all set: %+v", srv)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestGracefulShutdown(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	started := make(chan struct{})
	release := make(chan struct{})
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(started)
		<-release
		io.WriteString(w, "finished")
	})
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- serve(ctx, ln, h) }()

	got := make(chan string, 1)
	go func() {
		resp, err := http.Get("http://" + ln.Addr().String() + "/slow")
		if err != nil {
			got <- "error: " + err.Error()
			return
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		got <- string(b)
	}()
	<-started
	cancel() // what SIGINT or SIGTERM does
	close(release)
	if body := <-got; body != "finished" {
		t.Errorf("request in flight during shutdown got %q; want %q", body, "finished")
	}
	if err := <-served; err != nil {
		t.Errorf("serve after shutdown = %v; want nil", err)
	}
	if _, err := net.Dial("tcp", ln.Addr().String()); err == nil {
		t.Errorf("still accepting connections after shutdown")
	}
}
