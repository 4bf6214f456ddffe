package addr_test

import (
	"net/netip"
	"strings"
	"testing"

	"github.com/netground/netground/core/addr"
)

func TestReachability(t *testing.T) {
	tests := []struct {
		in       string
		answer   string
		kind     string
		decides  string // the deciding row's block, "" for none
		embedded string // Verdict.Embedded, "" for none
	}{
		{"8.8.8.8", "yes", "public", "", ""},
		{"2606:4700::1111", "yes", "public", "", ""},
		{"10.0.0.1", "no", "private-use", "10.0.0.0/8", ""},
		{"192.168.1.1", "no", "private-use", "192.168.0.0/16", ""},
		{"100.64.0.1", "no", "shared", "100.64.0.0/10", ""},
		{"127.0.0.1", "no", "loopback", "127.0.0.0/8", ""},
		{"::1", "no", "loopback", "::1/128", ""},
		{"169.254.169.254", "no", "link-local", "169.254.0.0/16", ""},
		{"fe80::1%eth0", "no", "link-local", "fe80::/10", ""},
		{"0.0.0.0", "no", "unspecified", "0.0.0.0/32", ""},
		{"::", "no", "unspecified", "::/128", ""},
		{"0.1.2.3", "no", "this-network", "0.0.0.0/8", ""},
		{"192.0.0.1", "no", "service-continuity", "192.0.0.0/29", ""},
		{"192.0.0.9", "yes", "anycast", "192.0.0.9/32", ""}, // more specific than 192.0.0.0/24
		{"192.0.0.10", "yes", "anycast", "192.0.0.10/32", ""},
		{"192.0.0.11", "no", "ietf-protocol", "192.0.0.0/24", ""},
		{"192.0.0.170", "no", "nat64-discovery", "192.0.0.170/32", ""},
		{"192.0.2.1", "no", "documentation", "192.0.2.0/24", ""},
		{"192.31.196.1", "yes", "anycast", "192.31.196.0/24", ""},
		{"192.88.99.1", "depends", "deprecated", "", ""},
		{"192.88.99.2", "no", "anycast", "192.88.99.2/32", ""},
		{"198.18.0.1", "no", "benchmarking", "198.18.0.0/15", ""},
		{"240.0.0.1", "no", "reserved", "240.0.0.0/4", ""},
		{"255.255.255.255", "no", "limited-broadcast", "255.255.255.255/32", ""},
		{"224.0.0.1", "no", "multicast", "224.0.0.0/24", ""},
		{"224.0.1.1", "depends", "multicast", "224.0.0.0/4", ""},
		{"232.1.1.1", "depends", "multicast", "232.0.0.0/8", ""},
		{"239.255.255.250", "no", "multicast", "239.0.0.0/8", ""},
		{"ff02::1", "no", "multicast", "ff00::/8", ""},
		{"ff05::1:3", "no", "multicast", "ff00::/8", ""},
		{"ff0e::101", "depends", "multicast", "ff00::/8", ""},
		{"::ffff:8.8.8.8", "depends", "ipv4-mapped", "::ffff:0.0.0.0/96", "8.8.8.8"},
		{"::ffff:10.0.0.1", "depends", "ipv4-mapped", "::ffff:0.0.0.0/96", "10.0.0.1"},
		{"64:ff9b::8.8.8.8", "yes", "nat64", "64:ff9b::/96", "8.8.8.8"},
		{"64:ff9b::10.0.0.1", "no", "nat64", "64:ff9b::/96", "10.0.0.1"},
		{"64:ff9b:1:c000:2:2100::", "no", "nat64", "64:ff9b:1::/48", "192.0.2.33"},
		{"64:ff9b:1:c000:2ff:2100::", "no", "nat64", "64:ff9b:1::/48", ""},
		{"100::1", "no", "discard", "100::/64", ""},
		{"100:0:0:1::1", "no", "dummy", "100:0:0:1::/64", ""},
		{"2001:0:4136:e378:8000:63bf:3fff:fdd2", "depends", "teredo", "2001::/32", "192.0.2.45"},
		{"2001:1::1", "yes", "anycast", "2001:1::1/128", ""},
		{"2001:4::1", "no", "ietf-protocol", "2001::/23", ""},
		{"2001:10::1", "no", "deprecated", "2001::/23", ""}, // terminated: the block around it decides
		{"2001:20::1", "yes", "orchid", "2001:20::/28", ""},
		{"2001:30::1", "yes", "drone-id", "2001:30::/28", ""},
		{"2001:db8::1", "no", "documentation", "2001:db8::/32", ""},
		{"2002:c000:201::1", "depends", "6to4", "2002::/16", "192.0.2.1"},
		{"3fff::1", "no", "documentation", "3fff::/20", ""},
		{"5f00::1", "no", "srv6", "5f00::/16", ""},
		{"fd00::1", "no", "unique-local", "fc00::/7", ""},
		{"1::1", "no", "reserved", "", ""},
		{"fec0::1", "no", "reserved", "", ""},
		{"::192.0.2.1", "no", "reserved", "", ""},
	}
	for _, tt := range tests {
		a := addr.MustParse(tt.in)
		v := addr.Reachability(a)
		decides, embedded := "", ""
		if v.Row.IsValid() {
			decides = v.Row.Block().String()
		}
		if v.Embedded.IsValid() {
			embedded = v.Embedded.String()
		}
		if v.Answer.String() != tt.answer || v.Kind.String() != tt.kind || decides != tt.decides || embedded != tt.embedded {
			t.Errorf("Reachability(%s) = {%v %v row %q embedded %q}; want {%s %s row %q embedded %q}", tt.in, v.Answer, v.Kind, decides, embedded, tt.answer, tt.kind, tt.decides, tt.embedded)
		}
		checkTexts(t, a, v)
		if v.Kind != addr.KindOf(a) {
			t.Errorf("Reachability(%s).Kind = %v; KindOf = %v", tt.in, v.Kind, addr.KindOf(a))
		}
	}
	if v := addr.Reachability(netip.Addr{}); v != (addr.Verdict{}) || v.Answer.String() != "" {
		t.Errorf("Reachability(zero) = %+v; want the zero Verdict", v)
	}
}

// checkTexts checks the shape of a verdict's texts: a one-line summary starting with the
// answer, and a paragraph of sentences.
func checkTexts(t *testing.T, a netip.Addr, v addr.Verdict) {
	t.Helper()
	if !strings.HasPrefix(v.Summary, v.Answer.String()+" — ") || strings.ContainsAny(v.Summary, "\n") || strings.HasSuffix(v.Summary, ".") {
		t.Errorf("Reachability(%v).Summary = %q; want one line starting %q", a, v.Summary, v.Answer.String()+" — ")
	}
	if len(v.Explanation) < 80 || !strings.HasSuffix(v.Explanation, ".") || strings.Contains(v.Explanation, "\n") || strings.Contains(v.Explanation, "..") {
		t.Errorf("Reachability(%v).Explanation = %q; want one paragraph of sentences", a, v.Explanation)
	}
}

func TestAnswerString(t *testing.T) {
	tests := []struct {
		a    addr.Answer
		want string
	}{{addr.Yes, "yes"}, {addr.No, "no"}, {addr.Depends, "depends"}, {0, ""}}
	for _, tt := range tests {
		if got := tt.a.String(); got != tt.want {
			t.Errorf("Answer(%d).String() = %q; want %q", tt.a, got, tt.want)
		}
	}
}
