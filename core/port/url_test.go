package port_test

import (
	"strings"
	"testing"

	"github.com/netground/netground/core/port"
)

func TestParseURL(t *testing.T) {
	tests := []struct {
		in        string
		scheme    string
		user      string
		socket    string
		defaulted bool
		explain   string
	}{
		{"https://example.com/", "https", "", "example.com:443", true, "no port given, so https uses its default 443"},
		{"https://example.com:8443/x", "https", "", "example.com:8443", false, "port 8443 given explicitly (https's default is 443)"},
		{"http://example.com:80", "http", "", "example.com:80", false, "port 80 given explicitly"},
		{"HTTP://EXAMPLE.com", "http", "", "EXAMPLE.com:80", true, "no port given, so http uses its default 80"},
		{"postgres://user:pw@[::1]/db", "postgres", "user", "[::1]:5432", true, "postgres uses its default 5432"},
		{"postgresql://db.internal:6432/app", "postgresql", "", "db.internal:6432", false, ""},
		{"mysql://root@127.0.0.1/x", "mysql", "root", "127.0.0.1:3306", true, ""},
		{"http://[fe80::1%25eth0]:8080/", "http", "", "[fe80::1%eth0]:8080", false, ""},
		{"ws://[2001:db8::1]/chat", "ws", "", "[2001:db8::1]:80", true, ""},
		{"rediss://:secret@cache.example.com", "rediss", "", "cache.example.com:6379", true, ""},
		{"foo://host:1234", "foo", "", "host:1234", false, "port 1234 given explicitly"},
		{"ssh://git@github.com/x.git", "ssh", "git", "github.com:22", true, ""},
	}
	for _, tt := range tests {
		e, err := port.ParseURL(tt.in)
		if err != nil {
			t.Errorf("ParseURL(%q) error: %v", tt.in, err)
			continue
		}
		if e.Scheme() != tt.scheme || e.User() != tt.user || e.Socket().String() != tt.socket || e.PortIsDefault() != tt.defaulted || !e.IsValid() {
			t.Errorf("ParseURL(%q) = %s %q %v default %v; want %s %q %s %v",
				tt.in, e.Scheme(), e.User(), e.Socket(), e.PortIsDefault(), tt.scheme, tt.user, tt.socket, tt.defaulted)
		}
		if !strings.Contains(e.Explain(), tt.explain) {
			t.Errorf("ParseURL(%q).Explain() = %q; want one containing %q", tt.in, e.Explain(), tt.explain)
		}
	}
	if e, _ := port.ParseURL("postgres://user:pw@[::1]/db"); !e.HasPassword() || !strings.Contains(strings.Join(e.Notes(), " "), "postgresql") {
		t.Errorf("postgres URL: HasPassword %v, Notes %q", e.HasPassword(), e.Notes())
	}
}

func TestParseURLErrors(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		{"foo://host/", `url "foo://host/": unknown scheme "foo", so the port is unknown (no default); add one: foo://host:PORT`},
		{"localhost:5432", "no scheme; this is a socket (host:port)"},
		{"example.com", "no scheme"},
		{"https://", "missing host"},
		{"file:///etc/passwd", "missing host"},
		{"http://example.com:65536/", "65536 is out of range"},
		{"http://example.com:/", "empty"},
		{"http://[::1/", "url"},
		{"http://1.2.3.999/", "1.2.3.999"},
		{"http://exa_mple com/", "url"},
		{"mongodb://a:27017,b:27017/db", "several hosts"},
		{"a://[::%25]]:0#", "holds a ']'"},
	}
	for _, tt := range tests {
		_, err := port.ParseURL(tt.in)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParseURL(%q) error = %v; want one containing %q", tt.in, err, tt.want)
		}
	}
}

// TestSchemes parses a URL of every scheme, and checks every default port
// against the IANA registry: the scheme's service must be registered on that
// port, and where the registry has an entry under the scheme's own name on
// another port, the scheme must explain the difference in its note.
func TestSchemes(t *testing.T) {
	r := registry(t)
	want := map[string]uint16{
		"http": 80, "https": 443, "ws": 80, "wss": 443, "ftp": 21, "ssh": 22, "sftp": 22, "telnet": 23,
		"smtp": 25, "submission": 587, "smtps": 465, "dns": 53, "postgres": 5432, "postgresql": 5432,
		"mysql": 3306, "redis": 6379, "rediss": 6379, "mongodb": 27017, "amqp": 5672, "amqps": 5671,
		"mqtt": 1883, "mqtts": 8883, "ldap": 389, "ldaps": 636, "imap": 143, "imaps": 993, "pop3": 110,
		"pop3s": 995, "nntp": 119, "rtsp": 554, "sip": 5060, "sips": 5061, "git": 9418, "irc": 6667,
		"ircs": 6697, "xmpp": 5222, "kafka": 9092, "nats": 4222, "memcached": 11211,
	}
	for name, p := range want {
		sch, ok := port.LookupScheme(strings.ToUpper(name))
		if !ok || sch.Port() != p {
			t.Errorf("LookupScheme(%q) = %d, %v; want %d", name, sch.Port(), ok, p)
		}
	}
	schemes := port.Schemes()
	for i, sch := range schemes {
		if i > 0 && schemes[i-1].Name() >= sch.Name() {
			t.Errorf("Schemes() not sorted at %q", sch.Name())
		}
		e, err := port.ParseURL(sch.Name() + "://example.com")
		if err != nil || e.Port() != sch.Port() || !e.PortIsDefault() {
			t.Errorf("ParseURL(%s://example.com) = %v, %v; want default port %d", sch.Name(), e.Socket(), err, sch.Port())
		}
		if sch.Service() == "" {
			if sch.Note() == "" {
				t.Errorf("scheme %q has no registry service and no note saying why", sch.Name())
			}
		} else if !registered(r, sch.Service(), sch.Port(), sch.Transport()) {
			t.Errorf("scheme %q: registry has no %q on %d/%v", sch.Name(), sch.Service(), sch.Port(), sch.Transport())
		}
		if sch.Service() != sch.Name() && sch.Note() == "" {
			t.Errorf("scheme %q: registry service %q differs and the note does not say so", sch.Name(), sch.Service())
		}
		for _, rec := range r.Service(sch.Name(), sch.Transport()) {
			if rec.HasPort() && !rec.Contains(sch.Port()) && sch.Note() == "" {
				t.Errorf("scheme %q: default %d, registry %s; note needed", sch.Name(), sch.Port(), rec.PortString())
			}
		}
	}
}

func registered(r *port.Registry, service string, p uint16, t port.Transport) bool {
	for _, rec := range r.Service(service, 0) {
		if rec.Contains(p) && rec.Transport().Overlaps(t) {
			return true
		}
	}
	return false
}

func FuzzParseURL(f *testing.F) {
	for _, s := range []string{"https://example.com/", "postgres://user:pw@[::1]/db", "HTTP://X:1",
		"http://[fe80::1%25eth0]:8080/", "foo://h", "redis://:p@h:0", "a://b:c@d:65535/e?f#g"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		e, err := port.ParseURL(s)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "url ") {
				t.Fatalf("ParseURL(%q) error %q does not name the url", s, err)
			}
			return
		}
		sock := e.Socket()
		back, err := port.ParseSocket(sock.String())
		if err != nil || back != sock {
			t.Fatalf("ParseURL(%q).Socket() = %v, which parses back as %v, %v", s, sock, back, err)
		}
		if e.Explain() == "" {
			t.Fatalf("ParseURL(%q).Explain() is empty", s)
		}
	})
}
