// Command server serves the Netground bundle: the pre-rendered pages, the
// WebAssembly app and its assets, and nothing else.
//
// Usage:
//
//	server [-addr 127.0.0.1:8080] [-dir static/dist] [-base /]
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "address to listen on; use 0.0.0.0:8080 inside a container")
	dir := flag.String("dir", "static/dist", "the generated bundle to serve")
	base := flag.String("base", "/", "URL path the bundle is served under, such as /netground/")
	flag.Parse()

	if err := run(*addr, *dir, *base); err != nil {
		fmt.Fprintln(os.Stderr, "netground:", err)
		os.Exit(1)
	}
}

func run(addr, dir, base string) error {
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
	fmt.Printf("Netground is at http://%s%s\n", displayAddr(ln.Addr()), h.base)
	return serve(ctx, ln, h)
}

// serve answers requests on ln until ctx ends, then stops accepting and
// lets the requests in flight finish.
func serve(ctx context.Context, ln net.Listener, h http.Handler) error {
	srv := NewServer(h)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Print("shutting down; finishing requests in flight")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return srv.Shutdown(shutdownCtx)
}

// NewServer returns an http.Server for h with timeouts that keep slow or
// idle clients from holding connections forever.
func NewServer(h http.Handler) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          log.New(os.Stderr, "netground: ", 0),
	}
}

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
