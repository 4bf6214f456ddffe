package paste_test

import (
	"testing"

	"github.com/netground/netground/core/paste"
)

func TestRefURL(t *testing.T) {
	for _, tt := range []struct{ ref, want string }{
		{"bind(2): EADDRINUSE", "https://man7.org/linux/man-pages/man2/bind.2.html"},
		{"tcp(7)", "https://man7.org/linux/man-pages/man7/tcp.7.html"},
		{"ip-route(8)", "https://man7.org/linux/man-pages/man8/ip-route.8.html"},
		{"iptables-extensions(8): REJECT", "https://man7.org/linux/man-pages/man8/iptables-extensions.8.html"},
		{"RFC 9293 §3.10.7.1 (a SYN to a closed port gets a RST)", "https://www.rfc-editor.org/rfc/rfc9293"},
		{"curl: libcurl error codes, CURLE_GOT_NOTHING (52)", "https://curl.se/libcurl/c/libcurl-errors.html"},
		{"Windows Sockets error codes: WSAEADDRINUSE (10048), learn.microsoft.com/windows/win32/winsock/windows-sockets-error-codes-2",
			"https://learn.microsoft.com/windows/win32/winsock/windows-sockets-error-codes-2"},
		{"RFC", ""},
		{"RFC x", ""},
		{"Bind(2)", ""},
		{"bind(9)", ""},
		{"(2)", ""},
		{"something else", ""},
	} {
		if got := paste.RefURL(tt.ref); got != tt.want {
			t.Errorf("RefURL(%q) = %q; want %q", tt.ref, got, tt.want)
		}
	}
	// Every reference a diagnosis gives has a place, and every diagnosis a fix.
	for _, line := range []string{
		"bind: address already in use", "connect ECONNREFUSED 127.0.0.1:5432", "dial tcp 10.0.0.9:443: i/o timeout",
		"connect: no route to host", "connect: network is unreachable", "bind: cannot assign requested address",
		"listen tcp :80: bind: permission denied", "curl: (52) Empty reply from server", "read: connection reset by peer",
		"Only one usage of each socket address (protocol/network address/port) is normally permitted. (10048)",
	} {
		d, ok := paste.Diagnose(line)
		if !ok {
			t.Errorf("Diagnose(%q) found no error", line)
			continue
		}
		if d.Fix == "" || len(d.Causes) == 0 {
			t.Errorf("Diagnose(%q) gives no fix or no cause", line)
		}
		for _, r := range d.Refs {
			if paste.RefURL(r) == "" {
				t.Errorf("Diagnose(%q): reference %q has no address", line, r)
			}
		}
	}
}
