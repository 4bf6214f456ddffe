package addr_test

import (
	"net/netip"
	"testing"

	"github.com/netground/netground/core/addr"
)

var benchInputs = []string{"192.168.1.10", "2001:db8::1", "::ffff:192.0.2.1", "fe80::1%eth0", "10.0.0.1"}

func BenchmarkParse(b *testing.B) {
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, err := addr.Parse(benchInputs[i%len(benchInputs)]); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseError(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := addr.Parse("010.0.0.1"); err == nil {
			b.Fatal("no error")
		}
	}
}

func benchAddrs() []netip.Addr {
	var out []netip.Addr
	for _, s := range []string{"8.8.8.8", "192.0.0.9", "2001:1::1", "::ffff:10.0.0.1", "ff02::1"} {
		out = append(out, addr.MustParse(s))
	}
	return out
}

func BenchmarkClassify(b *testing.B) {
	as := benchAddrs()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		addr.Classify(as[i%len(as)])
	}
}

func BenchmarkKindOf(b *testing.B) {
	as := benchAddrs()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		addr.KindOf(as[i%len(as)])
	}
}

func BenchmarkReachability(b *testing.B) {
	as := benchAddrs()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		addr.Reachability(as[i%len(as)])
	}
}

func BenchmarkForms(b *testing.B) {
	f := addr.FormsOf(addr.MustParse("2001:db8::1"))
	b.ReportAllocs()
	for b.Loop() {
		_ = f.Decimal()
		_ = f.ReverseDNS()
		_ = f.Binary()
	}
}
