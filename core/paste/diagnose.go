package paste

import (
	"net/netip"
	"strconv"
	"strings"

	"github.com/netground/netground/core/bind"
	"github.com/netground/netground/core/field"
	"github.com/netground/netground/core/k8s"
	"github.com/netground/netground/core/nat"
	"github.com/netground/netground/core/port"
	"github.com/netground/netground/core/scenario"
)

// Diagnosis is what an error message says at the socket level: the error,
// the address and port it names, an explanation with the usual causes and
// the documents it rests on, and a lab scenario that reproduces it with
// those numbers: the Bind lab's, or the NAT lab's for a connection to a
// home router's public address or a carrier-grade NAT's shared address,
// or the Kubernetes lab's for a ClusterIP, a pod address or kubectl
// without a kubeconfig. The zero Diagnosis has Errno NoErrno and says nothing.
type Diagnosis struct {
	Errno  Errno   `json:"errno"`
	Op     string  `json:"op,omitempty"`     // "bind" or "connect": what the program was doing
	Source string  `json:"source,omitempty"` // who printed the line: "Go", "Node.js", "curl", …; "" if unclear
	OS     bind.OS `json:"os"`               // whose error it is: the numbers and words give Windows and macOS away
	Line   string  `json:"line"`             // the line recognised, cut to 200 bytes

	Host string     `json:"host,omitempty"` // the host name as written, such as "localhost"; "" for an address
	Addr netip.Addr `json:"addr,omitzero"`  // the address named, zone included; zero if none
	Port uint16     `json:"port,omitempty"` // the port named; 0 if none

	Title       string   `json:"title"`       // the error in a few words: "Address already in use"
	Explanation string   `json:"explanation"` // what happened at the socket level
	Causes      []string `json:"causes"`      // the usual causes, the likeliest first
	Fix         string   `json:"fix"`         // the usual fix, for the likeliest cause
	Refs        []string `json:"refs"`        // the man pages and documents the explanation rests on
	Notes       []string `json:"notes,omitempty"`

	// Verdict is the error in the labs' words (Errno.Verdict).
	Verdict string `json:"verdict"`
	// Scenario is a Bind lab that reproduces the error; its action Step is
	// the one that fails, with the Bind verdict LabVerdict. For most errors
	// LabVerdict is Verdict; an empty reply shows in the Bind lab as a reset
	// by docker-proxy, which had accepted the connection.
	Scenario   bind.Scenario `json:"scenario"`
	Step       int           `json:"step"`
	LabVerdict bind.Verdict  `json:"labVerdict"`
	LabNote    string        `json:"labNote,omitempty"` // how the lab's situation relates to the user's
	// Lab is the lab Link opens: the Bind lab (Scenario), or, for an error
	// about a home router or a cluster, the NAT lab (NAT) or the
	// Kubernetes lab (Cluster), whose Scenario is then the zero one.
	Lab scenario.Widget `json:"lab"`
	// NAT is the NAT lab's scenario when Lab is the NAT lab; its step Step
	// ends in the decision LabOutcome, such as "no-mapping".
	NAT *nat.Scenario `json:"nat,omitempty"`
	// Cluster is the Kubernetes lab's scenario when Lab is the Kubernetes
	// lab; its action Step ends with the verdict LabOutcome, which is
	// Verdict.
	Cluster *k8s.Scenario `json:"cluster,omitempty"`
	// LabOutcome is what the lab shows at the failing step, in its own
	// words: the Bind lab's verdict (LabVerdict), the NAT lab's outcome,
	// the Kubernetes lab's verdict.
	LabOutcome string `json:"labOutcome"`
	// Link is the lab's link, opened on the step that fails:
	// "/bind?step=1#s=1.…", "/nat?step=1#s=1.…", "/k8s?step=1#s=1.…".
	Link string `json:"link"`
}

// IsValid reports whether d names an error.
func (d Diagnosis) IsValid() bool { return d.Errno != NoErrno }

// maxShownLine is how much of the recognised line a Diagnosis keeps.
const maxShownLine = 200

// pattern is a phrase that gives away an error, in lower case.
type pattern struct {
	text  string
	errno Errno
	os    bind.OS // Linux when the phrase says nothing about the OS
	op    string
}

