package plan_test

import (
	"bufio"
	"net/netip"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/netground/netground/core/plan"
	"github.com/netground/netground/core/subnet"
)

// listOf parses a comma-separated list of prefixes.
func listOf(t *testing.T, s string) []netip.Prefix {
	t.Helper()
	if s == "" {
		return nil
	}
	var out []netip.Prefix
	for _, f := range strings.Split(s, ",") {
		p, err := netip.ParsePrefix(f)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, p)
	}
	return out
}

// TestGolden compares with Python's ipaddress; testdata/golden.py writes the
// vectors.
func TestGolden(t *testing.T) {
	f, err := os.Open("testdata/golden.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	counts := map[string]int{}
	for sc.Scan() {
		col := strings.Split(sc.Text(), "\t")
		counts[col[0]]++
		switch col[0] {
		case "subnets":
			bits, _ := strconv.Atoi(col[2])
			s, err := plan.SplitBits(netip.MustParsePrefix(col[1]), bits)
			if err != nil {
				t.Errorf("SplitBits(%s, %d): %v", col[1], bits, err)
				continue
			}
			total := s.Total()
			first, last := s.At(subnet.Count{}), s.At(total.Sub(subnet.CountOf(1)))
			if first != netip.MustParsePrefix(col[3]) || last != netip.MustParsePrefix(col[4]) || total.String() != col[5] {
				t.Errorf("SplitBits(%s, %d) = %v … %v (%v); python says %s … %s (%s)", col[1], bits, first, last, total, col[3], col[4], col[5])
			}
		case "collapse":
			in := listOf(t, col[1])
			if got, want := plan.Summarize(in), listOf(t, col[2]); !slices.Equal(got, want) {
				t.Errorf("Summarize(%v) = %v; python says %v", in, got, want)
			}
		case "exclude":
			from, remove := netip.MustParsePrefix(col[1]), netip.MustParsePrefix(col[2])
			if got, want := plan.Exclude(from, remove), listOf(t, col[3]); !slices.Equal(got, want) {
				t.Errorf("Exclude(%v, %v) = %v; python says %v", from, remove, got, want)
			}
		case "range":
			first, last := netip.MustParseAddr(col[1]), netip.MustParseAddr(col[2])
			got, err := plan.RangePrefixes(first, last)
			if want := listOf(t, col[3]); err != nil || !slices.Equal(got, want) {
				t.Errorf("RangePrefixes(%v, %v) = %v, %v; python says %v", first, last, got, err, want)
			}
		default:
			t.Fatalf("unknown row %q", col[0])
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	for _, kind := range []string{"subnets", "collapse", "exclude", "range"} {
		if counts[kind] < 100 {
			t.Errorf("only %d %s cases", counts[kind], kind)
		}
	}
}
