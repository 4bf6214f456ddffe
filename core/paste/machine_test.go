package paste_test

import (
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/netground/netground/core/bind"
	"github.com/netground/netground/core/paste"
	"github.com/netground/netground/core/scenario"
)

const dockerHeader = "CONTAINER ID   IMAGE                  COMMAND                  CREATED        STATUS                  PORTS                                       NAMES"

var dockerSamples = []struct {
	line      string
	name      string
	published []string // proto host->port
	exposed   []string
}{
	{`3f2a1b4c5d6e   postgres:16            "docker-entrypoint.s…"   2 hours ago    Up 2 hours              0.0.0.0:5432->5432/tcp, :::5432->5432/tcp   db`,
		"db", []string{"tcp 0.0.0.0:5432->5432", "tcp [::]:5432->5432"}, nil},
	{`a1b2c3d4e5f6   redis:7-alpine         "docker-entrypoint.s…"   3 days ago     Up 3 days (healthy)     127.0.0.1:6379->6379/tcp                    cache`,
		"cache", []string{"tcp 127.0.0.1:6379->6379"}, nil},
	{`0123456789ab   nginx:1.27             "/docker-entrypoint.…"   5 minutes ago  Up 5 minutes            0.0.0.0:8080->80/tcp, [::]:8080->80/tcp     web`,
		"web", []string{"tcp 0.0.0.0:8080->80", "tcp [::]:8080->80"}, nil},
	{`fedcba987654   my/app:latest          "./server"               10 seconds ago Up 9 seconds            0.0.0.0:8000-8002->8000-8002/tcp           app`,
		"app", []string{"tcp 0.0.0.0:8000->8000", "tcp 0.0.0.0:8001->8001", "tcp 0.0.0.0:8002->8002"}, nil},
	{`9a8b7c6d5e4f   mongo:7                "docker-entrypoint.s…"   2 weeks ago    Up 2 weeks              27017/tcp                                   mongo`,
		"mongo", nil, []string{"tcp 27017"}},
	{`4d5e6f7a8b9c   coredns/coredns        "/coredns"               1 hour ago     Up 1 hour               0.0.0.0:53->53/udp, 0.0.0.0:53->53/tcp      dns`,
		"dns", []string{"udp 0.0.0.0:53->53", "tcp 0.0.0.0:53->53"}, nil},
	{`1c2d3e4f5a6b   busybox                "sh"                     1 hour ago     Up 1 hour                                                           idle,web/alias`,
		"idle", nil, nil},
	{"b0b1b2b3b4b5\tgrafana/grafana\t\"/run.sh\"\t4 hours ago\tUp 4 hours\t0.0.0.0:3000->3000/tcp\tgrafana\r",
		"grafana", []string{"tcp 0.0.0.0:3000->3000"}, nil},
}