// patterns are tried in order on each line; the first that matches wins.
// Specific phrases come before generic ones ("port is already allocated"
// before "already in use", "empty reply" before "connection reset").
var patterns = []pattern{
	{"port is already allocated", AddrInUse, bind.Linux, "bind"},
	{"only one usage of each socket address", AddrInUse, bind.Windows, "bind"},
	{"wsaeaddrinuse", AddrInUse, bind.Windows, "bind"},
	{"address already in use", AddrInUse, bind.Linux, "bind"},
	{"eaddrinuse", AddrInUse, bind.Linux, "bind"},
	{"was already in use", AddrInUse, bind.Linux, "bind"},
	{"address in use", AddrInUse, bind.Linux, "bind"},
	{"requested address is not valid in its context", AddrNotAvail, bind.Windows, "bind"},
	{"wsaeaddrnotavail", AddrNotAvail, bind.Windows, "bind"},
	{"can't assign requested address", AddrNotAvail, bind.MacOS, "bind"},
	{"cannot assign requested address", AddrNotAvail, bind.Linux, "bind"},
	{"eaddrnotavail", AddrNotAvail, bind.Linux, "bind"},
	{"forbidden by its access permissions", Access, bind.Windows, "bind"},
	{"wsaeacces", Access, bind.Windows, "bind"},
	{"empty reply from server", EmptyReply, bind.Linux, "connect"},
	{"err_empty_response", EmptyReply, bind.Linux, "connect"},
	{"actively refused", ConnRefused, bind.Windows, "connect"},
	{"wsaeconnrefused", ConnRefused, bind.Windows, "connect"},
	{"connection refused", ConnRefused, bind.Linux, "connect"},
	{"econnrefused", ConnRefused, bind.Linux, "connect"},
	{"err_connection_refused", ConnRefused, bind.Linux, "connect"},
	{"refused to connect", ConnRefused, bind.Linux, "connect"},
	{"couldn't connect to server", ConnRefused, bind.Linux, "connect"},
	{"can't establish a connection to the server", ConnRefused, bind.Linux, "connect"},
	{"can’t establish a connection to the server", ConnRefused, bind.Linux, "connect"},
	{"can't connect to the server", ConnRefused, bind.Linux, "connect"},
	{"can’t connect to the server", ConnRefused, bind.Linux, "connect"},
	{"forcibly closed by the remote host", ConnReset, bind.Windows, "connect"},
	{"wsaeconnreset", ConnReset, bind.Windows, "connect"},
	{"connection reset", ConnReset, bind.Linux, "connect"},
	{"econnreset", ConnReset, bind.Linux, "connect"},
	{"err_connection_reset", ConnReset, bind.Linux, "connect"},
	{"socket hang up", ConnReset, bind.Linux, "connect"},
	{"wsaetimedout", TimedOut, bind.Windows, "connect"},
	{"did not properly respond after a period of time", TimedOut, bind.Windows, "connect"},
	{"operation timed out", TimedOut, bind.MacOS, "connect"},
	{"connection timed out", TimedOut, bind.Linux, "connect"},
	{"etimedout", TimedOut, bind.Linux, "connect"},
	{"err_connection_timed_out", TimedOut, bind.Linux, "connect"},
	{"i/o timeout", TimedOut, bind.Linux, "connect"},
	{"connect timed out", TimedOut, bind.Linux, "connect"},
	{"timeout expired", TimedOut, bind.Linux, "connect"},
	{"wsaehostunreach", HostUnreach, bind.Windows, "connect"},
	{"no route to host", HostUnreach, bind.Linux, "connect"},
	{"ehostunreach", HostUnreach, bind.Linux, "connect"},
	{"host is unreachable", HostUnreach, bind.Linux, "connect"},
	{"err_address_unreachable", HostUnreach, bind.Linux, "connect"},
	{"wsaenetunreach", NetUnreach, bind.Windows, "connect"},
	{"network is unreachable", NetUnreach, bind.Linux, "connect"},
	{"enetunreach", NetUnreach, bind.Linux, "connect"},
	{"err_network_access_denied", Access, bind.Linux, "connect"},
	{"eacces", Access, bind.Linux, "bind"},
}

// errnoCodes maps the numbers programs print (Windows Sockets codes, and
// Linux and macOS errno values after "errno" or in MySQL's parentheses) to
// errors.
var wsaCodes = map[string]Errno{"10048": AddrInUse, "10061": ConnRefused, "10060": TimedOut, "10065": HostUnreach,
	"10051": NetUnreach, "10049": AddrNotAvail, "10013": Access, "10054": ConnReset}

