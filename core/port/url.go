package port

import (
	"fmt"
	"net/netip"
	"net/url"
	"slices"
	"strings"
)

// Scheme is a URL scheme with a default port.
type Scheme struct {
	name      string
	port      uint16
	transport Transport
	service   string
	note      string
}

// Name returns the scheme in lowercase, such as "https".
func (s Scheme) Name() string { return s.name }

// Port returns the port a URL of this scheme uses when it gives none.
func (s Scheme) Port() uint16 { return s.port }

// Transport returns the transport the scheme's protocol runs over by default.
func (s Scheme) Transport() Transport { return s.transport }

// Service returns the IANA service name registered for the default port,
// such as "postgresql" for postgres, or "" if the registry has none.
func (s Scheme) Service() string { return s.service }

// Note explains where common usage differs from the registry, or is "".
func (s Scheme) Note() string { return s.note }

// schemes is sorted by name. Each service is the registry's entry for the
// default port; the tests check both against the registry.
var schemes = [...]Scheme{
	{"amqp", 5672, TCP, "amqp", ""},
	{"amqps", 5671, TCP, "amqps", ""},
	{"coap", 5683, UDP, "coap", ""},
	{"coaps", 5684, UDP, "coaps", ""},
	{"dns", 53, UDP | TCP, "domain", "The registry calls DNS \"domain\"."},
	{"ftp", 21, TCP, "ftp", ""},
	{"ftps", 990, TCP, "ftps", "Implicit FTP over TLS; explicit TLS (AUTH TLS) stays on 21."},
	{"git", 9418, TCP, "git", ""},
	{"gopher", 70, TCP, "gopher", ""},
	{"http", 80, TCP, "http", ""},
	{"https", 443, TCP, "https", "HTTP/3 runs over UDP on the same port 443."},
	{"imap", 143, TCP, "imap", ""},
	{"imaps", 993, TCP, "imaps", ""},
	{"ipp", 631, TCP, "ipp", ""},
	{"ipps", 631, TCP, "ipps", ""},
	{"irc", 6667, TCP, "ircu", "The registry assigns irc to 194, but IRC servers listen on 6667 " +
		"(inside ircu's range 6665-6669) in practice."},
	{"ircs", 6697, TCP, "ircs-u", "The registry calls IRC over TLS \"ircs-u\"."},
	{"kafka", 9092, TCP, "", "Not in the IANA registry; 9092 is the broker default, " +
		"and the registry assigns 9092 to XmlIpcRegSvc."},
	{"ldap", 389, TCP, "ldap", ""},
	{"ldaps", 636, TCP, "ldaps", ""},
	{"memcached", 11211, TCP, "memcache", "The registry calls it \"memcache\"."},
	{"mongodb", 27017, TCP, "mongodb", ""},
	{"mqtt", 1883, TCP, "mqtt", ""},
	{"mqtts", 8883, TCP, "secure-mqtt", "The registry calls MQTT over TLS \"secure-mqtt\"."},
	{"mysql", 3306, TCP, "mysql", ""},
	{"nats", 4222, TCP, "", "Not in the IANA registry; 4222 is the NATS server default."},
	{"nntp", 119, TCP, "nntp", ""},
	{"nntps", 563, TCP, "nntps", ""},
	{"pop3", 110, TCP, "pop3", ""},
	{"pop3s", 995, TCP, "pop3s", ""},
	{"postgres", 5432, TCP, "postgresql", "The registry calls it \"postgresql\"; both scheme spellings are accepted."},
	{"postgresql", 5432, TCP, "postgresql", ""},
	{"rdp", 3389, TCP, "ms-wbt-server", "The registry calls the Remote Desktop port \"ms-wbt-server\"; " +
		"its \"rdp\" is an unrelated protocol without a port."},
	{"redis", 6379, TCP, "redis", ""},
	{"rediss", 6379, TCP, "redis", "Redis over TLS has no port of its own: redis-cli --tls and the client " +
		"libraries default to 6379, and servers usually set tls-port 6379."},
	{"rsync", 873, TCP, "rsync", ""},
	{"rtsp", 554, TCP, "rtsp", ""},
	{"rtsps", 322, TCP, "rtsps", ""},
	{"sftp", 22, TCP, "ssh", "sftp:// is the SSH File Transfer Protocol, a subsystem of SSH on 22; " +
		"the registry's \"sftp\" on 115 is the unrelated Simple File Transfer Protocol."},
	{"sip", 5060, UDP | TCP, "sip", ""},
	{"sips", 5061, TCP, "sips", ""},
	{"smb", 445, TCP, "microsoft-ds", "The registry calls SMB over TCP \"microsoft-ds\"."},
	{"smtp", 25, TCP, "smtp", "Port 25 is for mail between servers; mail clients submit on 587 (submission)."},
	{"smtps", 465, TCP, "submissions", "The registry calls SMTP over implicit TLS \"submissions\" (RFC 8314)."},
	{"snmp", 161, UDP, "snmp", ""},
	{"ssh", 22, TCP, "ssh", ""},
	{"stun", 3478, UDP, "stun", ""},
	{"stuns", 5349, TCP, "stuns", ""},
	{"submission", 587, TCP, "submission", ""},
	{"svn", 3690, TCP, "svn", ""},
	{"telnet", 23, TCP, "telnet", ""},
	{"tftp", 69, UDP, "tftp", ""},
	{"turn", 3478, UDP, "turn", ""},
	{"turns", 5349, TCP, "turns", ""},
	{"vnc", 5900, TCP, "rfb", "The registry calls the VNC protocol \"rfb\" (Remote Framebuffer)."},
	{"ws", 80, TCP, "http", "WebSocket (RFC 6455) starts as HTTP on 80; the registry's \"ws\" is an unrelated entry without a port."},
	{"wss", 443, TCP, "https", "WebSocket over TLS (RFC 6455) starts as HTTPS on 443."},
	{"xmpp", 5222, TCP, "xmpp-client", "The registry calls the client port \"xmpp-client\"; servers talk on 5269."},
}

