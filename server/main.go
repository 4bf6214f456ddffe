// Command server serves the Netground bundle: the pre-rendered pages, the
// WebAssembly app and its assets, and nothing else.
//
// Usage:
//
//	server [-addr 127.0.0.1:8080] [-dir static/dist] [-base /] [-grace 20s]
//
// On SIGINT or SIGTERM the server stops accepting connections and lets the
// downloads in flight finish for up to the grace period; then it closes
// those still running and exits with status 0. A second signal stops it at
// once.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"
)

const usage = `Usage: server [-addr 127.0.0.1:8080] [-dir static/dist] [-base /] [-grace 20s]

Serves the Netground bundle in -dir under the URL path -base.

On SIGINT or SIGTERM the server stops accepting connections and lets the
downloads in flight finish for up to -grace; then it closes those still
running and exits with status 0. A second signal stops it at once.

`

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "address to listen on; use 0.0.0.0:8080 inside a container")
	dir := flag.String("dir", "static/dist", "the generated bundle to serve")
	base := flag.String("base", "/", "URL path the bundle is served under, such as /netground/")
	grace := flag.Duration("grace", 20*time.Second, "after SIGINT or SIGTERM, how long downloads in flight may take to finish")
	flag.Usage = func() {
		fmt.Fprint(flag.CommandLine.Output(), usage)
		flag.PrintDefaults()
	}
	flag.Parse()

	if err := run(*addr, *dir, *base, *grace); err != nil {
		fmt.Fprintln(os.Stderr, "netground:", err)
		os.Exit(1)
	}
}

func run(addr, dir, base string, grace time.Duration) error {
	h, err := NewHandler(dir, base)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return listenError(addr, err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	context.AfterFunc(ctx, stop) // a second signal stops the server at once
	fmt.Printf("Netground is at http://%s%s\n", displayAddr(ln.Addr()), h.base)
	return serve(ctx, ln, NewServer(h, DefaultTimeouts), grace)
}

// serve answers requests on ln until ctx ends. Then it stops accepting
// connections, gives the requests in flight up to grace to finish, and
// closes those still running. Stopping is not an error: it returns nil.
func serve(ctx context.Context, ln net.Listener, srv *http.Server, grace time.Duration) error {
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Printf("shutting down; finishing requests in flight for up to %v", grace)
	shutdownCtx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		log.Printf("closing the requests still in flight after %v", grace)
		srv.Close()
	}
	return nil
}

// Timeouts bound how long a client may keep a connection busy.
type Timeouts struct {
	ReadHeader time.Duration // to send a request's headers
	Read       time.Duration // to send a whole request
	Idle       time.Duration // between requests on a kept-alive connection

	// Write bounds each write of a response, of at most writeChunk bytes,
	// rather than the whole response: a download that keeps making
	// progress is never cut, however slow, and one that stalls is.
	Write time.Duration
}

// DefaultTimeouts are the server's. A write of 32 KiB in 30 s asks for
// 1.1 kB/s: the app downloads over the slowest mobile links.
var DefaultTimeouts = Timeouts{
	ReadHeader: 5 * time.Second,
	Read:       15 * time.Second,
	Idle:       120 * time.Second,
	Write:      30 * time.Second,
}

// NewServer returns an http.Server for h with timeouts t, which keep slow
// or idle clients from holding connections forever.
func NewServer(h http.Handler, t Timeouts) *http.Server {
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: t.ReadHeader,
		ReadTimeout:       t.Read,
		IdleTimeout:       t.Idle,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          log.New(os.Stderr, "netground: ", 0),
		ConnContext: func(ctx context.Context, c net.Conn) context.Context {
			return context.WithValue(ctx, connKey{}, c)
		},
	}
	if t.Write > 0 {
		srv.Handler = writeDeadlines(h, t.Write)
		srv.ConnState = func(c net.Conn, state http.ConnState) {
			if state == http.StateActive {
				// A new request: its response's first writeChunk bytes,
				// and what the server itself writes, such as an error for
				// a malformed request, get their deadline.
				c.SetWriteDeadline(time.Now().Add(t.Write))
			}
		}
	}
	return srv
}

// connKey is the request context's key to its connection.
type connKey struct{}

// corkAbove is the size of a body whose response, with its header, no
// longer fits net/http's 4 KiB connection buffer.
const corkAbove = 4<<10 - 1<<10

// writeChunk is the most a response writes under one deadline.
const writeChunk = 32 << 10

