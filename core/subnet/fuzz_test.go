package subnet_test

import (
	"errors"
	"net/netip"
	"testing"

	"github.com/netground/netground/core/subnet"
)

func FuzzParse(f *testing.F) {
	for _, s := range []string{"192.168.1.10/24", "10.0.0.0 255.0.0.0", "10.0.0.0/0.0.0.255", "::/0", "2001:db8::1/127",
		"::ffff:10.0.0.0/104", "fe80::1%eth0/64", "010.0.0.0/8", "10.0.0.0/33", "", " ", "1.2.3.4", "1.2.3.4/ffff::", "/", "1.2.3.4 / 08"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sub, form, err := subnet.ParseForm(s)
		if err != nil {
			var se *subnet.Error
			if !errors.As(err, &se) || se.Input != s || se.Reason == "" {
				t.Fatalf("ParseForm(%q) error %v is not a *subnet.Error quoting the input", s, err)
			}
			return
		}
		if !sub.IsValid() || !sub.Contains(sub.Host()) || sub.Prefix() != sub.Prefix().Masked() {
			t.Fatalf("ParseForm(%q) = %v, inconsistent", s, sub)
		}
		back, backForm, err := subnet.ParseForm(sub.String())
		if err != nil || back != sub || backForm != subnet.FormLength {
			t.Fatalf("ParseForm(%q) = %v (%v); its String %q parses to %v, %v, %v", s, sub, form, sub.String(), back, backForm, err)
		}
		if _, err := sub.Info(subnet.CloudNone); err != nil {
			t.Fatalf("(%v).Info() error: %v", sub, err)
		}
	})
}

func FuzzInfo(f *testing.F) {
	f.Add([]byte{10, 0, 0, 5}, uint8(24), uint8(0))
	f.Add([]byte{10, 0, 0, 5}, uint8(31), uint8(1))
	f.Add([]byte{255, 255, 255, 255}, uint8(28), uint8(3))
	f.Add(make([]byte, 16), uint8(120), uint8(0))
	f.Add([]byte{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 10, 0, 0, 0}, uint8(116), uint8(2))
	f.Fuzz(func(t *testing.T, raw []byte, bits, cloud uint8) {
		a, ok := netip.AddrFromSlice(raw)
		if !ok {
			return
		}
		s, err := subnet.From(a, int(bits)%(a.BitLen()+1))
		if err != nil {
			t.Fatalf("From(%v, %d): %v", a, bits, err)
		}
		c := subnet.Cloud(cloud % 4)
		in, err := s.Info(c)
		if err != nil {
			if c == subnet.CloudNone {
				t.Fatalf("(%v).Info() error: %v", s, err)
			}
			return
		}
		if in.HostBits <= 12 {
			checkModel(t, s, c)
		}
		if in.Subnet.Prefix().Bits()+in.HostBits != a.BitLen() || in.FirstUsable.Compare(in.LastUsable) > 0 {
			t.Fatalf("(%v).Info(%v) = %+v", s, c, in)
		}
	})
}

func FuzzNeighbours(f *testing.F) {
	f.Add("10.0.0.5/16", "10.0.1.5/24", "10.0.0.1")
	f.Add("2001:db8::1/64", "2001:db8::2/64", "")
	f.Add("10.0.0.5/24", "10.0.0.5/24", "10.0.0.255")
	f.Fuzz(func(t *testing.T, as, bs, gws string) {
		a, errA := subnet.Parse(as)
		b, errB := subnet.Parse(bs)
		if errA != nil || errB != nil {
			return
		}
		gw, _ := netip.ParseAddr(gws)
		n, err := subnet.Neighbours(a, b, gw)
		if err != nil {
			return
		}
		if n.Explanation == "" || n.Verdict == subnet.VerdictNone {
			t.Fatalf("Neighbours(%v, %v, %v) = %+v", a, b, gw, n)
		}
		if (n.AToB == subnet.ReachDirect || n.AToB == subnet.ReachSelf) != a.Contains(b.Host()) {
			t.Fatalf("Neighbours(%v, %v).AToB = %v", a, b, n.AToB)
		}
	})
}

func FuzzParseCount(f *testing.F) {
	for _, s := range []string{"0", "1", "4294967296", "340282366920938463463374607431768211456", "340282366920938463463374607431768211457", "01", "-1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := subnet.ParseCount(s)
		if err != nil {
			return
		}
		if c.String() != s {
			t.Fatalf("ParseCount(%q).String() = %q", s, c.String())
		}
		if c.Cmp(subnet.Pow2(128)) > 0 {
			t.Fatalf("ParseCount(%q) = %v, above 2^128", s, c)
		}
	})
}
