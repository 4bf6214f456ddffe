package tool_test

import (
	"errors"
	"math/big"
	"net/netip"
	"strings"
	"testing"

	"github.com/netground/netground/core/tool"
)

// checkError fails unless err is a *tool.Error quoting in.
func checkError(t *testing.T, call string, in string, err error) {
	t.Helper()
	var te *tool.Error
	if !errors.As(err, &te) || te.Input != in || te.Reason == "" {
		t.Fatalf("%s(%q) error %v is not a *tool.Error quoting the input", call, in, err)
	}
}

func FuzzParseMAC(f *testing.F) {
	for _, s := range []string{"34-56-78-9a-bc-de", "34:56:78:9a:bc:de", "3456.789a.bcde", "3456.789A.BCDE", "34:56:78:ff:fe:9a:bc:de",
		"", ":", "34:56-78", "3456789abcde", "34:56:78:9a:bc:dé", "::::::", "....."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := tool.ParseMAC(s)
		if err != nil {
			checkError(t, "ParseMAC", s, err)
			return
		}
		if !tool.LooksLikeMAC(s) {
			t.Fatalf("ParseMAC(%q) = %v, but LooksLikeMAC(%q) is false", s, m, s)
		}
		if !m.IsValid() || len(s) != 17 && len(s) != 14 || !strings.EqualFold(s, m.Format(s[2], 2)) && !strings.EqualFold(s, m.Format('.', 4)) {
			t.Fatalf("ParseMAC(%q) = %v, which does not print back as the input", s, m)
		}
		for _, form := range []string{m.String(), m.Format('-', 2), m.Format('.', 4)} {
			if back, err := tool.ParseMAC(form); back != m || err != nil {
				t.Fatalf("ParseMAC(%q) = %v; its form %q parses to %v, %v", s, m, form, back, err)
			}
		}
		// The EUI-64 round trip holds for every MAC.
		if back, ok := m.InterfaceID().MAC(); !ok || back != m {
			t.Fatalf("(%v).InterfaceID().MAC() = %v, %v", m, back, ok)
		}
	})
}

func bigOf(a netip.Addr) *big.Int { return new(big.Int).SetBytes(a.AsSlice()) }

func FuzzParseDelta(f *testing.F) {
	for _, s := range []string{"0", "-1", "+42", "0x100", "-0XFF", "340282366920938463463374607431768211455", "340282366920938463463374607431768211456", "", "-", "0x", "1_000"} {
		f.Add(s, []byte{192, 0, 2, 1})
	}
	f.Add("-5", []byte{0x20, 1, 0xd, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3})
	f.Fuzz(func(t *testing.T, s string, addr []byte) {
		d, err := tool.ParseDelta(s)
		if err != nil {
			checkError(t, "ParseDelta", s, err)
			return
		}
		want, ok := bigDelta(s)
		if !ok || want.String() != d.String() {
			t.Fatalf("ParseDelta(%q) = %v; math/big reads %v", s, d, want)
		}
		if back, err := tool.ParseDelta(d.String()); back != d || err != nil {
			t.Fatalf("ParseDelta(%q) = %v; its String parses to %v, %v", s, d, back, err)
		}
		// Add against math/big, and Distance undoing it.
		a, ok := netip.AddrFromSlice(addr)
		if !ok {
			return
		}
		sum := new(big.Int).Add(bigOf(a), want)
		got, err := tool.Add(a, d)
		inRange := sum.Sign() >= 0 && sum.BitLen() <= a.BitLen()
		if inRange != (err == nil) || (err == nil && bigOf(got).Cmp(sum) != 0) {
			t.Fatalf("Add(%v, %v) = %v, %v; math/big says %v", a, d, got, err, sum)
		}
		if err == nil {
			if back, err := tool.Distance(a, got); back != d || err != nil {
				t.Fatalf("Distance(%v, %v) = %v, %v; want %v", a, got, back, err, d)
			}
		}
	})
}

// bigDelta reads s as ParseDelta documents it, with math/big.
func bigDelta(s string) (*big.Int, bool) {
	body, neg := strings.TrimPrefix(s, "+"), strings.HasPrefix(s, "-")
	body = strings.TrimPrefix(body, "-")
	base := 10
	if len(body) > 1 && body[0] == '0' && (body[1] == 'x' || body[1] == 'X') {
		base, body = 16, body[2:]
	}
	n, ok := new(big.Int).SetString(body, base)
	if ok && neg {
		n.Neg(n)
	}
	return n, ok
}