// serverBuffers bounds what the server still holds of a response when its
// handler returns, to write afterwards: its two buffers, of 2 and 4 KiB, and
// a generous allowance for the header.
const serverBuffers = 16 << 10

// writeDeadlines returns a handler that gives each write of h's responses,
// of at most writeChunk bytes, a deadline of d.
//
// The connection's deadline, which NewServer sets when a request arrives,
// covers a response's first writeChunk bytes: a small response, most of
// them, costs no deadline of its own.
func writeDeadlines(h http.Handler, d time.Duration) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		dw := &deadlineWriter{ResponseWriter: w, timeout: d}
		h.ServeHTTP(dw, r)
		if dw.sent+serverBuffers > writeChunk {
			dw.extend() // for what the server writes after the handler
		}
	})
}

// deadlineWriter moves the connection's write deadline forward before a
// write would take more than writeChunk bytes past the current deadline.
type deadlineWriter struct {
	http.ResponseWriter
	timeout time.Duration
	sent    int // bytes written under the current deadline
}

func (w *deadlineWriter) extend() {
	http.NewResponseController(w.ResponseWriter).SetWriteDeadline(time.Now().Add(w.timeout))
	w.sent = 0
}

func (w *deadlineWriter) Write(p []byte) (n int, err error) {
	for {
		chunk := p[:min(len(p), writeChunk)]
		if w.sent+len(chunk) > writeChunk {
			w.extend()
		}
		m, err := w.ResponseWriter.Write(chunk)
		w.sent += m
		n += m
		p = p[m:]
		if err != nil || len(p) == 0 {
			return n, err
		}
	}
}

// ReadFrom copies src a chunk at a time, each under its own deadline, and
// keeps the connection's sendfile for files: it sees through one
// io.LimitedReader, such as the one io.CopyN makes.
func (w *deadlineWriter) ReadFrom(src io.Reader) (n int64, err error) {
	rf, ok := w.ResponseWriter.(io.ReaderFrom)
	if !ok {
		return io.Copy(struct{ io.Writer }{w}, src)
	}
	remaining := int64(-1) // unlimited
	lr, limited := src.(*io.LimitedReader)
	if limited {
		src, remaining = lr.R, lr.N
		defer func() { lr.N = remaining }()
	}
	chunk := &io.LimitedReader{R: src}
	for remaining != 0 {
		chunk.N = writeChunk
		if remaining > 0 {
			chunk.N = min(remaining, writeChunk)
		}
		want := chunk.N
		w.extend()
		m, err := rf.ReadFrom(chunk)
		w.sent = int(m)
		n += m
		if remaining > 0 {
			remaining -= m
		}
		if err != nil || m < want {
			return n, err
		}
	}
	return n, nil
}

func (w *deadlineWriter) Flush() {
	if w.sent+serverBuffers > writeChunk {
		w.extend() // what the buffers hold may not fit the current deadline
	}
	http.NewResponseController(w.ResponseWriter).Flush()
}

func (w *deadlineWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// listenError turns a failed listen into one line a person can act on.
func listenError(addr string, err error) error {
	switch {
	case errors.Is(err, syscall.EADDRINUSE):
		return fmt.Errorf("cannot listen on %s: the address is already in use (another process holds that port); "+
			"pick another port with -addr (make run ADDR=127.0.0.1:8081) or stop that process", addr)
	case errors.Is(err, syscall.EADDRNOTAVAIL):
		return fmt.Errorf("cannot listen on %s: this machine has no such address; use 127.0.0.1 for this machine only or 0.0.0.0 for all interfaces", addr)
	case errors.Is(err, syscall.EACCES):
		return fmt.Errorf("cannot listen on %s: permission denied (ports below 1024 need privileges); use a port of 1024 or more", addr)
	}
	var addrErr *net.AddrError
	if errors.As(err, &addrErr) {
		return fmt.Errorf("cannot listen on %q: %s; write host:port, such as 127.0.0.1:8080", addr, addrErr.Err)
	}
	return fmt.Errorf("cannot listen on %s: %v", addr, err)
}

// displayAddr names a listening address the way a browser can open it.
func displayAddr(a net.Addr) string {
	tcp, ok := a.(*net.TCPAddr)
	if !ok {
		return a.String()
	}
	ap := tcp.AddrPort()
	if ap.Addr().IsUnspecified() {
		return fmt.Sprintf("127.0.0.1:%d", ap.Port())
	}
	return ap.String()
}
