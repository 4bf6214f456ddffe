package paste_test

import (
	"strings"
	"testing"

	"github.com/netground/netground/core/paste"
)

func TestClassify(t *testing.T) {
	for _, tt := range []struct {
		in   string
		kind paste.Kind
		link string // "" to skip; a prefix when it ends in "…"
	}{
		{"8.8.8.8", paste.KindAddress, "/addr?ip=8.8.8.8"},
		{"  2001:db8::1 ", paste.KindAddress, "/addr?ip=2001:db8::1"},
		{"fe80::1%eth0", paste.KindAddress, "/addr?ip=fe80::1%25eth0"},
		{"[::1]", paste.KindAddress, "/addr?ip=::1"},
		{"10.0.0.0/24", paste.KindPrefix, "/subnet?net=10.0.0.0/24"},
		{"192.168.1.10/24", paste.KindPrefix, "/subnet?net=192.168.1.10/24"},
		{"10.0.0.0 255.255.255.0", paste.KindPrefix, "/subnet?net=10.0.0.0/24"},
		{"10.0.0.0 0.0.0.255", paste.KindPrefix, "/subnet?net=10.0.0.0/24"},
		{"2001:db8::/32", paste.KindPrefix, "/subnet?net=2001:db8::/32"},
		{"10.0.0.5-10.0.0.20", paste.KindRange, "/plan?mode=range&list=10.0.0.5-10.0.0.20"},
		{"10.0.0.5 - 10.0.0.20", paste.KindRange, "/plan?mode=range&list=10.0.0.5-10.0.0.20"},
		{"10.0.0.0/24\n10.0.1.0/24\r\n192.168.0.0 255.255.0.0\n", paste.KindPrefix, "/plan?mode=summarize&list=10.0.0.0/24%0A10.0.1.0/24%0A192.168.0.0/16"},
		{"10.0.0.1-10.0.0.9\n10.0.1.1-10.0.1.9", paste.KindRange, "/plan?mode=range&list=10.0.0.1-10.0.0.9%0A10.0.1.1-10.0.1.9"},
		{"5432", paste.KindPort, "/ports?q=5432"},
		{"80/tcp", paste.KindPort, "/ports?q=80/tcp"},
		{"udp/53", paste.KindPort, "/ports?q=53/udp"},
		{"postgres", paste.KindPort, "/ports?q=postgres"},
		{"SSH", paste.KindPort, "/ports?q=ssh"},
		{"127.0.0.1:8080", paste.KindSocket, "/ports?q=127.0.0.1:8080"},
		{"[::1]:5432", paste.KindSocket, "/ports?q=%5B::1%5D:5432"},
		{"localhost:3000", paste.KindSocket, "/ports?q=localhost:3000"},
		{"https://user:secret@example.com:8443/path?token=abc", paste.KindURL, "/ports?q=https://example.com:8443"},
		{"postgres://app:pw@db.internal/app", paste.KindURL, "/ports?q=postgres://db.internal"},
		{"listen tcp :8080: bind: address already in use", paste.KindError, "/bind?step=1#s=1.…"},
		{"Error: connect ECONNREFUSED 127.0.0.1:5432", paste.KindError, "/bind?step=1#s=1.…"},
		{"Traceback (most recent call last):\n  File \"app.py\", line 3, in <module>\nOSError: [Errno 98] Address already in use", paste.KindError, "/bind?step=1#s=1.…"},
		{"State  Recv-Q Send-Q Local Address:Port Peer Address:Port Process\nLISTEN 0 4096 0.0.0.0:22 0.0.0.0:*", paste.KindSockets, "/bind#s=1.…"},
		{dockerHeader + "\n" + dockerSamples[0].line, paste.KindContainers, "/bind#s=1.…"},
		{"lo UNKNOWN 127.0.0.1/8 ::1/128", paste.KindInterfaces, "/bind#s=1.…"},
		{"NAME   ENDPOINTS   AGE\nweb    <none>      1d", paste.KindCluster, "/k8s#s=1.…"},
		{"hello world", paste.KindUnknown, ""},
		{"", paste.KindUnknown, ""},
		{"10.0.0.300", paste.KindUnknown, ""},
		{"\x00\x01\x02binary", paste.KindUnknown, ""},
	} {
		r := paste.Classify(tt.in)
		if r.Kind != tt.kind {
			t.Errorf("Classify(%q).Kind = %v; want %v (%s)", tt.in, r.Kind, tt.kind, r.Summary)
			continue
		}
		if prefix, ok := strings.CutSuffix(tt.link, "…"); ok {
			if !strings.HasPrefix(r.Link, prefix) {
				t.Errorf("Classify(%q).Link = %q; want %s…", tt.in, r.Link, prefix)
			}
		} else if r.Link != tt.link {
			t.Errorf("Classify(%q).Link = %q; want %q", tt.in, r.Link, tt.link)
		}
		if r.Summary == "" {
			t.Errorf("Classify(%q) has no summary", tt.in)
		}
		if tt.kind == paste.KindUnknown && r.Page != "" {
			t.Errorf("Classify(%q).Page = %q; want none", tt.in, r.Page)
		}
		if strings.Contains(r.Link, "secret") || strings.Contains(r.Link, "token") {
			t.Errorf("Classify(%q).Link = %q carries private parts of the paste", tt.in, r.Link)
		}
	}
}

func TestKindText(t *testing.T) {
	want := []string{"unknown", "address", "prefix", "range", "port", "socket", "url", "error", "sockets", "containers", "interfaces", "cluster"}
	for i, w := range want {
		k := paste.Kind(i)
		if k.String() != w {
			t.Errorf("Kind(%d).String() = %q; want %q", i, k.String(), w)
		}
		var back paste.Kind
		if err := back.UnmarshalText([]byte(w)); err != nil || back != k {
			t.Errorf("UnmarshalText(%q) = %v, %v; want %v", w, back, err, k)
		}
	}
	if len(paste.Forms()) < 5 {
		t.Errorf("Forms() lists too little")
	}
}

func TestLimits(t *testing.T) {
	huge := strings.Repeat("x", 2*paste.MaxBytes)
	r := paste.Classify(huge)
	if r.Kind != paste.KindUnknown || len(r.Notes) == 0 {
		t.Errorf("Classify(2 MiB line) = %v, notes %v; want unknown with a note", r.Kind, r.Notes)
	}
	many := strings.Repeat("10.0.0.1\n", paste.MaxLines+10)
	r = paste.Classify(many)
	if len(r.Notes) == 0 {
		t.Errorf("Classify(%d lines) has no note about the limit", paste.MaxLines+10)
	}
	bin := "State Recv-Q Send-Q Local Address:Port Peer Address:Port\nLISTEN 0 1 0.0.0.0:22 0.0.0.0:*\n\x00\x00garbage"
	r = paste.Classify(bin)
	if r.Kind != paste.KindSockets || !strings.Contains(strings.Join(r.Notes, " "), "binary") {
		t.Errorf("Classify(text then binary) = %v %v; want sockets with a note on binary data", r.Kind, r.Notes)
	}
}
