package paste

import (
	"fmt"
	"net/netip"
	"slices"
	"strconv"
)

// hostText returns the address or host and port the diagnosis names, for
// sentences: "127.0.0.1:5432", "localhost port 8080", "port 8080", "".
func (d Diagnosis) target() string {
	switch {
	case d.Addr.IsValid() && d.Port != 0:
		return netip.AddrPortFrom(d.Addr, d.Port).String()
	case d.Host != "" && d.Port != 0:
		return d.Host + " port " + strconv.Itoa(int(d.Port))
	case d.Addr.IsValid():
		return d.Addr.String()
	case d.Host != "":
		return d.Host
	case d.Port != 0:
		return "port " + strconv.Itoa(int(d.Port))
	}
	return ""
}

// errorText is what explain says of an error: its title, its explanation
// (a format whose %s is where the error is, as where writes it), the usual
// causes, the likeliest first, the usual fix, the documents they rest on,
// and the error's Windows Sockets name, if it has one.
type errorText struct {
	title   string
	explain string
	where   targetPhrase
	causes  []string
	fix     string
	refs    []string
	wsa     string
}

// targetPhrase writes the address or host and port an error names into a
// sentence: before and after it, or none when it names none.
type targetPhrase struct{ before, after, none string }

func (p targetPhrase) of(t string) string {
	if t == "" {
		return p.none
	}
	return p.before + t + p.after
}

var (
	atTarget  = targetPhrase{" ", "", " the address and port"}
	inParens  = targetPhrase{" (", ")", ""}
	toTarget  = targetPhrase{" to ", "", ""}
	forTarget = targetPhrase{" for ", "", ""}
	onTarget  = targetPhrase{" on ", "", ""}
)

// inTarget returns " (127.0.0.1:5432)" for a target, "" for none.
func inTarget(t string) string { return inParens.of(t) }

