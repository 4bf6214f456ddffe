package paste_test

import (
	"net/netip"
	"testing"

	"github.com/netground/netground/core/bind"
	"github.com/netground/netground/core/paste"
)

const (
	ssHeader      = "Netid State  Recv-Q Send-Q      Local Address:Port   Peer Address:PortProcess"
	ssShortHeader = "State  Recv-Q Send-Q Local Address:Port Peer Address:Port Process"
	macHeader     = "Active Internet connections (including servers)\nProto Recv-Q Send-Q  Local Address          Foreign Address        (state)"
	macVHeader    = "Proto Recv-Q Send-Q  Local Address          Foreign Address        (state)      rhiwat  shiwat    pid   epid state  options"
	winHeader     = "Active Connections\r\n\r\n  Proto  Local Address          Foreign Address        State           PID"
	lsofHeader    = "COMMAND     PID  USER   FD   TYPE             DEVICE SIZE/OFF NODE NAME"
	linuxNetstat  = "Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name"
)

// listenerSamples are rows of each listing in the formats of current
// versions (iproute2 6.x ss, macOS 14 netstat, Windows 11 netstat, lsof
// 4.9x), with the socket each gives.
var listenerSamples = []struct {
	header, line string
	proto        bind.Proto
	addr         string
	port         uint16
	dual, v6only bool
	process      string
	pid          int
	device       string
}{
	// ss -ltnup
	{ssHeader, `tcp   LISTEN 0      511        127.0.0.1:3000        0.0.0.0:*    users:(("node",pid=1234,fd=20))`, bind.TCP, "127.0.0.1", 3000, false, false, "node", 1234, ""},
	{ssHeader, `tcp   LISTEN 0      4096         0.0.0.0:5432        0.0.0.0:*    users:(("postgres",pid=812,fd=6))`, bind.TCP, "0.0.0.0", 5432, false, false, "postgres", 812, ""},
	{ssHeader, `tcp   LISTEN 0      511                *:80                *:*    users:(("nginx",pid=901,fd=6),("nginx",pid=900,fd=6))`, bind.TCP, "::", 80, true, false, "nginx", 901, ""},
	{ssHeader, `tcp   LISTEN 0      128             [::]:22             [::]:*    users:(("sshd",pid=700,fd=4))`, bind.TCP, "::", 22, false, true, "sshd", 700, ""},
	{ssHeader, `udp   UNCONN 0      0      127.0.0.53%lo:53        0.0.0.0:*    users:(("systemd-resolve",pid=612,fd=13))`, bind.UDP, "127.0.0.53", 53, false, false, "systemd-resolve", 612, "lo"},
	{ssHeader, `tcp   LISTEN 0      511    [::ffff:127.0.0.1]:8080          *:*    users:(("java",pid=4242,fd=50))`, bind.TCP, "::ffff:127.0.0.1", 8080, false, false, "java", 4242, ""},
	{ssHeader, "tcp   LISTEN 0      4096           [::1]:5173             [::]:*", bind.TCP, "::1", 5173, false, false, "", 0, ""},
	{ssHeader, "udp   UNCONN 0      0       [fe80::a00:27ff:fe4e:66a1]%enp0s3:546   [::]:*", bind.UDP, "fe80::a00:27ff:fe4e:66a1%enp0s3", 546, false, false, "", 0, "enp0s3"},
	{ssShortHeader, "LISTEN 0      4096      127.0.0.54:53         0.0.0.0:*", bind.TCP, "127.0.0.54", 53, false, false, "", 0, ""},
	{ssShortHeader, "LISTEN\t0\t128\t0.0.0.0:6379\t0.0.0.0:*\t", bind.TCP, "0.0.0.0", 6379, false, false, "", 0, ""},
	// netstat -an, -anv (macOS)
	{macHeader, "tcp4       0      0  127.0.0.1.5432         *.*                    LISTEN     ", bind.TCP, "127.0.0.1", 5432, false, false, "", 0, ""},
	{macHeader, "tcp46      0      0  *.8080                 *.*                    LISTEN     ", bind.TCP, "::", 8080, true, false, "", 0, ""},
	{macHeader, "tcp6       0      0  ::1.5432               *.*                    LISTEN     ", bind.TCP, "::1", 5432, false, false, "", 0, ""},
	{macHeader, "tcp4       0      0  *.3000                 *.*                    LISTEN", bind.TCP, "0.0.0.0", 3000, false, false, "", 0, ""},
	{macHeader, "udp4       0      0  *.5353                 *.*                               ", bind.UDP, "0.0.0.0", 5353, false, false, "", 0, ""},
	{macHeader, "tcp6       0      0  *.7000                 *.*                    LISTEN", bind.TCP, "::", 7000, false, true, "", 0, ""},
	{macVHeader, "tcp4       0      0  127.0.0.1.6379         *.*                    LISTEN       131072  131072    567      0 0x0100 0x00000006", bind.TCP, "127.0.0.1", 6379, false, false, "", 567, ""},
	{macVHeader, "tcp46      0      0  *.5000                 *.*                    LISTEN       131072  131072  ControlCe:489      0 0x0100", bind.TCP, "::", 5000, true, false, "ControlCe", 489, ""},
	// netstat -tlnp (Linux)
	{linuxNetstat, "tcp        0      0 0.0.0.0:22              0.0.0.0:*               LISTEN      812/sshd: /usr/sbin", bind.TCP, "0.0.0.0", 22, false, false, "sshd", 812, ""},
	{linuxNetstat, "tcp6       0      0 :::8080                 :::*                    LISTEN      4242/java", bind.TCP, "::", 8080, false, false, "java", 4242, ""},
	// netstat -ano (Windows)
	{winHeader, "  TCP    0.0.0.0:135            0.0.0.0:0              LISTENING       1234", bind.TCP, "0.0.0.0", 135, false, false, "", 1234, ""},
	{winHeader, "  TCP    [::]:445               [::]:0                 LISTENING       4", bind.TCP, "::", 445, false, true, "", 4, ""},
	{winHeader, "  TCP    127.0.0.1:5354         0.0.0.0:0              LISTENING       3920\r", bind.TCP, "127.0.0.1", 5354, false, false, "", 3920, ""},
	{winHeader, "  UDP    0.0.0.0:5353           *:*                                    2345", bind.UDP, "0.0.0.0", 5353, false, false, "", 2345, ""},
	{winHeader, "  TCP    [fe80::1c2b:3d4e:5f60:7182%12]:139  [::]:0  LISTENING       4", bind.TCP, "fe80::1c2b:3d4e:5f60:7182%12", 139, false, false, "", 4, ""},
	{winHeader, "  TCP    [::1]:49664            [::]:0                 LISTENING       1000", bind.TCP, "::1", 49664, false, false, "", 1000, ""},
	// lsof -iTCP -sTCP:LISTEN -n -P
	{lsofHeader, "node      1234 alice   20u  IPv6 0x3a1b2c3d4e5f6071      0t0  TCP *:3000 (LISTEN)", bind.TCP, "::", 3000, true, false, "node", 1234, ""},
	{lsofHeader, "postgres   567 alice    7u  IPv4 0x8f7e6d5c4b3a2910      0t0  TCP 127.0.0.1:5432 (LISTEN)", bind.TCP, "127.0.0.1", 5432, false, false, "postgres", 567, ""},
	{lsofHeader, "postgres   567 alice    8u  IPv6 0x8f7e6d5c4b3a2911      0t0  TCP [::1]:5432 (LISTEN)", bind.TCP, "::1", 5432, false, false, "postgres", 567, ""},
	{lsofHeader, "rapportd   489 alice    4u  IPv4 0x1122334455667788      0t0  TCP *:49152 (LISTEN)", bind.TCP, "0.0.0.0", 49152, false, false, "rapportd", 489, ""},
	{lsofHeader, "nginx     9001 root     6u  IPv4   41234      0t0  TCP *:80 (LISTEN)", bind.TCP, "0.0.0.0", 80, false, false, "nginx", 9001, ""},
	{lsofHeader, `Code\x20H 4321 alice   33u  IPv4 0xabcdefabcdefabcd      0t0  TCP 127.0.0.1:9229 (LISTEN)`, bind.TCP, "127.0.0.1", 9229, false, false, "Code H", 4321, ""},
}

