package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
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

// TestRevalidationAsServeContent checks the handler's own answer to an
// If-None-Match against http.ServeContent's, which the handler uses when
// the request has other preconditions too: If-Match: * holds for every
// representation, so it leads there without changing the answer.
func TestRevalidationAsServeContent(t *testing.T) {
	h := newTestHandler(t, "/")
	for _, target := range []string{"/addr", "/web/app.0123456789abcdef.wasm"} {
		for _, accept := range []string{"br", "gzip", ""} {
			etag := do(h, "GET", target, map[string]string{"Accept-Encoding": accept}).Header().Get("ETag")
			weak := "W/" + etag
			for _, inm := range []string{
				etag, weak, "*", " " + etag + " ", `"other", ` + etag, `"other",` + weak, `, ,` + etag + `,`,
				`"other"`, `W/"other"`, `garbage, ` + etag, etag[:len(etag)-1], `W/`, `"a" ` + etag, `"a"` + etag,
				`"` + "\x01" + `", ` + etag, strings.ToLower(weak[:2]) + etag[1:],
			} {
				for _, method := range []string{"GET", "HEAD"} {
					hdr := map[string]string{"Accept-Encoding": accept, "If-None-Match": inm, "If-Modified-Since": "Mon, 02 Jan 2006 15:04:05 GMT"}
					got := do(h, method, target, hdr)
					hdr["If-Match"] = "*"
					want := do(h, method, target, hdr)
					if got.Code != want.Code || !bytes.Equal(got.Body.Bytes(), want.Body.Bytes()) {
						t.Errorf("%s %s (%s) If-None-Match %s: %d with %d bytes; ServeContent answers %d with %d",
							method, target, accept, inm, got.Code, got.Body.Len(), want.Code, want.Body.Len())
					}
					gotHeader, wantHeader := got.Header().Clone(), want.Header().Clone()
					delete(gotHeader, "Date")
					delete(wantHeader, "Date")
					if !reflect.DeepEqual(gotHeader, wantHeader) {
						t.Errorf("%s %s (%s) If-None-Match %s: header\n%v\nServeContent's\n%v", method, target, accept, inm, gotHeader, wantHeader)
					}
				}
			}
		}
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
	if err := run(addr, dir, "/", time.Second); err == nil || !strings.Contains(err.Error(), "already in use") {
		t.Errorf("run on a taken port = %v; want the address-in-use message", err)
	}
	if err := run("127.0.0.1", dir, "/", time.Second); err == nil || !strings.Contains(err.Error(), "host:port") {
		t.Errorf("run on an address without a port = %v; want a hint about host:port", err)
	}
}

func TestServerTimeouts(t *testing.T) {
	srv := NewServer(http.NotFoundHandler(), DefaultTimeouts)
	if srv.ReadHeaderTimeout == 0 || srv.ReadTimeout == 0 || srv.IdleTimeout == 0 {
		t.Errorf("server read and idle timeouts not all set: %+v", srv)
	}
	// A write timeout bounds each write, not the whole response, which a
	// slow link needs minutes to download.
	if srv.WriteTimeout != 0 {
		t.Errorf("WriteTimeout %v bounds whole responses; want 0 and a deadline per write", srv.WriteTimeout)
	}
	if DefaultTimeouts.Write == 0 || srv.ConnState == nil {
		t.Errorf("no deadline per write: Timeouts.Write %v, ConnState set %v", DefaultTimeouts.Write, srv.ConnState != nil)
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
	go func() { served <- serve(ctx, ln, NewServer(h, DefaultTimeouts), time.Minute) }()

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

// get sends a raw request line for target to the server at addr, bypassing
// any client-side cleaning, and reads the response headers.
func get(t *testing.T, addr, target string) *http.Response {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	io.WriteString(conn, "GET "+target+" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("GET %s: %v", target, err)
	}
	return resp
}

// checkLocation reports why a browser would not resolve loc to a path
// under base on the origin http://127.0.0.1, if it would not.
func checkLocation(loc, base string) error {
	for _, c := range loc {
		// Browsers drop tabs and newlines from URLs and read "\" as "/".
		if c <= ' ' || c == 0x7f || c == '\\' {
			return fmt.Errorf("Location %q holds %q", loc, c)
		}
	}
	if loc != base && (len(loc) < 2 || loc[0] != '/' || loc[1] == '/') {
		return fmt.Errorf("Location %q is not one slash and a path", loc)
	}
	origin, _ := url.Parse("http://127.0.0.1/")
	u, err := origin.Parse(loc)
	if err != nil {
		return fmt.Errorf("Location %q: %v", loc, err)
	}
	if u.Scheme != "http" || u.Host != "127.0.0.1" || u.User != nil {
		return fmt.Errorf("Location %q leads to %s://%s", loc, u.Scheme, u.Host)
	}
	if !strings.HasPrefix(u.Path, base) {
		return fmt.Errorf("Location %q leads to %s, outside %s", loc, u.Path, base)
	}
	for _, seg := range strings.Split(u.EscapedPath(), "/") {
		// Browsers also read %2e as a dot in dot segments.
		if seg, _ := url.PathUnescape(seg); seg == "." || seg == ".." {
			return fmt.Errorf("Location %q has a dot segment", loc)
		}
	}
	return nil
}

func TestRedirectStaysOnOrigin(t *testing.T) {
	// Paths that a naive redirect to "base + path without its trailing
	// slash" sends to another host or out of the base.
	variants := []string{
		"//evil.example/",
		"//evil.example/x/",
		"///evil.example/",
		"//evil.example/?next=/",
		"/%2fevil.example/",
		"/%2Fevil.example/",
		"/%2F%2Fevil.example/",
		"/%2f%2fevil.example/x/",
		"/%2f/evil.example/",
		"/\\evil.example/",
		"/\\\\evil.example/",
		"/\\/evil.example/",
		"/%5cevil.example/",
		"/%5C%5Cevil.example/",
		"/%5c%2fevil.example/",
		"/%2f%5cevil.example/",
		"/%09/evil.example/",
		"/%0a/evil.example/",
		"/%0d%0a/evil.example/",
		"/%20/evil.example/",
		"/../evil.example/",
		"/%2e%2e/evil.example/",
		"/%2E%2E/%2E%2E/evil.example/",
		"/.%2e/%2fevil.example/",
		"/..%2f..%2f/evil.example/",
		"/x/..//evil.example/",
		"/x/%2e%2e/%2fevil.example/",
		"/a%3f/evil.example/",
		"/a%23/evil.example/",
		"/@evil.example/",
		"/http:%2f%2fevil.example/",
	}
	for _, base := range []string{"/", "/netground/"} {
		srv := httptest.NewServer(newTestHandler(t, base))
		addr := srv.Listener.Addr().String()
		for _, v := range variants {
			for _, target := range []string{v, base + v[1:]} {
				resp := get(t, addr, target)
				resp.Body.Close()
				loc := resp.Header.Get("Location")
				if loc == "" {
					if resp.StatusCode != 400 && resp.StatusCode != 404 {
						t.Errorf("base %s: GET %s: %s without a Location; want 400, 404 or a redirect", base, target, resp.Status)
					}
					continue
				}
				if resp.StatusCode != http.StatusMovedPermanently {
					t.Errorf("base %s: GET %s: %s with Location %q", base, target, resp.Status, loc)
				}
				if err := checkLocation(loc, base); err != nil {
					t.Errorf("base %s: GET %s: %v", base, target, err)
				}
			}
		}
		srv.Close()
	}

	// The redirect is to the cleaned path, not a refusal.
	tests := []struct{ base, target, location string }{
		{"/", "//evil.example/", "/evil.example"},
		{"/", "/%2F%2Fevil.example/", "/evil.example"},
		{"/", "//evil.example/x/?a=b", "/evil.example/x?a=b"},
		{"/", "/%09/evil.example/", "/%09/evil.example"},
		{"/", "/a%3f/b/", "/a%3F/b"},
		{"/", "//", "/"},
		{"/netground/", "/netground//evil.example/", "/netground/evil.example"},
		{"/netground/", "/netground/../evil.example/", "/netground/evil.example"},
		{"/netground/", "/netground/%2e%2e/%2e%2e/evil.example/", "/netground/evil.example"},
		{"/netground/", "/netground//", "/netground/"},
		{"/netground/", "/netground/addr/?ip=1.2.3.4", "/netground/addr?ip=1.2.3.4"},
	}
	for _, tt := range tests {
		srv := httptest.NewServer(newTestHandler(t, tt.base))
		resp := get(t, srv.Listener.Addr().String(), tt.target)
		resp.Body.Close()
		srv.Close()
		if resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != tt.location {
			t.Errorf("base %s: GET %s: %s to %q; want 301 to %q", tt.base, tt.target, resp.Status, resp.Header.Get("Location"), tt.location)
		}
	}
}

func TestPrecompressedContentLength(t *testing.T) {
	dir := bundle(t)
	// A sidecar larger than the server's buffer, whose length the server
	// cannot work out by itself.
	big := bytes.Repeat([]byte("wasm"), 256<<10)
	os.WriteFile(filepath.Join(dir, "web/big.0123456789abcdef.wasm"), big, 0o644)
	os.WriteFile(filepath.Join(dir, "web/big.0123456789abcdef.wasm.br"), big[:300<<10], 0o644)
	h, err := NewHandler(dir, "/")
	if err != nil {
		t.Fatal(err)
	}

	for _, name := range []string{"web/app.0123456789abcdef.wasm", "web/big.0123456789abcdef.wasm"} {
		for _, enc := range []struct{ accept, ext string }{{"br", ".br"}, {"gzip", ".gz"}} {
			st, err := os.Stat(filepath.Join(dir, name+enc.ext))
			if err != nil {
				continue
			}
			size := itoa(int(st.Size()))
			for _, method := range []string{"GET", "HEAD"} {
				rec := do(h, method, "/"+name, map[string]string{"Accept-Encoding": enc.accept})
				if rec.Code != 200 || rec.Header().Get("Content-Encoding") != enc.accept {
					t.Errorf("%s /%s (%s): %d, Content-Encoding %q", method, name, enc.accept, rec.Code, rec.Header().Get("Content-Encoding"))
				}
				if got := rec.Header().Get("Content-Length"); got != size {
					t.Errorf("%s /%s (%s): Content-Length %q; want the %s's size, %s", method, name, enc.accept, got, enc.ext, size)
				}
				if want := map[string]int{"GET": int(st.Size()), "HEAD": 0}[method]; rec.Body.Len() != want {
					t.Errorf("%s /%s (%s): %d body bytes; want %d", method, name, enc.accept, rec.Body.Len(), want)
				}
			}
			// A stale validator gets the whole sidecar, with its length; a
			// range gets the range's.
			rec := do(h, "GET", "/"+name, map[string]string{"Accept-Encoding": enc.accept, "If-None-Match": `"stale"`})
			if rec.Code != 200 || rec.Header().Get("Content-Length") != size || rec.Body.Len() != int(st.Size()) {
				t.Errorf("GET /%s (%s) If-None-Match stale: %d, Content-Length %q, %d bytes; want 200 and %s", name, enc.accept, rec.Code, rec.Header().Get("Content-Length"), rec.Body.Len(), size)
			}
			rec = do(h, "GET", "/"+name, map[string]string{"Accept-Encoding": enc.accept, "Range": "bytes=1-2"})
			if rec.Code != 206 || rec.Header().Get("Content-Length") != "2" || rec.Header().Get("Content-Range") != "bytes 1-2/"+size {
				t.Errorf("GET /%s (%s) Range bytes=1-2: %d, Content-Length %q, Content-Range %q", name, enc.accept, rec.Code, rec.Header().Get("Content-Length"), rec.Header().Get("Content-Range"))
			}
		}
	}

	// On the wire, the length is sent rather than chunks.
	srv := httptest.NewServer(h)
	defer srv.Close()
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	for _, method := range []string{"GET", "HEAD"} {
		req, _ := http.NewRequest(method, srv.URL+"/web/big.0123456789abcdef.wasm", nil)
		req.Header.Set("Accept-Encoding", "br")
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.ContentLength != 300<<10 || len(resp.TransferEncoding) != 0 || err != nil {
			t.Errorf("%s big wasm (br): Content-Length %d, Transfer-Encoding %q, read error %v; want %d and no chunks", method, resp.ContentLength, resp.TransferEncoding, err, 300<<10)
		}
		if method == "GET" && !bytes.Equal(b, big[:300<<10]) {
			t.Errorf("GET big wasm (br): %d bytes, not the sidecar", len(b))
		}
	}
}

func TestRangeUnits(t *testing.T) {
	h := newTestHandler(t, "/")
	const page = "<!DOCTYPE html><title>addr</title>"
	tests := []struct {
		rng, accept string
		code        int
		body        string
	}{
		{"items=0-5", "", 200, page},
		{"items=0-5", "br", 200, "BROTLI"},
		{"x=0-5", "", 200, page},
		{"0-5", "", 200, page},
		{"bytes=0-5", "", 206, page[:6]},
		{"bytes=-5", "", 206, page[len(page)-5:]},
		{"Bytes=0-5", "", 206, page[:6]},
		{"bytes=0-2", "br", 206, "BRO"},
		{"bytes=999-", "", 416, ""},
	}
	for _, tt := range tests {
		target := "/addr"
		if tt.accept != "" {
			target = "/web/app.0123456789abcdef.wasm"
		}
		rec := do(h, "GET", target, map[string]string{"Range": tt.rng, "Accept-Encoding": tt.accept})
		if rec.Code != tt.code || (tt.code != 416 && rec.Body.String() != tt.body) {
			t.Errorf("GET %s Range %q: %d %q; want %d %q", target, tt.rng, rec.Code, rec.Body.String(), tt.code, tt.body)
		}
		if tt.code == 200 && (rec.Header().Get("Content-Range") != "" || rec.Header().Get("Content-Length") != itoa(len(tt.body))) {
			t.Errorf("GET %s Range %q: Content-Range %q, Content-Length %q on a whole response", target, tt.rng, rec.Header().Get("Content-Range"), rec.Header().Get("Content-Length"))
		}
	}
}

// smallBuffers makes the send buffer of every connection it accepts small,
// so that a response soon waits on the client reading it.
type smallBuffers struct{ net.Listener }

func (l smallBuffers) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if tc, ok := c.(*net.TCPConn); ok {
		tc.SetWriteBuffer(16 << 10)
	}
	return c, err
}

// download requests target from the server at addr and reads the body chunk
// bytes at a time, calling pause after each chunk with the bytes read so
// far. It returns the body read and the error that cut it short, if any.
func download(t *testing.T, addr, target string, chunk int, pause func(read int)) ([]byte, error) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	io.WriteString(conn, "GET "+target+" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var body bytes.Buffer
	for {
		_, err := io.CopyN(&body, resp.Body, int64(chunk))
		if err == io.EOF {
			return body.Bytes(), nil
		}
		if err != nil {
			return body.Bytes(), err
		}
		pause(body.Len())
	}
}

// slowBundle is the test bundle with a file of 1 MiB, large enough to be
// served from disk.
func slowBundle(t *testing.T) (dir string, large []byte) {
	dir = bundle(t)
	large = bytes.Repeat([]byte("0123456789abcdef"), 64<<10)
	os.WriteFile(filepath.Join(dir, "web/large.bin"), large, 0o644)
	return dir, large
}

func TestSlowDownloadFinishes(t *testing.T) {
	dir, large := slowBundle(t)
	h, err := NewHandler(dir, "/")
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	const perWrite = 200 * time.Millisecond
	mux := http.NewServeMux()
	mux.Handle("/", h) // a file from disk: the connection's ReadFrom, with sendfile
	mux.HandleFunc("/one-write", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", itoa(len(large)))
		w.Write(large) // as a file from memory is written
	})
	srv := NewServer(mux, Timeouts{ReadHeader: time.Second, Read: time.Second, Idle: time.Second, Write: perWrite})
	go srv.Serve(smallBuffers{ln})
	defer srv.Close()

	// Each response takes about a second to read, five times the time
	// allowed for one write, at a pace that moves every write along within
	// it. (On loopback, a window below 64 kB reopens only once 64 kB are
	// read: smaller reads would stall the server.)
	for _, target := range []string{"/web/large.bin", "/one-write"} {
		start := time.Now()
		body, err := download(t, ln.Addr().String(), target, 32<<10, func(int) { time.Sleep(30 * time.Millisecond) })
		if err != nil || !bytes.Equal(body, large) {
			t.Errorf("slow GET %s: %d of %d bytes in %v, %v; want all of them", target, len(body), len(large), time.Since(start), err)
		} else if elapsed := time.Since(start); elapsed < 3*perWrite {
			t.Errorf("slow GET %s took %v: too fast to test anything", target, elapsed)
		}
	}
}

func TestStalledDownloadIsCut(t *testing.T) {
	dir, large := slowBundle(t)
	h, err := NewHandler(dir, "/")
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := NewServer(h, Timeouts{ReadHeader: time.Second, Read: time.Second, Idle: time.Second, Write: 200 * time.Millisecond})
	go srv.Serve(smallBuffers{ln})
	defer srv.Close()

	stalled := false
	body, err := download(t, ln.Addr().String(), "/web/large.bin", 32<<10, func(int) {
		if !stalled {
			stalled = true
			time.Sleep(time.Second)
		}
	})
	if err == nil || len(body) >= len(large) {
		t.Errorf("a client that stopped reading for 1s got %d of %d bytes, %v; want the connection cut", len(body), len(large), err)
	}
}

func TestMain(m *testing.M) {
	if os.Getenv("NETGROUND_TEST_SERVER") == "1" {
		stop := profile(os.Getenv("NETGROUND_TEST_PROFILE"))
		main() // the test binary stands in for the command; see startServer
		stop()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// A server is the server command, run as a process.
type server struct {
	cmd    *exec.Cmd
	addr   string
	stderr bytes.Buffer  // to read once exited is closed
	exited chan struct{} // closed when the process has exited
}

var listening = regexp.MustCompile(`Netground is at http://(127\.0\.0\.1:\d+)/`)

// startServer runs the server command with args on an ephemeral loopback port.
func startServer(t *testing.T, args ...string) *server {
	t.Helper()
	return startServerEnv(t, nil, args...)
}

// startServerEnv is startServer with env added to the command's environment.
func startServerEnv(t *testing.T, env []string, args ...string) *server {
	t.Helper()
	s := &server{exited: make(chan struct{})}
	s.cmd = exec.Command(os.Args[0], append([]string{"-addr", "127.0.0.1:0"}, args...)...)
	s.cmd.Env = append(append(os.Environ(), env...), "NETGROUND_TEST_SERVER=1")
	s.cmd.Stderr = &s.stderr
	out, err := s.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := bufio.NewScanner(out)
	for lines.Scan() {
		if m := listening.FindStringSubmatch(lines.Text()); m != nil {
			s.addr = m[1]
			break
		}
	}
	go func() {
		io.Copy(io.Discard, out)
		s.cmd.Wait()
		close(s.exited)
	}()
	t.Cleanup(func() {
		s.cmd.Process.Kill()
		<-s.exited
	})
	if s.addr == "" {
		<-s.exited
		t.Fatalf("the server did not say where it listens: %s", s.stderr.String())
	}
	return s
}

// wait waits up to d for the server to exit and checks that it exits with
// status 0.
func (s *server) wait(t *testing.T, d time.Duration) {
	t.Helper()
	select {
	case <-s.exited:
	case <-time.After(d):
		t.Fatalf("the server still runs %v after SIGTERM", d)
	}
	if code := s.cmd.ProcessState.ExitCode(); code != 0 {
		t.Errorf("the server exited with status %d; want 0: %s", code, s.stderr.String())
	}
}

func TestSIGTERMLetsDownloadsFinish(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows has no SIGTERM")
	}
	dir := bundle(t)
	huge := bytes.Repeat([]byte("0123456789abcdef"), 512<<10) // 8 MiB, more than the buffers hold
	os.WriteFile(filepath.Join(dir, "web/huge.bin"), huge, 0o644)
	s := startServer(t, "-dir", dir, "-grace", "20s")

	signalled := false
	body, err := download(t, s.addr, "/web/huge.bin", 64<<10, func(read int) {
		if signalled || read < 256<<10 {
			return
		}
		signalled = true
		s.cmd.Process.Signal(syscall.SIGTERM)
		// The server stops accepting connections, but keeps sending.
		for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(20 * time.Millisecond) {
			c, err := net.Dial("tcp", s.addr)
			if err != nil {
				break
			}
			c.Close()
			if time.Now().After(deadline) {
				t.Errorf("the server still accepts connections after SIGTERM")
				break
			}
		}
	})
	if !signalled || err != nil || !bytes.Equal(body, huge) {
		t.Errorf("download during shutdown: %d of %d bytes, %v; want all of them", len(body), len(huge), err)
	}
	s.wait(t, 10*time.Second)
}

func TestSIGTERMGracePeriodEnds(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows has no SIGTERM")
	}
	dir := bundle(t)
	huge := bytes.Repeat([]byte("0123456789abcdef"), 512<<10)
	os.WriteFile(filepath.Join(dir, "web/huge.bin"), huge, 0o644)
	s := startServer(t, "-dir", dir, "-grace", "300ms")

	// A client that stops reading would hold the server for the write
	// timeout, 30s; the grace period ends first.
	start := time.Now()
	download(t, s.addr, "/web/huge.bin", 64<<10, func(read int) {
		if read == 64<<10 {
			s.cmd.Process.Signal(syscall.SIGTERM)
			s.wait(t, 10*time.Second)
		}
	})
	if elapsed := time.Since(start); elapsed > 5*time.Second {
		t.Errorf("the server took %v to exit with a 300ms grace period", elapsed)
	}
}

func TestUsageDocumentsShutdown(t *testing.T) {
	cmd := exec.Command(os.Args[0], "-h")
	cmd.Env = append(os.Environ(), "NETGROUND_TEST_SERVER=1")
	out, _ := cmd.CombinedOutput()
	for _, want := range []string{"SIGTERM", "-grace", "finish", "status 0", "20s"} {
		if !bytes.Contains(out, []byte(want)) {
			t.Errorf("server -h does not mention %q:\n%s", want, out)
		}
	}
}
