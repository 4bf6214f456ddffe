package paste_test

import (
	"net/netip"
	"strconv"
	"strings"
	"testing"

	"github.com/netground/netground/core/bind"
	"github.com/netground/netground/core/paste"
	"github.com/netground/netground/core/scenario"
)

// errorSamples are error lines as the programs print them, with the error,
// the address, host and port they name, and the lab's verdict.
var errorSamples = []struct {
	text    string
	errno   paste.Errno
	addr    string // "" for none
	host    string
	port    uint16
	os      bind.OS
	verdict string // the lab's Bind verdict at the key step
}{
	// EADDRINUSE
	{"listen tcp :8080: bind: address already in use", paste.AddrInUse, "::", "", 8080, bind.Linux, "EADDRINUSE"},
	{"listen tcp 127.0.0.1:3000: bind: address already in use", paste.AddrInUse, "127.0.0.1", "", 3000, bind.Linux, "EADDRINUSE"},
	{"Error: listen EADDRINUSE: address already in use :::3000", paste.AddrInUse, "::", "", 3000, bind.Linux, "EADDRINUSE"},
	{"Error: listen EADDRINUSE: address already in use 0.0.0.0:5173", paste.AddrInUse, "0.0.0.0", "", 5173, bind.Linux, "EADDRINUSE"},
	{"OSError: [Errno 98] Address already in use", paste.AddrInUse, "", "", 0, bind.Linux, "EADDRINUSE"},
	{"OSError: [Errno 48] Address already in use", paste.AddrInUse, "", "", 0, bind.MacOS, "EADDRINUSE"},
	{"java.net.BindException: Address already in use", paste.AddrInUse, "", "", 0, bind.Linux, "EADDRINUSE"},
	{"Web server failed to start. Port 8080 was already in use.", paste.AddrInUse, "", "", 8080, bind.Linux, "EADDRINUSE"},
	{"OSError: [WinError 10048] Only one usage of each socket address (protocol/network address/port) is normally permitted", paste.AddrInUse, "", "", 0, bind.Windows, "EADDRINUSE"},
	{"docker: Error response from daemon: driver failed programming external connectivity on endpoint web (3f2a): Bind for 0.0.0.0:8080 failed: port is already allocated.", paste.AddrInUse, "0.0.0.0", "", 8080, bind.Linux, "EADDRINUSE"},
	{"Error starting userland proxy: listen tcp4 0.0.0.0:5432: bind: address already in use", paste.AddrInUse, "0.0.0.0", "", 5432, bind.Linux, "EADDRINUSE"},
	{"listen tcp 192.168.1.23:9090: bind: address already in use", paste.AddrInUse, "192.168.1.23", "", 9090, bind.Linux, "EADDRINUSE"},
	{"listen tcp [fe80::1%eth0]:9000: bind: address already in use", paste.AddrInUse, "fe80::1%eth0", "", 9000, bind.Linux, "EADDRINUSE"},
	// ECONNREFUSED
	{"Error: connect ECONNREFUSED 127.0.0.1:5432", paste.ConnRefused, "127.0.0.1", "", 5432, bind.Linux, "refused"},
	{"Error: connect ECONNREFUSED ::1:5432", paste.ConnRefused, "::1", "", 5432, bind.Linux, "refused"},
	{"dial tcp [::1]:8080: connect: connection refused", paste.ConnRefused, "::1", "", 8080, bind.Linux, "refused"},
	{"dial tcp 10.0.0.5:5432: connect: connection refused", paste.ConnRefused, "10.0.0.5", "", 5432, bind.Linux, "refused"},
	{"curl: (7) Failed to connect to localhost port 8080 after 0 ms: Couldn't connect to server", paste.ConnRefused, "", "localhost", 8080, bind.Linux, "refused"},
	{"curl: (7) Failed to connect to 127.0.0.1 port 8080: Connection refused", paste.ConnRefused, "127.0.0.1", "", 8080, bind.Linux, "refused"},
	{`psql: error: connection to server at "localhost" (::1), port 5432 failed: Connection refused`, paste.ConnRefused, "::1", "localhost", 5432, bind.Linux, "refused"},
	{"ERROR 2003 (HY000): Can't connect to MySQL server on '127.0.0.1:3306' (111)", paste.ConnRefused, "127.0.0.1", "", 3306, bind.Linux, "refused"},
	{"ERROR 2003 (HY000): Can't connect to MySQL server on 'localhost:3306' (10061)", paste.ConnRefused, "", "localhost", 3306, bind.Windows, "refused"},
	{"ConnectionRefusedError: [WinError 10061] No connection could be made because the target machine actively refused it", paste.ConnRefused, "", "", 0, bind.Windows, "refused"},
	{"This site can’t be reached localhost refused to connect. ERR_CONNECTION_REFUSED", paste.ConnRefused, "", "localhost", 0, bind.Linux, "refused"},
	{"java.net.ConnectException: Connection refused", paste.ConnRefused, "", "", 0, bind.Linux, "refused"},
	{"dial tcp 172.17.0.3:80: connect: connection refused", paste.ConnRefused, "172.17.0.3", "", 80, bind.Linux, "refused"},
	{"dial tcp [2001:db8::10]:443: connect: connection refused", paste.ConnRefused, "2001:db8::10", "", 443, bind.Linux, "refused"},
	{"Connection to localhost:5432 refused. Check that the hostname and port are correct and that the postmaster is accepting TCP/IP connections.", paste.ConnRefused, "", "localhost", 5432, bind.Linux, "refused"},
	// ETIMEDOUT
	{"dial tcp 203.0.113.7:22: connect: connection timed out", paste.TimedOut, "203.0.113.7", "", 22, bind.Linux, "timed out"},
	{"Error: connect ETIMEDOUT 10.0.0.8:5432", paste.TimedOut, "10.0.0.8", "", 5432, bind.Linux, "timed out"},
	{"ssh: connect to host 192.168.1.50 port 22: Operation timed out", paste.TimedOut, "192.168.1.50", "", 22, bind.MacOS, "timed out"},
	{"TimeoutError: [WinError 10060] A connection attempt failed because the connected party did not properly respond after a period of time", paste.TimedOut, "", "", 0, bind.Windows, "timed out"},
	{"dial tcp 10.1.2.3:443: i/o timeout", paste.TimedOut, "10.1.2.3", "", 443, bind.Linux, "timed out"},
	{"dial tcp [2001:db8::5]:443: connect: connection timed out", paste.TimedOut, "2001:db8::5", "", 443, bind.Linux, "timed out"},
	// EHOSTUNREACH
	{"dial tcp 192.168.1.77:80: connect: no route to host", paste.HostUnreach, "192.168.1.77", "", 80, bind.Linux, "no route"},
	{"Error: connect EHOSTUNREACH 10.0.0.254:8080", paste.HostUnreach, "10.0.0.254", "", 8080, bind.Linux, "no route"},
	{"ssh: connect to host 172.18.0.9 port 22: No route to host", paste.HostUnreach, "172.18.0.9", "", 22, bind.Linux, "no route"},
	{"socket error 10065", paste.HostUnreach, "", "", 0, bind.Windows, "no route"},
	{"dial tcp [2001:db8::99]:22: connect: no route to host", paste.HostUnreach, "2001:db8::99", "", 22, bind.Linux, "no route"},
	// ENETUNREACH
	{"dial tcp [2606:4700::6810:85e5]:443: connect: network is unreachable", paste.NetUnreach, "2606:4700::6810:85e5", "", 443, bind.Linux, "no route"},
	{"connect: Network is unreachable 10.8.0.1:22", paste.NetUnreach, "10.8.0.1", "", 22, bind.Linux, "no route"},
	{"Error: connect ENETUNREACH 8.8.8.8:53", paste.NetUnreach, "8.8.8.8", "", 53, bind.Linux, "no route"},
	{"OSError: [WinError 10051] A socket operation was attempted to an unreachable network", paste.NetUnreach, "", "", 0, bind.Windows, "no route"},
	// EADDRNOTAVAIL
	{"listen tcp 192.168.1.50:8080: bind: cannot assign requested address", paste.AddrNotAvail, "192.168.1.50", "", 8080, bind.Linux, "EADDRNOTAVAIL"},
	{"Error: listen EADDRNOTAVAIL: address not available 10.0.0.99:3000", paste.AddrNotAvail, "10.0.0.99", "", 3000, bind.Linux, "EADDRNOTAVAIL"},
	{"OSError: [Errno 49] Can't assign requested address", paste.AddrNotAvail, "", "", 0, bind.MacOS, "EADDRNOTAVAIL"},
	{"OSError: [WinError 10049] The requested address is not valid in its context", paste.AddrNotAvail, "", "", 0, bind.Windows, "EADDRNOTAVAIL"},
	{"dial tcp 10.0.0.1:80: connect: cannot assign requested address", paste.AddrNotAvail, "10.0.0.1", "", 80, bind.Linux, "EADDRNOTAVAIL"},
	{"listen tcp 127.0.0.2:80: bind: can't assign requested address", paste.AddrNotAvail, "127.0.0.2", "", 80, bind.MacOS, "EADDRNOTAVAIL"},
	// EACCES
	{"listen tcp :80: bind: permission denied", paste.Access, "::", "", 80, bind.Linux, "EACCES"},
	{"Error: listen EACCES: permission denied 0.0.0.0:443", paste.Access, "0.0.0.0", "", 443, bind.Linux, "EACCES"},
	{"PermissionError: [Errno 13] Permission denied while binding port 80", paste.Access, "", "", 80, bind.Linux, "EACCES"},
	{"OSError: [WinError 10013] An attempt was made to access a socket in a way forbidden by its access permissions", paste.Access, "", "", 0, bind.Windows, "EACCES"},
	{"listen tcp 127.0.0.1:8080: bind: permission denied", paste.Access, "127.0.0.1", "", 8080, bind.Linux, "EACCES"},
	// Empty reply, reset
	{"curl: (52) Empty reply from server", paste.EmptyReply, "", "", 0, bind.Linux, "reset"},
	{"read tcp 127.0.0.1:51234->127.0.0.1:8080: read: connection reset by peer", paste.ConnReset, "127.0.0.1", "", 8080, bind.Linux, "reset"},
	{"curl: (56) Recv failure: Connection reset by peer", paste.ConnReset, "", "", 0, bind.Linux, "reset"},
	{"Error: read ECONNRESET", paste.ConnReset, "", "", 0, bind.Linux, "reset"},
	{"ConnectionResetError: [WinError 10054] An existing connection was forcibly closed by the remote host", paste.ConnReset, "", "", 0, bind.Windows, "reset"},
	{"Error: socket hang up", paste.ConnReset, "", "", 0, bind.Linux, "reset"},
}

