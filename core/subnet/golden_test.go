package subnet_test

import (
	"bufio"
	"net/netip"
	"os"
	"strings"
	"testing"

	"github.com/netground/netground/core/subnet"
)

// TestGolden compares with Python's ipaddress; testdata/golden.py writes the
// vectors.
func TestGolden(t *testing.T) {
	f, err := os.Open("testdata/golden.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		col := strings.Split(sc.Text(), "\t")
		if len(col) != 7 {
			t.Fatalf("line %d: %d columns", n+1, len(col))
		}
		n++
		s, err := subnet.Parse(col[0])
		if err != nil {
			t.Errorf("Parse(%q): %v", col[0], err)
			continue
		}
		in, err := s.Info(subnet.CloudNone)
		if err != nil {
			t.Errorf("(%v).Info(): %v", s, err)
			continue
		}
		addr := netip.MustParseAddr
		check := func(what string, got, want any) {
			if got != want {
				t.Errorf("(%s) %s = %v; python says %v", col[0], what, got, want)
			}
		}
		check("Network", in.Network, addr(col[1]))
		check("Last", in.Last, addr(col[2]))
		check("Total", in.Total.String(), col[3])
		check("Mask", in.Mask, addr(col[4]))
		check("Wildcard", in.Wildcard, addr(col[5]))
		if col[6] == "-" {
			check("Parent", in.Parent, netip.Prefix{})
		} else {
			check("Parent", in.Parent, netip.MustParsePrefix(col[6]))
		}
		if in.Broadcast.IsValid() {
			check("Broadcast", in.Broadcast, addr(col[2]))
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if n < 1000 {
		t.Errorf("only %d golden cases", n)
	}
}