func TestListeners(t *testing.T) {
	for _, tt := range listenerSamples {
		m := paste.ParseMachine(tt.header + "\n" + tt.line + "\n")
		if len(m.Listeners) != 1 {
			t.Errorf("ParseMachine(%q) has %d listeners; want 1 (skipped %d)", tt.line, len(m.Listeners), m.Skipped)
			continue
		}
		l := m.Listeners[0]
		want := netip.MustParseAddr(tt.addr)
		if l.Proto != tt.proto || l.Addr != want || l.Port != tt.port || l.DualStack != tt.dual || l.V6Only != tt.v6only ||
			l.Process != tt.process || l.PID != tt.pid || l.Device != tt.device {
			t.Errorf("ParseMachine(%q) = %+v; want %v %v:%d dual=%v v6only=%v %q pid %d dev %q", tt.line, l, tt.proto, want, tt.port, tt.dual, tt.v6only, tt.process, tt.pid, tt.device)
		}
		if l.String() == "" {
			t.Errorf("(%+v).String() is empty", l)
		}
	}
}

func TestListenerStatesSkipped(t *testing.T) {
	for _, tt := range []struct{ header, line string }{
		{ssHeader, "tcp   ESTAB  0      0      192.168.1.23:52344   140.82.112.4:443   users:((\"firefox\",pid=3333,fd=120))"},
		{ssHeader, "tcp   TIME-WAIT 0   0      127.0.0.1:5432      127.0.0.1:40002"},
		{macHeader, "tcp4       0      0  192.168.1.20.52345     140.82.112.4.443       ESTABLISHED"},
		{winHeader, "  TCP    192.168.1.42:50123     20.190.160.1:443       ESTABLISHED     5120"},
		{lsofHeader, "firefox  3333 alice  120u  IPv4 0x1234      0t0  TCP 192.168.1.20:52345->140.82.112.4:443 (ESTABLISHED)"},
	} {
		m := paste.ParseMachine(tt.header + "\n" + tt.line)
		if len(m.Listeners) != 0 || m.Skipped != 0 {
			t.Errorf("ParseMachine(%q) = %d listeners, %d skipped; want a connection read and left out", tt.line, len(m.Listeners), m.Skipped)
		}
	}
}

func TestWindowsNetstatProcess(t *testing.T) {
	m := paste.ParseMachine(winHeader + "\n  TCP    0.0.0.0:5432           0.0.0.0:0              LISTENING       4780\n [postgres.exe]\n  TCP    0.0.0.0:135            0.0.0.0:0              LISTENING       1044\n  RpcSs\n [svchost.exe]\n")
	if len(m.Listeners) != 2 || m.Listeners[0].Process != "postgres" || m.Listeners[1].Process != "svchost" || m.OS != bind.Windows {
		t.Fatalf("netstat -anob = %+v (OS %v); want postgres and svchost on Windows", m.Listeners, m.OS)
	}
}
