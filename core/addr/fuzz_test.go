package addr_test

import (
	"math/big"
	"net/netip"
	"slices"
	"strings"
	"testing"

	"github.com/netground/netground/core/addr"
)

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"", " ", "0.0.0.0", "255.255.255.255", "192.0.2.1", "010.0.0.1", "127.1", "0x7f.0.0.1",
		"1.2.3.256", "1.2.3.4.5", "::", "::1", "1::2::3", "fe80::1%eth0", "[::1]:80", "1.2.3.4:80",
		"10.0.0.0/8", "::ffff:192.0.2.1", "64:ff9b::192.0.2.1", "2001:db8::1", "[2001:db8::1]",
		"1:2:3:4:5:6:7:8", "1:2:3:4:5:6:1.2.3.4", "12345::", "::ffff:1.2.3", "fe80::1%", "3232235777",
		"example.com", "localhost:8080", "2001:0:4136:e378:8000:63bf:3fff:fdd2",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, err := addr.Parse(s)
		// The model: netip.ParseAddr on the trimmed, unbracketed text accepts exactly the same.
		model := strings.TrimSpace(s)
		if strings.HasPrefix(model, "[") && strings.HasSuffix(model, "]") {
			model = strings.TrimSpace(model[1 : len(model)-1])
		}
		if _, zone, ok := strings.Cut(model, "%"); ok && strings.ContainsAny(zone, "/]") {
			// netip takes any zone; Parse reads "/" as the start of a prefix length
			// ("fe80::1%eth0/64" is a subnet) and "]" as the end of brackets.
			if err == nil && (strings.Contains(zone, "/") || !strings.HasPrefix(a.Zone(), zone)) {
				t.Fatalf("Parse(%q) = %v; want an error for a zone with / or a bracket", s, a)
			}
			if err == nil {
				checkRoundTrips(t, a)
			}
			return
		}
		want, werr := netip.ParseAddr(model)
		if (err == nil) != (werr == nil) || a != want {
			t.Fatalf("Parse(%q) = %v, %v; want %v, %v (netip.ParseAddr(%q))", s, a, err, want, werr, model)
		}
		if err != nil {
			var pe *addr.ParseError
			if pe, _ = err.(*addr.ParseError); pe == nil || pe.Input != s || pe.Reason == "" {
				t.Fatalf("Parse(%q) error = %#v; want a *ParseError with a reason", s, err)
			}
			if strings.Contains(pe.Reason, "not a valid IP address") {
				t.Fatalf("Parse(%q) fell back to the generic error; checkIPv4/checkIPv6 missed it", s)
			}
			return
		}
		checkRoundTrips(t, a)
	})
}

// FuzzForms builds addresses from raw bytes, so that every address is reached, not only those
// the string fuzzer finds.
func FuzzForms(f *testing.F) {
	f.Add([]byte{192, 0, 2, 1}, "")
	f.Add([]byte{0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, "")
	f.Add([]byte{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 10, 0, 0, 1}, "")
	f.Add([]byte{0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, "eth0")
	f.Add([]byte{0x20, 0x01, 0, 0, 0x41, 0x36, 0xe3, 0x78, 0x80, 0, 0x63, 0xbf, 0x3f, 0xff, 0xfd, 0xd2}, "")
	f.Add([]byte{0, 0x64, 0xff, 0x9b, 0, 1, 0xc0, 0, 0, 2, 0x21, 0, 0, 0, 0, 0}, "")
	f.Fuzz(func(t *testing.T, b []byte, zone string) {
		a, ok := netip.AddrFromSlice(b)
		if !ok {
			return
		}
		if a.Is6() && zone != "" && !strings.ContainsAny(zone, "%/]") && strings.TrimSpace(zone) == zone {
			a = a.WithZone(zone)
		}
		checkRoundTrips(t, a)
		if got, want := rowStrings(addr.Classify(a)), classifyModel(a); !slices.Equal(got, want) {
			t.Fatalf("Classify(%v) = %v; want %v", a, got, want)
		}
		v := addr.Reachability(a)
		checkTexts(t, a, v)
		if v.Kind != addr.KindOf(a) {
			t.Fatalf("Reachability(%v).Kind = %v; KindOf = %v", a, v.Kind, addr.KindOf(a))
		}
	})
}

// checkRoundTrips checks that every text form of a parses or converts back to a.
func checkRoundTrips(t *testing.T, a netip.Addr) {
	t.Helper()
	f := addr.FormsOf(a)
	forms := []string{f.Canonical(), f.Expanded(), " " + f.Expanded() + " "}
	if !strings.Contains(a.Zone(), "]") {
		forms = append(forms, "["+f.Canonical()+"]")
	}
	for _, s := range forms {
		if back, err := addr.Parse(s); err != nil || back != a {
			t.Fatalf("Parse(%q) = %v, %v; want %v", s, back, err, a)
		}
	}
	n, ok := new(big.Int).SetString(f.Decimal(), 10)
	if !ok {
		t.Fatalf("FormsOf(%v).Decimal() = %q; not a number", a, f.Decimal())
	}
	raw := a.AsSlice()
	if got := n.FillBytes(make([]byte, len(raw))); !slices.Equal(got, raw) {
		t.Fatalf("FormsOf(%v).Decimal() = %s; reads back as %x, want %x", a, f.Decimal(), got, raw)
	}
	if h, ok := new(big.Int).SetString(strings.TrimPrefix(f.Hex(), "0x"), 16); !ok || h.Cmp(n) != 0 {
		t.Fatalf("FormsOf(%v).Hex() = %s; want the same number as Decimal %s", a, f.Hex(), f.Decimal())
	}
	bin := strings.NewReplacer(".", "", ":", "").Replace(f.Binary())
	if h, ok := new(big.Int).SetString(bin, 2); !ok || h.Cmp(n) != 0 || len(bin) != a.BitLen() {
		t.Fatalf("FormsOf(%v).Binary() = %s; want the same %d-bit number as Decimal %s", a, f.Binary(), a.BitLen(), f.Decimal())
	}
	if m := f.Mapped(); m.IsValid() && addr.FormsOf(m).Mapped() != a.WithZone("") {
		t.Fatalf("FormsOf(FormsOf(%v).Mapped()).Mapped() = %v; want %v", a, addr.FormsOf(m).Mapped(), a.WithZone(""))
	}
	rev := f.ReverseDNS()
	if !strings.HasSuffix(rev, ".in-addr.arpa") && !strings.HasSuffix(rev, ".ip6.arpa") {
		t.Fatalf("FormsOf(%v).ReverseDNS() = %q", a, rev)
	}
	if e := addr.Embedded(a); e.IsValid() && (!e.IPv4.Is4() || !e.Prefix.Contains(a.WithZone(""))) {
		t.Fatalf("Embedded(%v) = %+v; want an IPv4 address and a prefix containing %v", a, e, a)
	}
}