func TestDiagnose(t *testing.T) {
	for _, tt := range errorSamples {
		d, ok := paste.Diagnose(tt.text)
		if !ok {
			t.Errorf("Diagnose(%q) = false; want %v", tt.text, tt.errno)
			continue
		}
		if d.Errno != tt.errno {
			t.Errorf("Diagnose(%q).Errno = %v; want %v", tt.text, d.Errno, tt.errno)
		}
		var want netip.Addr
		if tt.addr != "" {
			want = netip.MustParseAddr(tt.addr)
		}
		if d.Addr != want || d.Host != tt.host || d.Port != tt.port {
			t.Errorf("Diagnose(%q) names %v %q %d; want %v %q %d", tt.text, d.Addr, d.Host, d.Port, want, tt.host, tt.port)
		}
		if d.OS != tt.os {
			t.Errorf("Diagnose(%q).OS = %v; want %v", tt.text, d.OS, tt.os)
		}
		if d.Title == "" || d.Explanation == "" || len(d.Causes) < 2 || len(d.Refs) == 0 {
			t.Errorf("Diagnose(%q) explains too little: %+v", tt.text, d)
		}
		if d.Verdict != tt.errno.Verdict() {
			t.Errorf("Diagnose(%q).Verdict = %q; want %q", tt.text, d.Verdict, tt.errno.Verdict())
		}
		checkLab(t, tt.text, d, tt.verdict)
	}
}

