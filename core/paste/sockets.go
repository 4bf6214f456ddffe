package paste

import (
	"net/netip"
	"strconv"
	"strings"

	"github.com/netground/netground/core/bind"
)

// Listener is a listening socket read from ss, netstat or lsof: a TCP
// socket in LISTEN, or a bound UDP socket. The zero Listener is not valid.
type Listener struct {
	Proto bind.Proto `json:"proto"`
	// Addr is the local address, with its zone for an IPv6 link-local
	// one; 0.0.0.0 or :: for a wildcard.
	Addr netip.Addr `json:"addr"`
	Port uint16     `json:"port"`
	// DualStack reports an IPv6 wildcard that takes IPv4 too: ss's "*",
	// macOS's tcp46, lsof's IPv6 "*". V6Only reports one that does not:
	// ss's "[::]", macOS's tcp6 "*".
	DualStack bool `json:"dualStack,omitempty"`
	V6Only    bool `json:"v6only,omitempty"`
	// Device is the interface the socket is bound to (SO_BINDTODEVICE),
	// as ss writes it after %: "lo" in 127.0.0.53%lo:53.
	Device  string `json:"device,omitempty"`
	Process string `json:"process,omitempty"`
	PID     int    `json:"pid,omitempty"`
	Tool    string `json:"tool"` // "ss", "netstat", "lsof"
}

// IsValid reports whether l holds a socket.
func (l Listener) IsValid() bool { return l.Addr.IsValid() }

// IsWildcard reports whether l listens on every address of its family.
func (l Listener) IsWildcard() bool { return l.Addr.IsUnspecified() }

// String returns the socket as ss would print it, with the process.
func (l Listener) String() string {
	var s string
	switch {
	case l.DualStack:
		s = "*:" + strconv.Itoa(int(l.Port))
	default:
		s = netip.AddrPortFrom(l.Addr, l.Port).String()
	}
	s = l.Proto.String() + " " + s
	if l.Process != "" {
		s += " (" + l.Process + ")"
	}
	return s
}

// tcpStates are the socket states ss and netstat print.
var tcpStates = map[string]bool{"LISTEN": true, "UNCONN": true, "ESTAB": true, "ESTABLISHED": true, "TIME-WAIT": true,
	"TIME_WAIT": true, "CLOSE-WAIT": true, "CLOSE_WAIT": true, "SYN-SENT": true, "SYN_SENT": true, "SYN-RECV": true,
	"SYN_RECV": true, "FIN-WAIT-1": true, "FIN-WAIT-2": true, "FIN_WAIT_1": true, "FIN_WAIT_2": true, "LAST-ACK": true,
	"LAST_ACK": true, "CLOSING": true, "CLOSED": true, "LISTENING": true, "UNKNOWN": true}

// parseSSLine reads a line of ss -ltnup, ss -ltn or ss -tuna, split into
// its fields f. It reports whether the line is an ss row; l is valid only
// for a listening socket.
func parseSSLine(f []string) (Listener, bool) {
	i := 0
	proto := bind.Proto(0)
	known := true
	if len(f) > 0 {
		switch f[0] {
		case "tcp":
			i = 1
		case "udp":
			proto, i = bind.UDP, 1
		case "raw", "u_str", "u_dgr", "u_seq", "nl", "p_raw", "p_dgr", "mptcp", "sctp", "tipc", "xdp", "icmp6", "v_str", "v_dgr":
			i, known = 1, false
		}
	}
	if len(f) < i+5 || !tcpStates[f[i]] || !isDigits(f[i+1]) || !isDigits(f[i+2]) {
		return Listener{}, false
	}
	state := f[i]
	if i == 0 && state == "UNCONN" {
		proto = bind.UDP
	}
	if !known || state != "LISTEN" && state != "UNCONN" {
		return Listener{}, true
	}
	l, ok := parseColonSocket(f[i+3])
	if !ok {
		return Listener{}, true
	}
	l.Proto, l.Tool = proto, "ss"
	switch {
	case len(f) == i+6:
		l.Process, l.PID = ssUsers(f[i+5])
	case len(f) > i+6:
		l.Process, l.PID = ssUsers(strings.Join(f[i+5:], " "))
	}
	return l, true
}