var linuxErrno = map[string]Errno{"98": AddrInUse, "111": ConnRefused, "110": TimedOut, "113": HostUnreach,
	"101": NetUnreach, "99": AddrNotAvail, "13": Access, "104": ConnReset}

var macErrno = map[string]Errno{"48": AddrInUse, "61": ConnRefused, "60": TimedOut, "65": HostUnreach,
	"51": NetUnreach, "49": AddrNotAvail, "54": ConnReset}

// Diagnose finds the first line of text that reports one of the socket
// errors and explains it. It reports false if no line does. Only the
// first MaxLines lines are read.
func Diagnose(text string) (Diagnosis, bool) {
	l := split(text)
	return diagnoseLines(l.text)
}

func diagnoseLines(ls []string) (Diagnosis, bool) {
	for i, line := range ls {
		if len(line) > MaxLineBytes {
			continue
		}
		d, ok := recognise(line)
		if !ok {
			continue
		}
		// The address and port may be on the next lines, as in psql's
		// "Is the server running on host … and accepting TCP/IP connections
		// on port 5432?".
		for j := i; j < len(ls) && j < i+4; j++ {
			extract(&d, ls[j])
		}
		explain(&d)
		build(&d)
		otherLab(&d, contextOf(ls))
		return d, true
	}
	return Diagnosis{}, false
}

// recognise matches one line against the patterns and the error numbers.
func recognise(line string) (Diagnosis, bool) {
	low := strings.ToLower(line)
	d := Diagnosis{Line: field.Shorten(strings.TrimSpace(line), maxShownLine)}
	for _, p := range patterns {
		if strings.Contains(low, p.text) {
			if p.errno == Access && !accessContext(low) {
				continue
			}
			d.Errno, d.OS, d.Op = p.errno, p.os, p.op
			break
		}
	}
	if d.Errno == NoErrno && strings.Contains(low, "connection to ") && strings.Contains(low, " refused") {
		d.Errno, d.Op = ConnRefused, "connect"
	}
	if d.Errno == NoErrno && strings.Contains(low, "permission denied") && bindContext(low) {
		d.Errno, d.Op = Access, "bind"
	}
	if code, e := numberedError(low); e != NoErrno {
		if d.Errno == NoErrno || d.Errno == e {
			d.Errno = e
			if len(code) == 5 {
				d.OS = bind.Windows
			} else if _, mac := macErrno[code]; mac && linuxErrno[code] != e {
				d.OS = bind.MacOS
			}
			if d.Op == "" {
				d.Op = "connect"
				if e == AddrInUse || e == AddrNotAvail || e == Access {
					d.Op = "bind"
				}
			}
		}
	}
	if d.Errno == NoErrno {
		return d, false
	}
	if d.Errno == AddrNotAvail && (strings.Contains(low, "connect") || strings.Contains(low, "dial")) && !bindContext(low) {
		d.Op = "connect"
	}
	if d.Errno == Access && strings.Contains(low, "connect") && !bindContext(low) {
		d.Op = "connect"
	}
	d.Source = sourceOf(low)
	return d, true
}

// bindContext reports whether a line is about binding or listening.
func bindContext(low string) bool {
	return strings.Contains(low, "bind") || strings.Contains(low, "listen") || strings.Contains(low, "eacces") && strings.Contains(low, "0.0.0.0")
}

// accessContext reports whether EACCES in a line is about a socket, not a
// file.
func accessContext(low string) bool {
	return bindContext(low) || strings.Contains(low, "port") || strings.Contains(low, "socket") || strings.Contains(low, "err_network")
}

// numberedError finds a Windows Sockets code ("[WinError 10048]", "error
// 10061") or an errno ("[Errno 98]", MySQL's "(111)") in a line.
func numberedError(low string) (string, Errno) {
	for code, e := range wsaCodes {
		if i := strings.Index(low, code); i >= 0 && isolated(low, i, len(code)) &&
			(strings.Contains(low, "error") || strings.Contains(low, "exception") || strings.Contains(low, "wsa") || strings.Contains(low, "(")) {
			return code, e
		}
	}
	for _, lead := range []string{"[errno ", "errno ", "errno: ", "errno="} {
		if i := strings.Index(low, lead); i >= 0 {
			n := digitsAt(low[i+len(lead):])
			if e, ok := linuxErrno[n]; ok && !strings.Contains(low, "darwin") {
				return n, e
			}
			if e, ok := macErrno[n]; ok {
				return n, e
			}
		}
	}
	if strings.Contains(low, "can't connect to mysql server") || strings.Contains(low, "can't connect to server on") {
		if i := strings.LastIndexByte(low, '('); i >= 0 {
			n := digitsAt(low[i+1:])
			if e, ok := linuxErrno[n]; ok {
				return n, e
			}
			if e, ok := macErrno[n]; ok {
				return n, e
			}
			if e, ok := wsaCodes[n]; ok {
				return n, e
			}
		}
	}
	return "", NoErrno
}