// checkLab opens the diagnosis' link as the Bind lab does and checks that
// the key step's verdict is the error's.
func checkLab(t *testing.T, text string, d paste.Diagnosis, want string) {
	t.Helper()
	frag, ok := strings.CutPrefix(d.Link, "/bind?step="+strconv.Itoa(d.Step+1)+"#")
	if !ok {
		t.Errorf("Diagnose(%q).Link = %q; want /bind?step=%d#s=…, the failing step", text, d.Link, d.Step+1)
		return
	}
	doc, err := scenario.DecodeFragment(frag)
	if err != nil || doc.Widget != scenario.WidgetBind {
		t.Errorf("Diagnose(%q): link does not decode: %v", text, err)
		return
	}
	s, err := bind.DecodeScenario(doc.State)
	if err != nil {
		t.Errorf("Diagnose(%q): scenario: %v", text, err)
		return
	}
	tr, err := bind.Run(s)
	if err != nil {
		t.Errorf("Diagnose(%q): Run: %v", text, err)
		return
	}
	if d.Step >= len(tr.Steps) {
		t.Errorf("Diagnose(%q).Step = %d; the scenario has %d steps", text, d.Step, len(tr.Steps))
		return
	}
	for i, r := range tr.Setup {
		if r.Verdict.Failed() {
			t.Errorf("Diagnose(%q): setup %d failed: %v %v", text, i, r.Verdict, r.Reasons)
		}
	}
	got := tr.Steps[d.Step].Result
	if got.Verdict.String() != want || d.LabVerdict != got.Verdict {
		t.Errorf("Diagnose(%q): lab verdict %v (LabVerdict %v); want %s\n%s", text, got.Verdict, d.LabVerdict, want, strings.Join(got.Reasons, "\n"))
	}
	if (d.Errno == paste.ConnReset || d.Errno == paste.EmptyReply) && !strings.Contains(strings.Join(got.Reasons, " "), "reset") {
		t.Errorf("Diagnose(%q): the lab's reasons do not mention the reset: %v", text, got.Reasons)
	}
	if strings.Contains(d.Link, "%") && strings.Contains(text, "%") {
		t.Errorf("Diagnose(%q): link %q seems to carry raw text", text, d.Link)
	}
}