// Schemes returns the URL schemes with a known default port, sorted by name.
func Schemes() []Scheme { return slices.Clone(schemes[:]) }

// LookupScheme returns the scheme, compared without regard to case, and
// whether it has a known default port.
func LookupScheme(name string) (Scheme, bool) {
	i, ok := slices.BinarySearchFunc(schemes[:], asciiLower(name), func(s Scheme, name string) int {
		return strings.Compare(s.name, name)
	})
	if !ok {
		return Scheme{}, false
	}
	return schemes[i], true
}

// Endpoint is where a URL says to connect: its scheme, user name, host and
// port, and whether the port came from the scheme's default. The zero
// Endpoint is not valid.
type Endpoint struct {
	scheme      string
	user        string
	hasPassword bool
	socket      Socket
	defaulted   bool
}

// ParseURL parses a URL with a scheme and a host, such as
// https://example.com/ or postgres://user:pw@[::1]/db, and returns where it
// connects. If the URL gives no port, the scheme's default is used; an
// unknown scheme without a port is an error, because its port is unknown.
// Schemes are case-insensitive; IPv6 literals go in brackets, with a zone
// written %25eth0 (RFC 6874).
func ParseURL(s string) (Endpoint, error) {
	if !strings.Contains(s, "://") {
		if _, err := ParseSocket(s); err == nil {
			return Endpoint{}, fmt.Errorf("url %q: no scheme; this is a socket (host:port), "+
				"or write scheme://%s", s, s)
		}
		return Endpoint{}, fmt.Errorf("url %q: no scheme; write scheme://host, for example https://%s", s, s)
	}
	u, err := url.Parse(s)
	if err != nil {
		return Endpoint{}, fmt.Errorf("url %q: %w", s, unwrapURLError(err))
	}
	host, portText := u.Hostname(), u.Port()
	if host == "" {
		return Endpoint{}, fmt.Errorf("url %q: missing host after %s://", s, u.Scheme)
	}
	if strings.IndexByte(u.Host, ',') >= 0 {
		return Endpoint{}, fmt.Errorf("url %q: several hosts (%s); give them one at a time", s, u.Host)
	}
	e := Endpoint{scheme: u.Scheme}
	if u.User != nil {
		e.user = u.User.Username()
		_, e.hasPassword = u.User.Password()
	}
	var port uint16
	if portText != "" || strings.HasSuffix(u.Host, ":") {
		if port, err = ParsePort(portText); err != nil {
			return Endpoint{}, fmt.Errorf("url %q: %w", s, err)
		}
	} else if sch, ok := LookupScheme(u.Scheme); ok {
		port, e.defaulted = sch.port, true
	} else {
		return Endpoint{}, fmt.Errorf("url %q: unknown scheme %q, so the port is unknown (no default); "+
			"add one: %s://%s:PORT", s, u.Scheme, u.Scheme, u.Host)
	}
	if addr, err := netip.ParseAddr(host); err == nil {
		if e.socket = SocketFrom(addr, port); !e.socket.IsValid() {
			return Endpoint{}, fmt.Errorf("url %q: zone %q of the IPv6 address holds a ']'", s, addr.Zone())
		}
	} else if strings.HasPrefix(u.Host, "[") || looksNumeric(host) {
		return Endpoint{}, fmt.Errorf("url %q: %w", s, err)
	} else if err := checkHostName(host); err != nil {
		return Endpoint{}, fmt.Errorf("url %q: %w", s, err)
	} else {
		e.socket = Socket{name: host, port: port, kind: hostName}
	}
	return e, nil
}

// unwrapURLError drops net/url's repetition of the input, which the caller
// quotes already.
func unwrapURLError(err error) error {
	if ue, ok := err.(*url.Error); ok {
		return ue.Err
	}
	return err
}

// IsValid reports whether e came from a successful ParseURL.
func (e Endpoint) IsValid() bool { return e.socket.IsValid() }

// Scheme returns the URL's scheme in lowercase.
func (e Endpoint) Scheme() string { return e.scheme }

// User returns the user name of the URL, or "".
func (e Endpoint) User() string { return e.user }

// HasPassword reports whether the URL carries a password (which Endpoint does
// not keep).
func (e Endpoint) HasPassword() bool { return e.hasPassword }

// Socket returns the host and port to connect to.
func (e Endpoint) Socket() Socket { return e.socket }

// Port returns the port to connect to, given or defaulted.
func (e Endpoint) Port() uint16 { return e.socket.port }

// PortIsDefault reports whether the URL gave no port and the scheme's
// default is used.
func (e Endpoint) PortIsDefault() bool { return e.defaulted }

// Explain says where the port comes from, for example "no port given, so
// https uses its default 443".
func (e Endpoint) Explain() string {
	if !e.IsValid() {
		return ""
	}
	if e.defaulted {
		return fmt.Sprintf("no port given, so %s uses its default %d", e.scheme, e.Port())
	}
	if sch, ok := LookupScheme(e.scheme); ok && sch.port != e.Port() {
		return fmt.Sprintf("port %d given explicitly (%s's default is %d)", e.Port(), e.scheme, sch.port)
	}
	return fmt.Sprintf("port %d given explicitly", e.Port())
}

// Notes returns the scheme's note, if any, followed by the socket's notes.
func (e Endpoint) Notes() []string {
	var notes []string
	if sch, ok := LookupScheme(e.scheme); ok && sch.note != "" {
		notes = append(notes, sch.note)
	}
	return append(notes, e.socket.Notes()...)
}
