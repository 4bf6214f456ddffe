package main

import (
	"bytes"
	"cmp"
	"flag"
	"fmt"
	"log"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strings"
	"syscall"
	"testing"
	"text/tabwriter"
	"time"
)

// The comparison with nginx runs only when it is given a bundle:
//
//	go test -run '^TestServerVersusNginx$' ./server/ -args -bundle build/bench-dist -report build/bench-server.txt
var (
	nginxBundle   = flag.String("bundle", "", "a generated bundle, served under /, to serve with this server and with nginx")
	nginxReport   = flag.String("report", "", "file to write the comparison table to")
	nginxDuration = flag.Duration("duration", time.Second/2, "how long each load run counts responses")
	nginxConns    = flag.Int("conns", 16, "kept-alive connections per load run")
	nginxRounds   = flag.Int("rounds", 9, "load runs per server and request; the median counts")
	serverProfile = flag.String("serverprofile", "", "directory to write this server's CPU and allocation profiles to, taken during the comparison")
)

const nginxMissing = "nginx not installed: server comparison skipped"

// TestServerVersusNginx serves one bundle with this server and with nginx,
// both on loopback with kept-alive connections, and compares the responses
// per second each sustains for a small page, a small static file and the
// wasm. nginx serves the gzip sidecars (gzip_static); Debian's nginx has no
// brotli, so brotli is measured for this server alone.
func TestServerVersusNginx(t *testing.T) {
	if *nginxBundle == "" {
		t.Skip("no -bundle given")
	}
	report := func(text string) {
		fmt.Print(text)
		if *nginxReport != "" {
			if err := os.WriteFile(*nginxReport, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	nginx := nginxPath()
	if nginx == "" {
		report(nginxMissing + "\n")
		t.Skip(nginxMissing)
	}
	bundle, err := filepath.Abs(*nginxBundle)
	if err != nil {
		t.Fatal(err)
	}
	targets := benchTargets(t, bundle)

	env := []string(nil)
	if *serverProfile != "" {
		env = append(env, "NETGROUND_TEST_PROFILE="+*serverProfile)
	}
	goServer := startServerEnv(t, env, "-dir", bundle, "-base", "/")
	nginxAddr, nginxPid := startNginx(t, nginx, bundle)
	goCPU, nginxCPU := processCPU(goServer.cmd.Process.Pid), processCPU(nginxPid)

	type row struct {
		target          benchTarget
		goRun, nginxRun loadResult // nginxRun is zero when nginx cannot serve the encoding
		ratio           float64    // the median of each round's ratio of rates
	}
	var rows []row
	for _, bt := range targets {
		t.Run(bt.key+"-"+bt.encodingName(), func(t *testing.T) {
			// Short runs of the two servers in turn give both the same
			// share of whatever else the machine is doing.
			var goRuns, nginxRuns []loadResult
			var ratios []float64
			for range *nginxRounds {
				run, err := load(goServer.addr, bt.loadTarget, *nginxConns, *nginxDuration/4, *nginxDuration, goCPU)
				if err != nil {
					t.Fatalf("this server: %v", err)
				}
				goRuns = append(goRuns, run)
				if bt.goOnly {
					continue
				}
				if run, err = load(nginxAddr, bt.loadTarget, *nginxConns, *nginxDuration/4, *nginxDuration, nginxCPU); err != nil {
					t.Fatalf("nginx: %v", err)
				}
				nginxRuns = append(nginxRuns, run)
				ratios = append(ratios, goRuns[len(goRuns)-1].rate/run.rate)
			}
			rows = append(rows, row{bt, medianRun(goRuns), medianRun(nginxRuns), median(ratios)})
		})
	}
	if *serverProfile != "" {
		goServer.cmd.Process.Signal(syscall.SIGTERM)
		goServer.wait(t, 30*time.Second)
	}

	var b bytes.Buffer
	fmt.Fprintf(&b, "Server versus nginx: requests per second, %d kept-alive connections on loopback, median of %d runs of %v; %d CPUs shared by the server and the load\n",
		*nginxConns, *nginxRounds, *nginxDuration, runtime.NumCPU())
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "request\tencoding\tbytes\tserver req/s\tnginx req/s\tratio\tserver CPU/req\tnginx CPU/req\t")
	for _, r := range rows {
		nginxRate, ratio := "-", "-"
		if r.nginxRun.rate > 0 {
			nginxRate = fmt.Sprintf("%.0f", r.nginxRun.rate)
			ratio = fmt.Sprintf("%.2f", r.ratio)
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%.0f\t%s\t%s\t%s\t%s\t\n", r.target.name, r.target.encodingName(), r.target.length,
			r.goRun.rate, nginxRate, ratio, cpuPerRequest(r.goRun.cpu), cpuPerRequest(r.nginxRun.cpu))
	}
	tw.Flush()
	fmt.Fprintf(&b, "ratio: server req/s over nginx req/s in the same round, median of the rounds; CPU/req: CPU time, user and system, per response; -: not measured (Debian's nginx has no brotli); %s\n",
		nginxVersion(nginx))
	report(b.String())
}

// A benchTarget is one row of the comparison.
type benchTarget struct {
	key  string // names the row's subtest: page, css or wasm
	name string
	loadTarget
	goOnly bool // nginx cannot serve it
}

func (bt benchTarget) encodingName() string {
	if bt.encoding == "" {
		return "identity"
	}
	return bt.encoding
}

// benchTargets returns the comparison's requests for the bundle in dir: a
// small page, the stylesheet and the main wasm, each in the encodings
// nginx and this server share, and brotli for this server.
func benchTargets(t *testing.T, dir string) []benchTarget {
	t.Helper()
	size := func(name string) int64 {
		st, err := os.Stat(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			t.Fatalf("the bundle has no %s: %v", name, err)
		}
		return st.Size()
	}
	glob := func(pattern string) string {
		m, _ := filepath.Glob(filepath.Join(dir, filepath.FromSlash(pattern)))
		if len(m) != 1 {
			t.Fatalf("the bundle has %d files %s; want 1", len(m), pattern)
		}
		rel, _ := filepath.Rel(dir, m[0])
		return filepath.ToSlash(rel)
	}
	css, wasm := glob("web/netground.*.css"), glob("web/app.*.wasm")
	const browser = "gzip, deflate, br, zstd"
	return []benchTarget{
		{key: "page", name: "/addr", loadTarget: loadTarget{"/addr", "gzip", "gzip", size("addr.html.gz")}},
		{key: "page", name: "/addr", loadTarget: loadTarget{"/addr", "", "", size("addr.html")}},
		{key: "page", name: "/addr", loadTarget: loadTarget{"/addr", browser, "br", size("addr.html.br")}, goOnly: true},
		{key: "css", name: "/" + css, loadTarget: loadTarget{"/" + css, "gzip", "gzip", size(css + ".gz")}},
		{key: "wasm", name: "/" + wasm, loadTarget: loadTarget{"/" + wasm, "gzip", "gzip", size(wasm + ".gz")}},
		{key: "wasm", name: "/" + wasm, loadTarget: loadTarget{"/" + wasm, browser, "br", size(wasm + ".br")}, goOnly: true},
	}
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	xs = slices.Clone(xs)
	slices.Sort(xs)
	return xs[len(xs)/2]
}

// medianRun returns the run of median rate, with the median CPU time per
// response; it returns the zero loadResult for no runs.
func medianRun(runs []loadResult) loadResult {
	if len(runs) == 0 {
		return loadResult{}
	}
	runs = slices.Clone(runs)
	slices.SortFunc(runs, func(a, b loadResult) int { return cmp.Compare(a.rate, b.rate) })
	m := runs[len(runs)/2]
	slices.SortFunc(runs, func(a, b loadResult) int { return cmp.Compare(a.cpu, b.cpu) })
	m.cpu = runs[len(runs)/2].cpu
	return m
}

func cpuPerRequest(d time.Duration) string {
	if d == 0 {
		return "-"
	}
	return fmt.Sprintf("%.1f µs", float64(d)/float64(time.Microsecond))
}

// nginxPath returns the nginx binary, or "" when nginx is not installed.
func nginxPath() string {
	if p, err := exec.LookPath("nginx"); err == nil {
		return p
	}
	for _, p := range []string{"/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/local/nginx/sbin/nginx"} {
		if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() && st.Mode()&0o111 != 0 {
			return p
		}
	}
	return ""
}

func nginxVersion(nginx string) string {
	out, _ := exec.Command(nginx, "-v").CombinedOutput()
	return strings.TrimSpace(strings.TrimPrefix(string(out), "nginx version: "))
}

// nginxConf is an nginx configuration that serves the bundle as this
// server does: the same routes, the gzip sidecars, the same caching and
// security headers, and kept-alive connections.
const nginxConf = `%s
worker_processes auto;
daemon off;
pid %[2]s/nginx.pid;
error_log %[2]s/error.log warn;
events { worker_connections 1024; }
http {
	access_log off;
	client_body_temp_path %[2]s/body;
	proxy_temp_path %[2]s/proxy;
	fastcgi_temp_path %[2]s/fastcgi;
	uwsgi_temp_path %[2]s/uwsgi;
	scgi_temp_path %[2]s/scgi;
	sendfile on;
	tcp_nopush on;
	keepalive_timeout 120s;
	keepalive_requests 1000000;
	server_tokens off;
	types {
		text/html html;
		text/css css;
		text/javascript js;
		application/wasm wasm;
		image/svg+xml svg;
		image/png png;
		application/manifest+json webmanifest;
		application/octet-stream bin;
	}
	charset utf-8;
	charset_types text/html text/css text/javascript;
	gzip_static on;
	gzip_vary on;
	server {
		listen 127.0.0.1:%[3]d;
		root %[4]s;
		add_header X-Content-Type-Options nosniff always;
		add_header Referrer-Policy strict-origin-when-cross-origin always;
		add_header Content-Security-Policy "%[5]s; frame-ancestors 'self'" always;
		add_header X-Frame-Options SAMEORIGIN always;
		add_header Cache-Control no-cache;
		location / {
			try_files $uri $uri.html =404;
		}
		location /web/ {
			add_header X-Content-Type-Options nosniff always;
			add_header Referrer-Policy strict-origin-when-cross-origin always;
			add_header Content-Security-Policy "%[5]s; frame-ancestors 'self'" always;
			add_header X-Frame-Options SAMEORIGIN always;
			add_header Cache-Control "public, max-age=31536000, immutable";
		}
	}
}
`

// startNginx runs nginx, one worker per CPU, on a free loopback port,
// serving the bundle in dir. It returns nginx's address and the process id
// of its master process, and stops nginx when the test ends.
func startNginx(t *testing.T, nginx, dir string) (addr string, pid int) {
	t.Helper()
	tmp := t.TempDir()
	userLine := ""
	if os.Geteuid() == 0 {
		// Workers would otherwise run as nobody, who may not reach the bundle.
		if u, err := user.Current(); err == nil {
			userLine = "user " + u.Username + ";"
		}
	}
	for attempt := 0; ; attempt++ {
		port := freePort(t)
		conf := filepath.Join(tmp, "nginx.conf")
		text := fmt.Sprintf(nginxConf, userLine, tmp, port, dir, contentSecurityPolicy)
		if err := os.WriteFile(conf, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(nginx, "-p", tmp, "-e", filepath.Join(tmp, "error.log"), "-c", conf)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		exited := make(chan struct{})
		go func() { cmd.Wait(); close(exited) }()
		addr := fmt.Sprintf("127.0.0.1:%d", port)
		if waitListening(addr, exited) {
			t.Cleanup(func() {
				cmd.Process.Signal(syscall.SIGQUIT) // nginx's graceful stop
				select {
				case <-exited:
				case <-time.After(10 * time.Second):
					cmd.Process.Kill()
					<-exited
				}
			})
			return addr, cmd.Process.Pid
		}
		select {
		case <-exited:
		default:
			cmd.Process.Kill()
			<-exited
		}
		log, _ := os.ReadFile(filepath.Join(tmp, "error.log"))
		if attempt == 2 || !strings.Contains(stderr.String()+string(log), "Address already in use") {
			t.Fatalf("nginx did not start: %s%s", stderr.String(), log)
		}
	}
}

// freePort returns a loopback TCP port that was free a moment ago.
func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// waitListening reports whether addr accepts connections within 10 s,
// giving up early when exited is closed.
func waitListening(addr string, exited <-chan struct{}) bool {
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if c, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
			c.Close()
			return true
		}
		select {
		case <-exited:
			return false
		case <-time.After(20 * time.Millisecond):
		}
	}
	return false
}

// profile starts a CPU profile of the server command, to be written to
// dir/cpu.pprof, and returns a function that stops it and writes the
// allocations made meanwhile to dir/allocs.pprof. With dir "" it does
// nothing.
func profile(dir string) (stop func()) {
	if dir == "" {
		return func() {}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		log.Fatal(err)
	}
	cpu, err := os.Create(filepath.Join(dir, "cpu.pprof"))
	if err != nil {
		log.Fatal(err)
	}
	pprof.StartCPUProfile(cpu)
	return func() {
		pprof.StopCPUProfile()
		cpu.Close()
		allocs, err := os.Create(filepath.Join(dir, "allocs.pprof"))
		if err != nil {
			log.Fatal(err)
		}
		defer allocs.Close()
		pprof.Lookup("allocs").WriteTo(allocs, 0)
	}
}