// isolated reports whether s[i:i+n] is not part of a longer number or an
// address.
func isolated(s string, i, n int) bool {
	if i > 0 {
		if c := s[i-1]; c >= '0' && c <= '9' || c == '.' || c == ':' {
			return false
		}
	}
	if j := i + n; j < len(s) {
		if c := s[j]; c >= '0' && c <= '9' || c == '.' {
			return false
		}
	}
	return true
}

func digitsAt(s string) string {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return s[:i]
}

// sources are phrases that tell who printed a line, in order.
var sources = []struct{ phrase, name string }{
	{"docker", "Docker"},
	{"userland proxy", "Docker"},
	{"java.", "Java"},
	{"spring", "Java"},
	{"oserror", "Python"},
	{"errno", "Python"},
	{"winerror", "Python"},
	{"connectionrefusederror", "Python"},
	{"psql", "PostgreSQL client"},
	{"connection to server at", "PostgreSQL client"},
	{"postmaster", "PostgreSQL client"},
	{"is the server running on host", "PostgreSQL client"},
	{"mysql", "MySQL client"},
	{"curl", "curl"},
	{"failed to connect to", "curl"},
	{"err_", "browser"},
	{"refused to connect", "browser"},
	{"can't establish a connection", "browser"},
	{"can’t establish a connection", "browser"},
	{"dial tcp", "Go"},
	{"dial udp", "Go"},
	{"listen tcp", "Go"},
	{"listen udp", "Go"},
	{"econn", "Node.js"},
	{"eaddr", "Node.js"},
	{"etimedout", "Node.js"},
	{"ehostunreach", "Node.js"},
	{"enetunreach", "Node.js"},
	{"eacces", "Node.js"},
	{"socket hang up", "Node.js"},
	{"wsae", "Windows"},
	{"socketexception", ".NET"},
}

func sourceOf(low string) string {
	for _, s := range sources {
		if strings.Contains(low, s.phrase) {
			if s.name == "Docker" && strings.Contains(low, "userland proxy") {
				return "Docker"
			}
			if s.name == "Python" && strings.Contains(low, "java.") {
				continue
			}
			return s.name
		}
	}
	return ""
}

// extract fills in the address, host and port a line names.
func extract(d *Diagnosis, line string) {
	low := strings.ToLower(line)
	nodeStyle := strings.Contains(low, "econn") || strings.Contains(low, "eaddr") || strings.Contains(low, "etimedout") ||
		strings.Contains(low, "ehostunreach") || strings.Contains(low, "enetunreach") || strings.Contains(low, "eacces")
	toks := strings.FieldsFunc(line, func(r rune) bool {
		return r == ' ' || r == '\t' || r == ',' || r == '"' || r == '\'' || r == '(' || r == ')' || r == '`' || r == ';' || r == '<' || r == '>'
	})
	for i, tok := range toks {
		tok = strings.TrimRight(tok, ".?!")
		if tok == "" {
			continue
		}
		lowTok := strings.ToLower(tok)
		if (lowTok == "port" || lowTok == "port:") && i+1 < len(toks) && d.Port == 0 {
			if p, err := strconv.ParseUint(strings.TrimRight(toks[i+1], ".?!:"), 10, 16); err == nil && p > 0 {
				d.Port = uint16(p)
			}
			continue
		}
		if strings.Contains(tok, "://") {
			if e, err := port.ParseURL(tok); err == nil && d.Host == "" && !d.Addr.IsValid() {
				setSocket(d, e.Socket())
			}
			continue
		}
		tok = strings.TrimRight(tok, ":")
		if nodeStyle && !strings.HasPrefix(tok, "[") && strings.Count(tok, ":") >= 2 && d.Port == 0 {
			// Node.js writes IPv6 sockets without brackets: "::1:5432", ":::3000".
			if h, p, ok := splitNodeSocket(tok); ok {
				if !d.Addr.IsValid() {
					d.Addr = h
				}
				d.Port = p
				continue
			}
		}
		bare := tok
		if strings.HasPrefix(tok, "[") && strings.HasSuffix(tok, "]") {
			bare = tok[1 : len(tok)-1]
		}
		if a, err := netip.ParseAddr(bare); err == nil {
			if !d.Addr.IsValid() {
				d.Addr = a
			}
			continue
		}
		if !strings.Contains(tok, ":") {
			if d.Host == "" && (lowTok == "localhost" || !d.Addr.IsValid() && i > 0 && isHostWord(toks[i-1]) && looksLikeHost(tok)) {
				d.Host = strings.ToLower(tok)
			}
			continue
		}
		s, err := port.ParseSocket(tok)
		if err != nil || !s.IsValid() {
			continue
		}
		if d.Port == 0 || !d.Addr.IsValid() && d.Host == "" {
			setSocket(d, s)
		}
	}
}