// errorTexts are the errors' texts; connectTexts those of errors whose
// meaning differs when connect() returns them rather than bind().
var errorTexts = map[Errno]errorText{
	AddrInUse: {
		title:   "Address already in use",
		explain: "bind() failed: another socket already holds%s. A port takes one listening socket per address unless every socket on it set SO_REUSEPORT; 0.0.0.0 (or [::] in dual-stack mode) covers every address of the machine, so it clashes with any specific address on the same port.",
		where:   atTarget,
		causes: []string{
			"another copy of the same program (or an old one that did not exit) is still running on that port",
			"another program uses the port: find it with ss -ltnp 'sport = :PORT' on Linux, lsof -iTCP:PORT -sTCP:LISTEN on macOS, netstat -ano | findstr :PORT on Windows",
			"a Docker container publishes the port (docker ps shows it in PORTS)",
			"a server restarted while its old connections are in TIME_WAIT and it does not set SO_REUSEADDR",
			"one socket listens on [::] in dual-stack mode and another on 0.0.0.0 of the same port",
		},
		fix:  "find the program that holds the port (ss -ltnp, lsof -i, netstat -ano) and stop it, or give this one another port",
		refs: []string{"bind(2): EADDRINUSE", "socket(7): SO_REUSEADDR, SO_REUSEPORT", "ipv6(7): IPV6_V6ONLY"},
		wsa:  "WSAEADDRINUSE",
	},
	ConnRefused: {
		title:   "Connection refused",
		explain: "connect() reached the machine%s, but no socket listens on that address and port, so its kernel answered the SYN with a RST (for UDP, an ICMP port unreachable). Something answered: the network path works, the server is not there.",
		where:   inParens,
		causes: []string{
			"the server is not running, or has not finished starting",
			"the server listens on another port than the one dialled",
			"the server listens on 127.0.0.1 only while the client dials ::1 (localhost resolves to ::1 first), or the other way round",
			"the server runs in a container and listens on 127.0.0.1 inside it, or the port is not published (docker run -p)",
			"the client runs in a container and dials 127.0.0.1, which is the container's own loopback, not the host's",
		},
		fix:  "start the server, or dial the address and port it really listens on (ss -ltn shows them); from a container, dial the host's address, not 127.0.0.1",
		refs: []string{"connect(2): ECONNREFUSED", "tcp(7)", "RFC 9293 §3.10.7.1 (a SYN to a closed port gets a RST)"},
		wsa:  "WSAECONNREFUSED",
	},
	TimedOut: {
		title:   "Connection timed out",
		explain: "connect() sent SYNs%s and no answer came back at all, neither SYN-ACK nor RST, until the kernel gave up (about two minutes on Linux after tcp_syn_retries, 21 s on Windows). Something on the way drops the packets silently.",
		where:   toTarget,
		causes: []string{
			"a firewall drops the packets: the server's host firewall, a cloud security group, a corporate firewall",
			"the address is behind NAT (a home router) with no port forward, so unsolicited connections are dropped",
			"the machine at that address is down or the address is wrong, and a router drops the packets",
			"the server is overloaded and its listen backlog is full (rarer: SYNs are dropped)",
		},
		fix:  "find what drops the packets: open the port in the firewall or security group, add the port forward, or correct the address",
		refs: []string{"connect(2): ETIMEDOUT", "tcp(7): tcp_syn_retries"},
		wsa:  "WSAETIMEDOUT",
	},
	HostUnreach: {
		title:   "No route to host",
		explain: "connect() could not deliver the packets%s: on the local network no machine answered ARP (or neighbour discovery) for the address, or a router or firewall sent back ICMP host unreachable.",
		where:   toTarget,
		causes: []string{
			"the machine is down, or not on this network, or its address changed (DHCP)",
			"a firewall rejects the packets with ICMP host-prohibited (firewalld's default REJECT)",
			"the address belongs to a container that is not running, or to another Docker network",
			"a VPN or a Docker network overlaps the destination's subnet and captures its route",
		},
		fix:  "check that the machine is up and on that network (ping it, ip neigh), and that no firewall rejects the packets",
		refs: []string{"connect(2): EHOSTUNREACH", "ip(7)", "arp(7)", "icmp(7)"},
		wsa:  "WSAEHOSTUNREACH",
	},
	NetUnreach: {
		title:   "Network is unreachable",
		explain: "connect() failed at once%s: the routing table has no route to the destination's network, not even a default route, so the packet never leaves the machine.",
		where:   forTarget,
		causes: []string{
			"an IPv6 destination on a machine without IPv6 connectivity (no IPv6 default route); the client should fall back to IPv4",
			"no default route: the network is down, Wi-Fi disconnected, or DHCP did not finish",
			"a private address the network does not route (10.x, 172.16–31.x, 192.168.x from elsewhere) or a VPN that is down",
			"inside a container with network none or a broken network",
		},
		fix:  "add a route to that network or a default route (reconnect the network or the VPN), or dial its IPv4 address",
		refs: []string{"connect(2): ENETUNREACH", "ip(7)", "ip-route(8)"},
		wsa:  "WSAENETUNREACH",
	},
	AddrNotAvail: {
		title:   "Cannot assign requested address",
		explain: "bind() asked for an address that is not one of this machine's%s: a socket can bind only an address of an interface of its own network namespace, or the wildcard 0.0.0.0 / ::.",
		where:   inParens,
		causes: []string{
			"the configured address belongs to another machine, or the interface has a new address (DHCP)",
			"inside a container the host's addresses do not exist: bind 0.0.0.0 in the container and publish the port",
			"binding an IPv6 address while IPv6 is disabled, or a link-local address without its zone",
			"on macOS only 127.0.0.1 is on lo0; other 127.x addresses need ifconfig lo0 alias",
		},
		fix:  "bind 0.0.0.0 (or ::), or an address the machine has (ip addr shows them)",
		refs: []string{"bind(2): EADDRNOTAVAIL", "ip(7)"},
		wsa:  "WSAEADDRNOTAVAIL",
	},
	Access: {
		title:   "Permission denied",
		explain: "bind()%s was refused: on Linux ports below 1024 are privileged and need root or CAP_NET_BIND_SERVICE; on macOS only a specific address below 1024 needs root; Windows refuses ports reserved by the system (Hyper-V excluded port ranges) or held with SO_EXCLUSIVEADDRUSE.",
		where:   onTarget,
		causes: []string{
			"a port below 1024 bound by an ordinary user: use a port from 1024 up behind a reverse proxy, or setcap cap_net_bind_service=+ep on the program",
			"on Windows the port lies in an excluded range: netsh interface ipv4 show excludedportrange protocol=tcp",
			"another program holds the port with SO_EXCLUSIVEADDRUSE (Windows)",
			"a security module (SELinux: semanage port) forbids the program that port",
		},
		fix:  "listen on a port from 1024 up (publish 80 to it, or put a reverse proxy in front), or grant the program CAP_NET_BIND_SERVICE",
		refs: []string{"bind(2): EACCES", "ip(7): ip_unprivileged_port_start", "capabilities(7): CAP_NET_BIND_SERVICE"},
		wsa:  "WSAEACCES",
	},
	EmptyReply: {
		title:   "Empty reply from server",
		explain: "The connection%s was accepted, then closed by the other side before it sent a single byte: curl's read returned end of file. Something listens on the port, but it is not the server that should answer.",
		where:   toTarget,
		causes: []string{
			"a published Docker port whose process in the container listens on 127.0.0.1: docker-proxy accepts, cannot reach the process, and closes",
			"the server crashed or closed the connection while handling the request",
			"a plain HTTP request to a TLS port, or the other way round",
			"a proxy or load balancer with no healthy backend",
		},
		fix:  "make the server in the container listen on 0.0.0.0, not 127.0.0.1, and check the server's log for a crash",
		refs: []string{"curl: libcurl error codes, CURLE_GOT_NOTHING (52)", "recv(2): a return value of 0 means the peer closed"},
	},
	ConnReset: {
		title:   "Connection reset by peer",
		explain: "The other side%s sent a RST on an established connection: it aborted instead of closing in order, and data in flight is lost.",
		where:   inParens,
		causes: []string{
			"a published Docker port whose process in the container listens on 127.0.0.1: docker-proxy accepts, then cannot connect on and resets",
			"the server process crashed or was restarted while the connection was open",
			"an idle connection was dropped by a NAT or load balancer and the next packet got a RST",
			"a protocol mismatch (TLS to a plain port) made the server abort",
		},
		fix:  "make the server in the container listen on 0.0.0.0, check the server's log for a crash, and retry idle connections",
		refs: []string{"tcp(7)", "recv(2): ECONNRESET", "RFC 9293 §3.10.7 (reset processing)"},
		wsa:  "WSAECONNRESET",
	},
}