func TestDockerPS(t *testing.T) {
	for _, tt := range dockerSamples {
		m := paste.ParseMachine(dockerHeader + "\n" + tt.line)
		if len(m.Containers) != 1 {
			t.Errorf("ParseMachine(%q) has %d containers; want 1", tt.line, len(m.Containers))
			continue
		}
		c := m.Containers[0]
		var pub, exp []string
		for _, p := range c.Published {
			pub = append(pub, p.Proto.String()+" "+netip.AddrPortFrom(p.HostAddr, p.HostPort).String()+"->"+itoa(int(p.Port)))
		}
		for _, e := range c.Exposed {
			exp = append(exp, e.Proto.String()+" "+itoa(int(e.Port)))
		}
		if c.Name != tt.name || !slices.Equal(pub, tt.published) || !slices.Equal(exp, tt.exposed) {
			t.Errorf("ParseMachine(%q) = %q %v %v; want %q %v %v", tt.line, c.Name, pub, exp, tt.name, tt.published, tt.exposed)
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

var interfaceSamples = []struct {
	name, text string
	want       map[string][]string // interface → prefixes
	os         bind.OS
}{
	{"ip -br addr", "lo               UNKNOWN        127.0.0.1/8 ::1/128 \n" +
		"enp3s0           UP             192.168.1.23/24 2001:db8:1::23/64 fe80::a00:27ff:fe4e:66a1/64 \n" +
		"docker0          DOWN           172.17.0.1/16 \n" +
		"br-3f2a1b4c5d6e  UP             172.18.0.1/16 fe80::42:acff:fe12:1/64 \n" +
		"veth1a2b3c4@if7  UP             fe80::b0c1:d2ff:fee3:f405/64 \n",
		map[string][]string{"lo": {"127.0.0.1/8", "::1/128"}, "enp3s0": {"192.168.1.23/24", "2001:db8:1::23/64", "fe80::a00:27ff:fe4e:66a1/64"},
			"docker0": {"172.17.0.1/16"}, "br-3f2a1b4c5d6e": {"172.18.0.1/16", "fe80::42:acff:fe12:1/64"}, "veth1a2b3c4": {"fe80::b0c1:d2ff:fee3:f405/64"}}, bind.Linux},
	{"ip addr", "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000\n" +
		"    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n" +
		"    inet 127.0.0.1/8 scope host lo\n" +
		"       valid_lft forever preferred_lft forever\n" +
		"    inet6 ::1/128 scope host noprefixroute \n" +
		"       valid_lft forever preferred_lft forever\n" +
		"2: wlp2s0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000\n" +
		"    link/ether 3c:22:fb:00:00:01 brd ff:ff:ff:ff:ff:ff\n" +
		"    inet 10.0.0.42/24 brd 10.0.0.255 scope global dynamic noprefixroute wlp2s0\n" +
		"       valid_lft 86000sec preferred_lft 86000sec\n" +
		"    inet6 fe80::3e22:fbff:fe00:1/64 scope link noprefixroute \n" +
		"3: docker0: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state DOWN group default \n" +
		"    link/ether 02:42:ac:11:00:01 brd ff:ff:ff:ff:ff:ff\n" +
		"    inet 172.17.0.1/16 brd 172.17.255.255 scope global docker0\n" +
		"5: veth9f8e7d6@if4: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue master docker0 state UP group default \n" +
		"    inet6 fe80::8c3d:4eff:fe5f:6071/64 scope link \n",
		map[string][]string{"lo": {"127.0.0.1/8", "::1/128"}, "wlp2s0": {"10.0.0.42/24", "fe80::3e22:fbff:fe00:1/64"},
			"docker0": {"172.17.0.1/16"}, "veth9f8e7d6": {"fe80::8c3d:4eff:fe5f:6071/64"}}, bind.Linux},
	{"ifconfig (Linux)", "eth0: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1500\n" +
		"        inet 192.168.1.23  netmask 255.255.255.0  broadcast 192.168.1.255\n" +
		"        inet6 fe80::a00:27ff:fe4e:66a1  prefixlen 64  scopeid 0x20<link>\n" +
		"        ether 08:00:27:4e:66:a1  txqueuelen 1000  (Ethernet)\n\n" +
		"lo: flags=73<UP,LOOPBACK,RUNNING>  mtu 65536\n" +
		"        inet 127.0.0.1  netmask 255.0.0.0\n" +
		"        inet6 ::1  prefixlen 128  scopeid 0x10<host>\n",
		map[string][]string{"eth0": {"192.168.1.23/24", "fe80::a00:27ff:fe4e:66a1/64"}, "lo": {"127.0.0.1/8", "::1/128"}}, bind.Linux},
	{"ifconfig (old net-tools)", "eth0      Link encap:Ethernet  HWaddr 08:00:27:4e:66:a1  \n" +
		"          inet addr:192.168.56.101  Bcast:192.168.56.255  Mask:255.255.255.0\n" +
		"          inet6 addr: fe80::a00:27ff:fe4e:66a1/64 Scope:Link\n",
		map[string][]string{"eth0": {"192.168.56.101/24", "fe80::a00:27ff:fe4e:66a1/64"}}, bind.Linux},
	{"ifconfig (macOS)", "lo0: flags=8049<UP,LOOPBACK,RUNNING,MULTICAST> mtu 16384\n" +
		"\toptions=1203<RXCSUM,TXCSUM,TXSTATUS,SW_TIMESTAMP>\n" +
		"\tinet 127.0.0.1 netmask 0xff000000\n" +
		"\tinet6 ::1 prefixlen 128 \n" +
		"\tinet6 fe80::1%lo0 prefixlen 64 scopeid 0x1 \n" +
		"en0: flags=8863<UP,BROADCAST,SMART,RUNNING,SIMPLEX,MULTICAST> mtu 1500\n" +
		"\tether a4:83:e7:00:00:01\n" +
		"\tinet6 fe80::1c2b:3d4e:5f60:7182%en0 prefixlen 64 secured scopeid 0x6 \n" +
		"\tinet 192.168.1.20 netmask 0xffffff00 broadcast 192.168.1.255\n" +
		"\tinet6 2001:db8::1234 prefixlen 64 autoconf secured \n" +
		"utun3: flags=8051<UP,POINTOPOINT,RUNNING,MULTICAST> mtu 1380\n" +
		"\tinet 100.64.0.7 --> 100.64.0.7 netmask 0xffffffff\n",
		map[string][]string{"lo0": {"127.0.0.1/8", "::1/128", "fe80::1/64"}, "en0": {"fe80::1c2b:3d4e:5f60:7182/64", "192.168.1.20/24", "2001:db8::1234/64"},
			"utun3": {"100.64.0.7/32"}}, bind.MacOS},
	{"ipconfig", "\r\nWindows IP Configuration\r\n\r\n\r\nEthernet adapter Ethernet:\r\n\r\n" +
		"   Connection-specific DNS Suffix  . : home\r\n" +
		"   IPv6 Address. . . . . . . . . . . : 2001:db8::42\r\n" +
		"   Link-local IPv6 Address . . . . . : fe80::1c2b:3d4e:5f60:7182%12\r\n" +
		"   IPv4 Address. . . . . . . . . . . : 192.168.1.42\r\n" +
		"   Subnet Mask . . . . . . . . . . . : 255.255.255.0\r\n" +
		"   Default Gateway . . . . . . . . . : fe80::1%12\r\n" +
		"                                       192.168.1.1\r\n\r\n" +
		"Wireless LAN adapter Wi-Fi:\r\n\r\n" +
		"   Media State . . . . . . . . . . . : Media disconnected\r\n\r\n" +
		"Ethernet adapter vEthernet (WSL (Hyper-V firewall)):\r\n\r\n" +
		"   IPv4 Address. . . . . . . . . . . : 172.29.160.1\r\n" +
		"   Subnet Mask . . . . . . . . . . . : 255.255.240.0\r\n",
		map[string][]string{"Ethernet": {"2001:db8::42/64", "fe80::1c2b:3d4e:5f60:7182/64", "192.168.1.42/24"}, "Wi-Fi": nil,
			"vEthernet (WSL (Hyper-V firewall))": {"172.29.160.1/20"}}, bind.Windows},
	{"ipconfig /all", "Ethernet adapter Ethernet 2:\n\n" +
		"   Description . . . . . . . . . . . : Intel(R) Ethernet Connection\n" +
		"   IPv4 Address. . . . . . . . . . . : 10.20.30.40(Preferred) \n" +
		"   Subnet Mask . . . . . . . . . . . : 255.255.0.0\n" +
		"   Default Gateway . . . . . . . . . : 10.20.0.1\n",
		map[string][]string{"Ethernet 2": {"10.20.30.40/16"}}, bind.Windows},
}

func TestInterfaces(t *testing.T) {
	for _, tt := range interfaceSamples {
		m := paste.ParseMachine(tt.text)
		got := map[string][]string{}
		for _, it := range m.Interfaces {
			var ps []string
			for _, p := range it.Addrs {
				ps = append(ps, p.String())
			}
			got[it.Name] = ps
		}
		if len(got) != len(tt.want) {
			t.Errorf("%s: interfaces %v; want %v", tt.name, got, tt.want)
		}
		for name, want := range tt.want {
			if !slices.Equal(got[name], want) {
				t.Errorf("%s: %s has %v; want %v", tt.name, name, got[name], want)
			}
		}
		if m.OS != tt.os {
			t.Errorf("%s: OS %v; want %v", tt.name, m.OS, tt.os)
		}
		s, _ := m.Scenario()
		if err := s.Validate(); err != nil {
			t.Errorf("%s: scenario: %v", tt.name, err)
		}
	}
}

// devMachine is a typical Linux developer machine: ss, docker ps and ip
// addr pasted one after the other, prompts included.
const devMachine = `alice@laptop:~$ sudo ss -ltnup
Netid State  Recv-Q Send-Q Local Address:Port  Peer Address:PortProcess
udp   UNCONN 0      0      127.0.0.53%lo:53         0.0.0.0:*    users:(("systemd-resolve",pid=612,fd=13))
tcp   LISTEN 0      4096   127.0.0.53%lo:53         0.0.0.0:*    users:(("systemd-resolve",pid=612,fd=14))
tcp   LISTEN 0      244          0.0.0.0:5432       0.0.0.0:*    users:(("postgres",pid=812,fd=6))
tcp   LISTEN 0      511        127.0.0.1:5173       0.0.0.0:*    users:(("node",pid=4321,fd=24))
tcp   LISTEN 0      511            [::1]:3000          [::]:*    users:(("node",pid=4400,fd=22))
tcp   LISTEN 0      4096         0.0.0.0:8080       0.0.0.0:*    users:(("docker-proxy",pid=2201,fd=4))
tcp   LISTEN 0      4096            [::]:8080          [::]:*    users:(("docker-proxy",pid=2208,fd=4))
tcp   LISTEN 0      4096       127.0.0.1:6379       0.0.0.0:*    users:(("docker-proxy",pid=2301,fd=4))
tcp   LISTEN 0      128             [::]:22            [::]:*    users:(("sshd",pid=700,fd=4))
tcp   LISTEN 0      128          0.0.0.0:22         0.0.0.0:*    users:(("sshd",pid=700,fd=3))
alice@laptop:~$ docker ps
CONTAINER ID   IMAGE            COMMAND                  CREATED       STATUS       PORTS                                       NAMES
0123456789ab   nginx:1.27       "/docker-entrypoint.…"   2 hours ago   Up 2 hours   0.0.0.0:8080->80/tcp, [::]:8080->80/tcp     web
a1b2c3d4e5f6   redis:7          "docker-entrypoint.s…"   2 hours ago   Up 2 hours   127.0.0.1:6379->6379/tcp                    cache
alice@laptop:~$ ip -br addr
lo               UNKNOWN        127.0.0.1/8 ::1/128
wlp2s0           UP             192.168.1.23/24 fe80::3e22:fbff:fe00:1/64
docker0          UP             172.17.0.1/16 fe80::42:acff:fe11:1/64
veth1a2b3c4@if7  UP             fe80::b0c1:d2ff:fee3:f405/64
`

func TestDevMachine(t *testing.T) {
	r := paste.Classify(devMachine)
	if r.Kind != paste.KindSockets || r.Page != scenario.WidgetBind {
		t.Fatalf("Classify(dev machine) = %v %v; want sockets on bind (%s)", r.Kind, r.Page, r.Summary)
	}
	m := r.Machine
	if len(m.Listeners) != 10 || len(m.Containers) != 2 || len(m.Interfaces) != 4 || m.OS != bind.Linux || m.Skipped != 0 {
		t.Fatalf("machine: %d listeners, %d containers, %d interfaces, OS %v, skipped %d", len(m.Listeners), len(m.Containers), len(m.Interfaces), m.OS, m.Skipped)
	}
	s := openBindLink(t, r.Link)
	if s.Host.LAN != netip.MustParsePrefix("192.168.1.23/24") || s.Host.Bridge.IsValid() && s.Host.Bridge != netip.MustParsePrefix("172.17.0.1/16") {
		t.Errorf("host: LAN %v, bridge %v; want 192.168.1.23/24 and docker0's 172.17.0.1/16", s.Host.LAN, s.Host.Bridge)
	}
	tr, err := bind.Run(s)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range tr.Setup {
		if r.Verdict.Failed() {
			t.Errorf("setup %d: %v %v", i, r.Verdict, r.Reasons)
		}
	}
	mx := tr.Initial.Matrix()
	cell := func(v bind.Vantage, dial string) bind.Verdict {
		t.Helper()
		d := netip.MustParseAddrPort(dial)
		for j, x := range mx.Targets {
			if x.Dial == d && x.Proto == bind.TCP {
				for i, w := range mx.Vantages {
					if w == v {
						return mx.Cells[i][j].Verdict
					}
				}
			}
		}
		t.Fatalf("matrix has no cell %v → %s; targets %v", v, dial, mx.Targets)
		return 0
	}
	web := bind.FromContainer("web")
	// Expectations from Linux semantics, not from the simulator's output:
	for _, c := range []struct {
		from bind.Vantage
		dial string
		want bind.Verdict
		why  string
	}{
		{bind.FromLAN, "192.168.1.23:5432", bind.Connected, "postgres on 0.0.0.0 takes the LAN address"},
		{bind.FromHost, "127.0.0.1:5432", bind.Connected, "0.0.0.0 covers loopback"},
		{web, "172.17.0.1:5432", bind.Connected, "a container reaches the host's 0.0.0.0 socket through docker0"},
		{bind.FromInternet, "192.168.1.23:5432", bind.NoRoute, "a private address is not routed on the internet"},
		{bind.FromHost, "127.0.0.1:5173", bind.Connected, "the dev server takes the host's own loopback"},
		{web, "127.0.0.1:5173", bind.Refused, "127.0.0.1 in a container is the container itself"},
		{bind.FromLAN, "192.168.1.23:8080", bind.Connected, "a port published on every address is open to the LAN"},
		{bind.FromHost, "127.0.0.1:8080", bind.Connected, "docker-proxy takes loopback connections to published ports"},
		{bind.FromHost, "[::1]:3000", bind.Connected, "the ::1 listener takes ::1"},
		{bind.FromLAN, "192.168.1.23:22", bind.Connected, "sshd on 0.0.0.0"},
	} {
		if got := cell(c.from, c.dial); got != c.want {
			t.Errorf("matrix %v → %s = %v; want %v: %s", c.from, c.dial, got, c.want, c.why)
		}
	}
	// Connections that are not matrix cells.
	st := tr.Initial
	for _, c := range []struct {
		from bind.Vantage
		dial string
		want bind.Verdict
		why  string
	}{
		{web, "172.17.0.1:5173", bind.Refused, "the dev server on 127.0.0.1 does not take the bridge address"},
		{bind.FromLAN, "192.168.1.23:6379", bind.Refused, "redis is published on 127.0.0.1 only"},
		{bind.FromHost, "127.0.0.1:6379", bind.Connected, "redis is published on 127.0.0.1"},
		{bind.FromHost, "127.0.0.1:3000", bind.Refused, "the node server listens on ::1 only"},
		{bind.FromLAN, "192.168.1.23:5173", bind.Refused, "the dev server listens on loopback only"},
	} {
		if got := st.Connect(c.from, netip.MustParseAddrPort(c.dial), bind.TCP).Verdict; got != c.want {
			t.Errorf("%v → %s = %v; want %v: %s", c.from, c.dial, got, c.want, c.why)
		}
	}
	kinds := map[paste.FindingKind]bool{}
	for _, f := range m.Findings() {
		kinds[f.Kind] = true
		if f.Message == "" {
			t.Errorf("finding %v has no message", f.Kind)
		}
	}
	for _, k := range []paste.FindingKind{paste.DatabaseExposed, paste.LoopbackFromContainer, paste.FirewallBypass, paste.IPv6LoopbackOnly} {
		if !kinds[k] {
			t.Errorf("findings lack %v: %v", k, kinds)
		}
	}
	if strings.Contains(r.Link, "alice") || strings.Contains(r.Link, "ss%20") {
		t.Errorf("the link carries the raw paste: %s", r.Link)
	}
}

func TestPublishedEverywhere(t *testing.T) {
	m := paste.ParseMachine(dockerHeader + "\n" + dockerSamples[0].line)
	var found bool
	for _, f := range m.Findings() {
		found = found || f.Kind == paste.PublishedEverywhere && f.Container == "db"
	}
	if !found {
		t.Errorf("db published on 0.0.0.0:5432 gives no published-everywhere finding: %+v", m.Findings())
	}
}

func openBindLink(t *testing.T, link string) bind.Scenario {
	t.Helper()
	rest, ok := strings.CutPrefix(link, "/bind")
	query, frag, hasFrag := strings.Cut(rest, "#")
	if !ok || !hasFrag || query != "" && !strings.HasPrefix(query, "?step=") {
		t.Fatalf("link %q: want /bind#s=… or /bind?step=N#s=…", link)
	}
	doc, err := scenario.DecodeFragment(frag)
	if err != nil {
		t.Fatalf("link %q: %v", link, err)
	}
	s, err := bind.DecodeScenario(doc.State)
	if err != nil {
		t.Fatalf("scenario: %v", err)
	}
	return s
}