// parseColonSocket reads ss's and Windows netstat's local address:
// "0.0.0.0:5432", "*:80", "[::]:80", "127.0.0.53%lo:53",
// "[::ffff:127.0.0.1]:8080", "[fe80::1]%eth0:123", "[fe80::1%12]:139", and
// Linux netstat's ":::22" and "::1:631".
func parseColonSocket(s string) (Listener, bool) {
	j := strings.LastIndexByte(s, ':')
	if j < 0 {
		return Listener{}, false
	}
	host, portText := s[:j], s[j+1:]
	p, err := strconv.ParseUint(portText, 10, 16)
	if err != nil {
		return Listener{}, false
	}
	var l Listener
	l.Port = uint16(p)
	if k := strings.LastIndexByte(host, '%'); k >= 0 && (strings.HasSuffix(host[:k], "]") || !strings.HasPrefix(host, "[")) {
		l.Device = host[k+1:]
		host = host[:k]
	}
	bracketed := strings.HasPrefix(host, "[") && strings.HasSuffix(host, "]")
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	switch host {
	case "*":
		l.Addr, l.DualStack = any6, true
		return l, true
	case "", "::":
		l.Addr = any6
		l.V6Only = bracketed
		return l, true
	}
	a, err := netip.ParseAddr(host)
	if err != nil {
		return Listener{}, false
	}
	if l.Device != "" && a.Is6() && a.Zone() == "" && a.IsLinkLocalUnicast() {
		a = a.WithZone(l.Device)
	}
	l.Addr = a
	return l, true
}

// ssUsers reads users:(("node",pid=1234,fd=20),…) into the first
// process's name and pid.
func ssUsers(s string) (string, int) {
	i := strings.Index(s, `(("`)
	if i < 0 {
		return "", 0
	}
	rest := s[i+3:]
	end := strings.IndexByte(rest, '"')
	if end < 0 {
		return "", 0
	}
	name := rest[:end]
	pid := 0
	if k := strings.Index(rest, "pid="); k >= 0 {
		pid, _ = strconv.Atoi(digitsAt(rest[k+4:]))
	}
	return name, pid
}

// parseNetstatLine reads a row of netstat -an / -anv (macOS), netstat
// -tlnp (Linux). It reports whether the line is a netstat row, and macOS
// when its addresses are written the BSD way (127.0.0.1.5432, *.8080).
// pidCol is the pid's offset after the state column in -v output, or 0.
// f are the line's fields.
func parseNetstatLine(f []string, pidCol int) (l Listener, row, mac bool) {
	if len(f) < 5 || !isDigits(f[1]) || !isDigits(f[2]) {
		return Listener{}, false, false
	}
	proto := strings.ToLower(f[0])
	var family string
	switch {
	case strings.HasPrefix(proto, "tcp"):
		family = proto[3:]
		l.Proto = bind.TCP
	case strings.HasPrefix(proto, "udp"):
		family = proto[3:]
		l.Proto = bind.UDP
	default:
		return Listener{}, false, false
	}
	state := ""
	next := 5
	if len(f) > 5 && tcpStates[f[5]] {
		state, next = f[5], 6
	}
	if l.Proto == bind.TCP && state != "LISTEN" {
		return Listener{}, true, false
	}
	if l.Proto == bind.UDP && !strings.HasSuffix(f[4], "*") {
		return Listener{}, true, false
	}
	local := f[3]
	if host, p, ok := bsdSocket(local); ok {
		mac = true
		l.Port = p
		switch {
		case host == "*" && family == "4":
			l.Addr = any4
		case host == "*" && family == "6":
			l.Addr, l.V6Only = any6, true
		case host == "*" && family == "46":
			l.Addr, l.DualStack = any6, true
		case host == "*":
			l.Addr = any4
		default:
			a, err := netip.ParseAddr(host)
			if err != nil {
				return Listener{}, true, true
			}
			l.Addr = a
		}
	} else {
		c, ok := parseColonSocket(local)
		if !ok {
			return Listener{}, true, false
		}
		c.Proto = l.Proto
		l = c
		if l.Addr == any6 && !l.DualStack && family == "6" {
			// Linux netstat's ":::22" is an IPv6 socket; whether it takes
			// IPv4 depends on IPV6_V6ONLY, which netstat does not show.
			l.V6Only = false
		}
		if next < len(f) && strings.Contains(f[next], "/") {
			pid, name, _ := strings.Cut(f[next], "/")
			l.PID, _ = strconv.Atoi(pid)
			l.Process = strings.TrimSuffix(name, ":")
		}
	}
	l.Tool = "netstat"
	for _, t := range f[next:] {
		if name, pid, ok := strings.Cut(t, ":"); ok && name != "" && isDigits(pid) {
			l.Process = name
			l.PID, _ = strconv.Atoi(pid)
		}
	}
	if mac && pidCol > 0 && l.PID == 0 {
		k := 5 + pidCol
		if state == "" {
			k--
		}
		if k < len(f) && isDigits(f[k]) {
			l.PID, _ = strconv.Atoi(f[k])
		}
	}
	return l, true, mac
}