var connectTexts = map[Errno]errorText{
	AddrNotAvail: {
		title:   "Cannot assign requested address",
		explain: "connect() could not pick a local address and port%s: no free ephemeral port is left for this destination, or the source address is not configured.",
		where:   forTarget,
		causes: []string{
			"the ephemeral ports are exhausted by many short connections in TIME_WAIT to the same destination: reuse connections (keep-alive, a pool)",
			"the program binds a source address before connecting that is not on this machine",
			"connecting to ::1 in a container or on a host where IPv6 is disabled",
		},
		fix:  "reuse connections (keep-alive, a pool) instead of opening one per request, or widen ip_local_port_range",
		refs: []string{"connect(2): EADDRNOTAVAIL", "ip(7): ip_local_port_range", "tcp(7): tcp_tw_reuse"},
		wsa:  "WSAEADDRNOTAVAIL",
	},
	Access: {
		title:   "Permission denied",
		explain: "connect()%s was refused by a local security policy before any packet left: a firewall rule (an iptables REJECT with EACCES, an application firewall) or a security module forbids it.",
		where:   toTarget,
		causes: []string{
			"a local firewall or security module (SELinux, AppArmor) forbids the connection",
			"a browser blocks the port as unsafe, or a network policy blocks the site",
		},
		fix:  "find the rule that forbids the connection (the firewall, SELinux or AppArmor) and allow it",
		refs: []string{"connect(2): EACCES", "iptables-extensions(8): REJECT"},
		wsa:  "WSAEACCES",
	},
}

// explain writes the title, explanation, causes and references.
func explain(d *Diagnosis) {
	x, ok := connectTexts[d.Errno]
	if !ok || d.Op != "connect" {
		x, ok = errorTexts[d.Errno]
	}
	if ok {
		d.Title = x.title
		d.Explanation = fmt.Sprintf(x.explain, x.where.of(d.target()))
		d.Causes = slices.Clone(x.causes)
		d.Fix = x.fix
		d.Refs = slices.Clone(x.refs)
		if x.wsa != "" && d.OS.String() == "windows" {
			d.Refs = append(d.Refs, fmt.Sprintf("Windows Sockets error codes: %s (%d), learn.microsoft.com/windows/win32/winsock/windows-sockets-error-codes-2", x.wsa, d.Errno.WSACode()))
		}
	}
	d.Verdict = d.Errno.Verdict()
	if d.Host == "localhost" {
		d.Notes = append(d.Notes, "localhost resolves to 127.0.0.1 and ::1; most resolvers return ::1 first (RFC 6724), so a server on one of them only refuses clients that try the other")
	}
	if d.Addr.Is4In6() {
		d.Notes = append(d.Notes, fmt.Sprintf("%v is the IPv4 address %v seen by a dual-stack IPv6 socket", d.Addr, d.Addr.Unmap()))
	}
	if d.Addr.Zone() != "" {
		d.Notes = append(d.Notes, fmt.Sprintf("%%%s is the zone: which interface the link-local address %v is on", d.Addr.Zone(), d.Addr.WithZone("")))
	}
}
