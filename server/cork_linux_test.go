package main

import (
	"bytes"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"
)

// corked reports whether TCP_CORK is set on c.
func corked(t *testing.T, c net.Conn) bool {
	rc, err := c.(*net.TCPConn).SyscallConn()
	if err != nil {
		t.Fatal(err)
	}
	var v int
	var serr error
	rc.Control(func(fd uintptr) { v, serr = syscall.GetsockoptInt(int(fd), syscall.IPPROTO_TCP, syscall.TCP_CORK) })
	if serr != nil {
		t.Fatal(serr)
	}
	return v != 0
}

// TestCorkedResponses: a body too big to leave with its header in one write
// is held back while it is written, and the connection is never left corked
// between requests, whose responses would then wait for the kernel's timer.
func TestCorkedResponses(t *testing.T) {
	dir := t.TempDir()
	sizes := map[string]int{"small.css": corkAbove, "medium.css": corkAbove + 1, "page.css": 9 << 10, "big.css": 200 << 10}
	files := map[string][]byte{}
	for name, n := range sizes {
		files[name] = bytes.Repeat([]byte{'a' + byte(n%26)}, n)
		if err := os.WriteFile(filepath.Join(dir, name), files[name], 0o644); err != nil {
			t.Fatal(err)
		}
	}
	os.WriteFile(filepath.Join(dir, "index.html"), []byte("<title>home</title>"), 0o644)
	h, err := NewHandler(dir, "/")
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var idle, leftCorked int
	handlerCorked := map[string]bool{}
	srv := NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.ServeHTTP(w, r)
		// The handler has returned; net/http has yet to flush what is left.
		mu.Lock()
		handlerCorked[r.URL.Path] = corked(t, r.Context().Value(connKey{}).(net.Conn))
		mu.Unlock()
	}), DefaultTimeouts)
	state := srv.ConnState
	srv.ConnState = func(c net.Conn, s http.ConnState) {
		if state != nil {
			state(c, s)
		}
		if s == http.StateIdle {
			mu.Lock()
			idle++
			if corked(t, c) {
				leftCorked++
			}
			mu.Unlock()
		}
	}
	go srv.Serve(ln)
	defer srv.Close()

	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 1}}
	defer client.CloseIdleConnections()
	for range 3 { // kept alive: one connection serves them all
		for name, want := range files {
			resp, err := client.Get("http://" + ln.Addr().String() + "/" + name)
			if err != nil {
				t.Fatal(err)
			}
			body, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil || !bytes.Equal(body, want) {
				t.Errorf("GET /%s: %d bytes, %v; want %d bytes", name, len(body), err, len(want))
			}
		}
	}
	// The connection turns idle once its response is flushed, which may be
	// after the client has read it.
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		mu.Lock()
		n := idle
		mu.Unlock()
		if n == 3*len(files) {
			break
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if idle != 3*len(files) || leftCorked != 0 {
		t.Errorf("%d of %d idle connections were left corked", leftCorked, idle)
	}
	for name, c := range handlerCorked {
		if c {
			t.Errorf("GET %s: the handler returned with the connection corked", name)
		}
	}
}

// TestSetCork: the option is set and cleared on a TCP connection, and asking
// on anything else does nothing.
func TestSetCork(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		if c, err := ln.Accept(); err == nil {
			defer c.Close()
			io.Copy(io.Discard, c)
		}
	}()
	c, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if !setCork(c, true) || !corked(t, c) {
		t.Fatal("setCork(c, true) did not cork the connection")
	}
	if !setCork(c, false) || corked(t, c) {
		t.Fatal("setCork(c, false) left the connection corked")
	}
	a, b := net.Pipe()
	defer a.Close()
	defer b.Close()
	if setCork(a, true) {
		t.Error("setCork corked a pipe")
	}
}
