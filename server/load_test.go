package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"net"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// A loadTarget is one request that a load run repeats, and what every
// response to it must be.
type loadTarget struct {
	path           string
	acceptEncoding string // "" sends no Accept-Encoding
	encoding       string // the Content-Encoding every response must have
	length         int64  // the Content-Length every response must have
}

// request returns the request's bytes as a browser would send them.
func (lt loadTarget) request(host string) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "GET %s HTTP/1.1\r\nHost: %s\r\n", lt.path, host)
	b.WriteString("User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0\r\n")
	b.WriteString("Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r\n")
	b.WriteString("Accept-Language: en-US,en;q=0.5\r\n")
	if lt.acceptEncoding != "" {
		fmt.Fprintf(&b, "Accept-Encoding: %s\r\n", lt.acceptEncoding)
	}
	b.WriteString("\r\n")
	return b.Bytes()
}

// A loadResult is what a load run measured.
type loadResult struct {
	rate float64       // responses per second
	cpu  time.Duration // the server's CPU time per response; 0 when unknown
}

// load drives the HTTP/1.1 server at addr with conns kept-alive
// connections, each sending lt's request as soon as the previous response
// has been read, for warmup and then for d. It measures the responses
// completed during d and, when cpu is not nil, the server's CPU time they
// took: cpu returns the server's CPU time so far. The client parses as
// little as it can, so that on a shared machine the server, not the
// client, sets the rate.
func load(addr string, lt loadTarget, conns int, warmup, d time.Duration, cpu func() time.Duration) (loadResult, error) {
	req := lt.request(addr)
	var (
		done     atomic.Int64
		stop     atomic.Bool
		wg       sync.WaitGroup
		errOnce  sync.Once
		firstErr error
	)
	fail := func(err error) {
		errOnce.Do(func() { firstErr = err })
		stop.Store(true)
	}
	for range conns {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			stop.Store(true)
			wg.Wait()
			return loadResult{}, err
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer c.Close()
			r := bufio.NewReaderSize(c, 64<<10)
			for !stop.Load() {
				if _, err := c.Write(req); err != nil {
					fail(err)
					return
				}
				if err := readResponse(r, lt); err != nil {
					fail(fmt.Errorf("GET %s (Accept-Encoding %q): %w", lt.path, lt.acceptEncoding, err))
					return
				}
				done.Add(1)
			}
		}()
	}
	time.Sleep(warmup)
	var cpu0, cpu1 time.Duration
	if cpu != nil {
		cpu0 = cpu()
	}
	start, n0 := time.Now(), done.Load()
	time.Sleep(d)
	elapsed, n := time.Since(start), done.Load()-n0
	if cpu != nil {
		cpu1 = cpu()
	}
	stop.Store(true)
	wg.Wait()
	if firstErr != nil {
		return loadResult{}, firstErr
	}
	res := loadResult{rate: float64(n) / elapsed.Seconds()}
	if n > 0 && cpu1 > cpu0 {
		res.cpu = (cpu1 - cpu0) / time.Duration(n)
	}
	return res, nil
}

// processCPU returns a function that reports the CPU time, user and
// system, that the process pid and its children have used so far, or nil
// when the system does not tell (it reads Linux's /proc).
func processCPU(pid int) func() time.Duration {
	if _, err := procCPU(pid); err != nil {
		return nil
	}
	return func() time.Duration {
		total, _ := procCPU(pid)
		children, _ := os.ReadFile(fmt.Sprintf("/proc/%d/task/%d/children", pid, pid))
		for _, f := range strings.Fields(string(children)) {
			if child, err := strconv.Atoi(f); err == nil {
				t, _ := procCPU(child)
				total += t
			}
		}
		return total
	}
}

// procCPU returns the CPU time of process pid from /proc/pid/stat.
func procCPU(pid int) (time.Duration, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	// The command name, in parentheses, may hold spaces; the fields after
	// it start with the state, and utime and stime are the 12th and 13th.
	i := bytes.LastIndexByte(b, ')')
	fields := strings.Fields(string(b[i+1:]))
	if i < 0 || len(fields) < 13 {
		return 0, fmt.Errorf("/proc/%d/stat: unexpected format", pid)
	}
	utime, err1 := strconv.ParseInt(fields[11], 10, 64)
	stime, err2 := strconv.ParseInt(fields[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0, fmt.Errorf("/proc/%d/stat: unexpected format", pid)
	}
	const clockTick = 10 * time.Millisecond // USER_HZ is 100 on Linux
	return time.Duration(utime+stime) * clockTick, nil
}

// readResponse reads one response and checks its status, length and
// encoding against lt.
func readResponse(r *bufio.Reader, lt loadTarget) error {
	line, err := r.ReadSlice('\n')
	if err != nil {
		return err
	}
	if !bytes.HasPrefix(line, []byte("HTTP/1.1 200 ")) {
		return fmt.Errorf("status %q; want 200", bytes.TrimSpace(line))
	}
	length, encoding := int64(-1), ""
	for {
		line, err := r.ReadSlice('\n')
		if err != nil {
			return err
		}
		if len(line) <= 2 {
			break
		}
		name, value, _ := bytes.Cut(line, []byte(":"))
		value = bytes.TrimSpace(value)
		switch {
		case bytes.EqualFold(name, []byte("Content-Length")):
			if length, err = strconv.ParseInt(string(value), 10, 64); err != nil {
				return fmt.Errorf("Content-Length %q", value)
			}
		case bytes.EqualFold(name, []byte("Content-Encoding")):
			encoding = string(value)
		case bytes.EqualFold(name, []byte("Connection")) && bytes.EqualFold(value, []byte("close")):
			return errors.New("the server closes the connection")
		}
	}
	if length != lt.length || encoding != lt.encoding {
		return fmt.Errorf("Content-Length %d, Content-Encoding %q; want %d, %q", length, encoding, lt.length, lt.encoding)
	}
	_, err = r.Discard(int(length))
	return err
}