// bsdSocket splits BSD's host.port: "127.0.0.1.5432", "*.8080",
// "::1.5432", "fe80::1%lo0.5353".
func bsdSocket(s string) (string, uint16, bool) {
	j := strings.LastIndexByte(s, '.')
	if j < 0 || j < strings.LastIndexByte(s, ':') {
		return "", 0, false
	}
	host, portText := s[:j], s[j+1:]
	p, err := strconv.ParseUint(portText, 10, 16)
	if err != nil {
		return "", 0, false
	}
	if host == "*" {
		return host, uint16(p), true
	}
	if _, err := netip.ParseAddr(host); err != nil {
		return "", 0, false
	}
	return host, uint16(p), true
}

// parseWinNetstatLine reads a row of Windows' netstat -ano:
// "TCP    0.0.0.0:135    0.0.0.0:0    LISTENING    1234", split into
// its fields f.
func parseWinNetstatLine(f []string) (Listener, bool) {
	if len(f) < 4 {
		return Listener{}, false
	}
	var l Listener
	switch f[0] {
	case "TCP":
		l.Proto = bind.TCP
		if len(f) < 5 || !tcpStates[f[3]] {
			return Listener{}, false
		}
		if f[3] != "LISTENING" {
			return Listener{}, true
		}
		l.PID, _ = strconv.Atoi(f[4])
	case "UDP":
		l.Proto = bind.UDP
		l.PID, _ = strconv.Atoi(f[3])
	default:
		return Listener{}, false
	}
	c, ok := parseColonSocket(f[1])
	if !ok {
		return Listener{}, true
	}
	if c.Addr == any6 {
		c.V6Only = true // Windows sockets are IPv6-only unless the program turns it off
	}
	c.Proto, c.PID, c.Tool = l.Proto, l.PID, "netstat"
	return c, true
}

// parseLsofLine reads a row of lsof -iTCP -sTCP:LISTEN -n -P:
// "node 1234 alice 20u IPv6 0x… 0t0 TCP *:3000 (LISTEN)". It reports
// whether the line is an lsof row, and macOS when DEVICE is an address.
// f are the line's fields.
func parseLsofLine(f []string) (l Listener, row, mac bool) {
	if len(f) < 8 || !isDigits(f[1]) {
		return Listener{}, false, false
	}
	k := -1
	for i := 4; i < len(f)-1; i++ {
		if f[i] == "TCP" || f[i] == "UDP" {
			k = i
			break
		}
	}
	if k < 0 {
		return Listener{}, false, false
	}
	typ := ""
	for i := 3; i < k; i++ {
		if f[i] == "IPv4" || f[i] == "IPv6" {
			typ = f[i]
			if i+1 < k && strings.HasPrefix(f[i+1], "0x") {
				mac = true
			}
		}
	}
	if typ == "" {
		return Listener{}, false, false
	}
	name := f[k+1]
	state := ""
	if k+2 < len(f) {
		state = strings.Trim(f[k+2], "()")
	}
	if strings.Contains(name, "->") || f[k] == "TCP" && state != "LISTEN" {
		return Listener{}, true, mac
	}
	c, ok := parseColonSocket(name)
	if !ok {
		return Listener{}, true, mac
	}
	if c.DualStack && typ == "IPv4" {
		c.Addr, c.DualStack = any4, false
	}
	c.Proto = bind.TCP
	if f[k] == "UDP" {
		c.Proto = bind.UDP
	}
	c.Process = strings.ReplaceAll(f[0], `\x20`, " ")
	c.PID, _ = strconv.Atoi(f[1])
	c.Tool = "lsof"
	return c, true, mac
}