func TestDiagnoseMultiLine(t *testing.T) {
	text := "psql: could not connect to server: Connection refused\n" +
		"\tIs the server running on host \"localhost\" (127.0.0.1) and accepting\n" +
		"\tTCP/IP connections on port 5432?\n"
	d, ok := paste.Diagnose(text)
	if !ok || d.Errno != paste.ConnRefused || d.Port != 5432 || d.Host != "localhost" || d.Addr != netip.MustParseAddr("127.0.0.1") {
		t.Fatalf("Diagnose(psql) = %v %q %v %d; want ECONNREFUSED localhost 127.0.0.1 5432", d.Errno, d.Host, d.Addr, d.Port)
	}
	if !strings.Contains(strings.Join(d.Notes, " "), "::1") {
		t.Errorf("a localhost error should say localhost resolves to 127.0.0.1 and ::1: %v", d.Notes)
	}
}

func TestDiagnoseNotAnError(t *testing.T) {
	for _, s := range []string{"", "hello", "permission denied: /etc/shadow", "10.0.0.1", "all good, port 8080 is free", "tcp 0 0 0.0.0.0:22"} {
		if d, ok := paste.Diagnose(s); ok {
			t.Errorf("Diagnose(%q) = %v; want none", s, d.Errno)
		}
	}
}
