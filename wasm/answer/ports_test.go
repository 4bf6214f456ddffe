package answer

import (
	"os"
	"strings"
	"testing"

	"github.com/netground/netground/core/port"
)

func TestDescribePortsWithoutRegistry(t *testing.T) {
	tests := []struct{ q, mode, port, rng, err string }{
		{"0", "port", "0", "reserved", ""},
		{"65535", "port", "65535", "dynamic", ""},
		{"65536", "port", "", "", "65536"},
		{"127.0.0.1:8080", "socket", "8080", "registered", ""},
		{"[::1]:443", "socket", "443", "well-known", ""},
		{"::1:80", "socket", "", "", "[::1]:80"},
		{"https://example.com", "url", "443", "well-known", ""},
		{"postgres://u:p@[::1]/db", "url", "5432", "registered", ""},
		{"80/tcp", "port", "80", "well-known", ""},
		{"udp/53", "port", "53", "well-known", ""},
		{"80/tpc", "port", "", "", `"tpc" is not tcp, udp, sctp or dccp`},
	}
	for _, tt := range tests {
		v := DescribePorts(tt.q, nil)
		if v.Mode != tt.mode || v.Port != tt.port || !strings.Contains(v.Range, tt.rng) || (tt.err == "") != (v.Err == "") || !strings.Contains(v.Err, tt.err) {
			t.Errorf("DescribePorts(%q) = mode %q port %q range %q err %q; want %q %q %q err containing %q", tt.q, v.Mode, v.Port, v.Range, v.Err, tt.mode, tt.port, tt.rng, tt.err)
		}
	}
}

func TestDescribePortsWithRegistry(t *testing.T) {
	data, err := os.ReadFile("../../core/port/data/services.bin")
	if err != nil {
		t.Fatal(err)
	}
	reg, err := port.ParseRegistry(data)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ q, service, port string }{
		{"postgres", "postgresql", "5432"},
		{"22", "ssh", "22"},
		{"https", "https", "443"},
		{"10.0.0.5:3306", "mysql", "3306"},
		{"80/tcp", "http", "80"},
		{"UDP/53", "domain", "53"},
		{"dns", "domain", "53"},
		{"ssh", "ssh", "22"},
		{"game", "", ""},
	} {
		v := DescribePorts(tt.q, reg)
		if v.Service != tt.service || v.Port != tt.port {
			t.Errorf("DescribePorts(%q) = service %q port %q; want %q %q", tt.q, v.Service, v.Port, tt.service, tt.port)
		}
	}
	for _, tt := range []struct{ q, transport string }{
		{"80/tcp", "tcp"}, {"udp/53", "udp"}, {"80", ""},
	} {
		v := DescribePorts(tt.q, reg)
		if v.Transport != tt.transport {
			t.Errorf("DescribePorts(%q).Transport = %q; want %q", tt.q, v.Transport, tt.transport)
		}
		for _, r := range v.Rows {
			if tt.transport != "" && !strings.Contains(r.Transport, tt.transport) {
				t.Errorf("DescribePorts(%q) row %s %s/%s; want only %s", tt.q, r.Name, r.Port, r.Transport, tt.transport)
			}
		}
	}
	v := DescribePorts("game", reg)
	if len(v.Rows) == 0 || len(v.Notes) != 1 || !strings.Contains(v.Notes[0], "No service is named “game”") {
		t.Errorf("DescribePorts(\"game\") = %d rows, notes %q; want rows and a note that no service has that name", len(v.Rows), v.Notes)
	}
}