// splitNodeSocket splits Node.js's unbracketed IPv6 socket at its last
// colon: "::1:5432" is ::1 and 5432, ":::3000" is :: and 3000.
func splitNodeSocket(tok string) (netip.Addr, uint16, bool) {
	j := strings.LastIndexByte(tok, ':')
	host, portText := tok[:j], tok[j+1:]
	p, err := strconv.ParseUint(portText, 10, 16)
	if err != nil {
		return netip.Addr{}, 0, false
	}
	if host == "::" || host == ":" {
		return netip.IPv6Unspecified(), uint16(p), true
	}
	a, err := netip.ParseAddr(host)
	if err != nil || !a.Is6() {
		return netip.Addr{}, 0, false
	}
	return a, uint16(p), true
}

func setSocket(d *Diagnosis, s port.Socket) {
	if s.IsName() {
		if !looksLikeHost(s.Host()) {
			return
		}
		if d.Host == "" && !d.Addr.IsValid() {
			d.Host = strings.ToLower(s.Host())
		}
	} else if a := s.Addr(); a.IsValid() && !d.Addr.IsValid() {
		d.Addr = a
	} else if s.IsAllInterfaces() && !d.Addr.IsValid() {
		d.Addr = netip.IPv6Unspecified()
		if d.Op != "bind" {
			d.Addr = netip.Addr{}
		}
	}
	if s.Port() != 0 && d.Port == 0 {
		d.Port = s.Port()
	}
}

// isHostWord reports whether the word before a host name introduces one,
// as in curl's "Failed to connect to localhost port 8080".
func isHostWord(w string) bool {
	switch strings.ToLower(w) {
	case "to", "host", "at", "on", "server":
		return true
	}
	return false
}

// looksLikeHost reports whether s can be a host name people connect to:
// localhost, or a dotted DNS name, or a short single label.
func looksLikeHost(s string) bool {
	if s == "" || len(s) > 253 {
		return false
	}
	low := strings.ToLower(s)
	switch low {
	case "localhost", "host.docker.internal":
		return true
	case "server", "host", "the", "a", "port", "tcp", "udp", "connect", "bind", "listen", "dial", "error", "failed",
		"mysql", "postgresql", "unix", "socket", "remote", "proxy", "http", "https", "tcp4", "tcp6", "udp4", "udp6":
		return false
	}
	dots := 0
	for i := 0; i < len(low); i++ {
		c := low[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '-':
		case c == '.':
			dots++
		default:
			return false
		}
	}
	return dots > 0 && low[0] != '.' && low[len(low)-1] != '.' && !strings.Contains(low, "..") && strings.ContainsAny(low, "abcdefghijklmnopqrstuvwxyz")
}

// labLink returns the Bind lab's link for a scenario: "/bind#s=1.…".
func labLink(s bind.Scenario) string {
	return widgetLink("/bind", scenario.WidgetBind, func() ([]byte, error) { return s.Encode() })
}

// widgetLink returns path#s=… for a lab's state, or path alone if it does
// not encode.
func widgetLink(path string, w scenario.Widget, encode func() ([]byte, error)) string {
	state, err := encode()
	if err != nil {
		return path
	}
	f, err := scenario.Fragment(scenario.Document{Format: scenario.FormatTag, Version: scenario.Version, Widget: w, State: state})
	if err != nil {
		return path
	}
	return path + "#" + f
}
