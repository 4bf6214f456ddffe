package plan_test

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"
	"testing"

	"github.com/netground/netground/core/plan"
	"github.com/netground/netground/core/subnet"
	"go4.org/netipx"
)

// leafText describes a tree's leaves as "prefix usable name" items
// separated by " | ".
func leafText(t plan.Tree, cloud subnet.Cloud) string {
	var out []string
	for _, l := range t.Leaves() {
		u, err := l.Usable(cloud)
		us := u.String()
		if err != nil {
			us = "-"
		}
		s := l.Prefix.String() + " " + us
		if l.Name != "" {
			s += " " + l.Name
		}
		out = append(out, s)
	}
	return strings.Join(out, " | ")
}

// checkCover fails unless the leaves of tr lie in address order, each on
// its own boundary, and cover the root exactly.
func checkCover(t *testing.T, tr plan.Tree) {
	t.Helper()
	leaves := tr.Leaves()
	if len(leaves) == 0 || len(leaves) > plan.MaxTreeLeaves {
		t.Fatalf("%v: %d leaves", tr, len(leaves))
	}
	root := tr.Root()
	if leaves[0].Prefix.Addr() != root.Addr() {
		t.Fatalf("%v: first leaf %v does not start the root", tr, leaves[0].Prefix)
	}
	var sum subnet.Count
	for i, l := range leaves {
		if l.Prefix != l.Prefix.Masked() || l.Prefix.Bits() < root.Bits() || !root.Contains(l.Prefix.Addr()) {
			t.Fatalf("%v: leaf %v is not a subnet of the root", tr, l.Prefix)
		}
		if i > 0 && netipx.PrefixLastIP(leaves[i-1].Prefix).Next() != l.Prefix.Addr() {
			t.Fatalf("%v: leaf %v does not follow %v", tr, l.Prefix, leaves[i-1].Prefix)
		}
		sum = sum.Add(l.Size())
	}
	if sum != subnet.Size(root) {
		t.Fatalf("%v: leaves hold %v addresses; the root %v", tr, sum, subnet.Size(root))
	}
}

func TestTreeParse(t *testing.T) {
	tests := []struct {
		in     string
		cloud  subnet.Cloud
		leaves string // "" for an error
		err    string // a part of the error
		canon  string // String() when it differs from in
	}{
		{"10.0.0.0/24", 0, "10.0.0.0/24 254", "", ""},
		{"10.0.0.0/24:25,26,26", 0, "10.0.0.0/25 126 | 10.0.0.128/26 62 | 10.0.0.192/26 62", "", "10.0.0.0/24:25,26x2"},
		{"10.0.0.0/24:25,26x2", 0, "10.0.0.0/25 126 | 10.0.0.128/26 62 | 10.0.0.192/26 62", "", ""},
		{"10.0.0.0/30:31,32x2", 0, "10.0.0.0/31 2 | 10.0.0.2/32 1 | 10.0.0.3/32 1", "", ""},
		{"10.0.0.0/31:32x2", 0, "10.0.0.0/32 1 | 10.0.0.1/32 1", "", ""},
		{"255.255.255.254/31:32x2", 0, "255.255.255.254/32 1 | 255.255.255.255/32 1", "", ""},
		{"0.0.0.0/0:1x2", 0, "0.0.0.0/1 2147483646 | 128.0.0.0/1 2147483646", "", ""},
		{"2001:db8::/63:64x2", 0, "2001:db8::/64 18446744073709551616 | 2001:db8:0:1::/64 18446744073709551616", "", ""},
		{"2001:db8::/126:127,128x2", 0, "2001:db8::/127 2 | 2001:db8::2/128 1 | 2001:db8::3/128 1", "", ""},
		{"::/0:1,2x2", 0, "::/1 170141183460469231731687303715884105728 | 8000::/2 85070591730234615865843651857942052864 | c000::/2 85070591730234615865843651857942052864", "", ""},
		{"10.0.0.0/24:25x2", subnet.CloudAWS, "10.0.0.0/25 123 | 10.0.0.128/25 123", "", ""},
		{"10.0.0.0/28:29x2", subnet.CloudAWS, "10.0.0.0/29 - | 10.0.0.8/29 -", "", ""},
		{"10.0.0.0/28:29x2", subnet.CloudAzure, "10.0.0.0/29 3 | 10.0.0.8/29 3", "", ""},
		{"2001:db8::/64", subnet.CloudGCP, "2001:db8::/64 -", "", ""},
		{"10.0.0.0/24:24", 0, "10.0.0.0/24 254", "", "10.0.0.0/24"},
		{"10.0.0.0/24:25x1,25", 0, "10.0.0.0/25 126 | 10.0.0.128/25 126", "", "10.0.0.0/24:25x2"},

		{"10.0.0.0/24:", 0, "", `tree "10.0.0.0/24:": nothing after the colon`, ""},
		{"10.0.0.5/24", 0, "", "has host bits set; its network is 10.0.0.0/24", ""},
		{"10.0.0.0/33", 0, "", `tree "10.0.0.0/33"`, ""},
		{"10.0.0.0", 0, "", `tree "10.0.0.0"`, ""},
		{"10.0.0.0/24:25", 0, "", "the subnets end at 10.0.0.127, short of the end of 10.0.0.0/24 at 10.0.0.255", ""},
		{"10.0.0.0/24:25x3", 0, "", "go past the end of 10.0.0.0/24 after 2 subnets", ""},
		{"10.0.0.0/24:26,25,26", 0, "", "subnet 2 would be a /25 at 10.0.0.64, which is not on a /25 boundary", ""},
		{"10.0.0.0/24:23", 0, "", "a /23 is larger than the /24", ""},
		{"10.0.0.0/24:33", 0, "", `"33" is not a prefix length from 24 to 32`, ""},
		{"10.0.0.0/24:025,25", 0, "", `"025" is not a prefix length`, ""},
		{"10.0.0.0/24:+25,25", 0, "", `"+25" is not a prefix length`, ""},
		{"10.0.0.0/24:25, 25", 0, "", `" 25" is not a prefix length`, ""},
		{"10.0.0.0/24:25x0,25x2", 0, "", `"25x0": the count after x must be`, ""},
		{"10.0.0.0/24:25x,25", 0, "", `"25x": the count after x must be`, ""},
		{"10.0.0.0/24:25,,25", 0, "", `"" is not a prefix length`, ""},
		{"10.0.0.0/16:28x4097", 0, "", "the count after x must be a whole number from 1 to 4096", ""},
		{"10.0.0.0/16:29x4096,29x4096", 0, "", "more than 4096 subnets", ""},
		{"10.0.0.0/16:28x4096", 0, "4096", "", ""}, // leaves counted below
	}
	for _, tt := range tests {
		tr, err := plan.ParseTree(tt.in)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("ParseTree(%q) error = %v; want %q in it", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseTree(%q) error: %v", tt.in, err)
			continue
		}
		checkCover(t, tr)
		if tt.leaves == "4096" {
			if tr.Len() != 4096 {
				t.Errorf("ParseTree(%q).Len() = %d; want 4096", tt.in, tr.Len())
			}
		} else if got := leafText(tr, tt.cloud); got != tt.leaves {
			t.Errorf("ParseTree(%q) leaves (%v) = %s; want %s", tt.in, tt.cloud, got, tt.leaves)
		}
		want := tt.canon
		if want == "" {
			want = tt.in
		}
		if got := tr.String(); got != want {
			t.Errorf("ParseTree(%q).String() = %q; want %q", tt.in, got, want)
		}
		back, err := plan.ParseTree(tr.String())
		if err != nil || back.String() != tr.String() || back.Len() != tr.Len() {
			t.Errorf("ParseTree(%q) does not round-trip: %v, %v", tr.String(), back, err)
		}
	}
}

func TestTreeDivideJoin(t *testing.T) {
	tr := plan.NewTree(pfx("10.0.0.77/24"))
	steps := []struct {
		op     string // divide, join, name, all
		p      string
		name   string
		shape  string // after the step; the tree is kept on error
		names  string
		errMsg string
	}{
		{"join", "10.0.0.0/24", "", "", "", "is the whole network"},
		{"divide", "10.0.0.0/24", "", "25x2", "", ""},
		{"name", "10.0.0.0/25", " office, 2nd floor ", "25x2", `office\, 2nd floor`, ""},
		{"divide", "10.0.0.0/25", "", "26x2,25", `office\, 2nd floor`, ""},
		{"name", "10.0.0.128/25", `lab\east`, "26x2,25", `office\, 2nd floor,,lab\\east`, ""},
		{"divide", "10.0.0.128/25", "", "26x4", `office\, 2nd floor,,lab\\east`, ""},
		{"divide", "10.0.0.0/25", "", "26x4", `office\, 2nd floor,,lab\\east`, `"10.0.0.0/25" is not one of the subnets of 10.0.0.0/24`},
		{"divide", "10.0.0.192/26", "", "26x3,27x2", `office\, 2nd floor,,lab\\east`, ""},
		{"join", "10.0.0.64/26", "", "25,26,27x2", `office\, 2nd floor,lab\\east`, ""},
		{"join", "10.0.0.128/26", "", "25,26,27x2", `office\, 2nd floor,lab\\east`, "its sibling 10.0.0.192/26 is divided; join its parts first"},
		{"join", "10.0.0.224/27", "", "25,26x2", `office\, 2nd floor,lab\\east`, ""},
		{"name", "10.0.0.128/26", "", "25,26x2", `office\, 2nd floor`, ""},
		{"all", "", "", "26x2,27x4", `office\, 2nd floor`, ""},
		{"join", "10.0.0.64/26", "", "25,27x4", `office\, 2nd floor`, ""},
	}
	for _, s := range steps {
		var next plan.Tree
		var err error
		switch s.op {
		case "divide":
			next, err = tr.Divide(pfx(s.p))
		case "join":
			next, err = tr.Join(pfx(s.p))
		case "name":
			next, err = tr.Named(pfx(s.p), s.name)
		case "all":
			next, err = tr.DivideAll()
		}
		if s.errMsg != "" {
			if err == nil || !strings.Contains(err.Error(), s.errMsg) {
				t.Errorf("%s %s on %v: error %v; want %q", s.op, s.p, tr, err, s.errMsg)
			}
		} else if err != nil {
			t.Fatalf("%s %s on %v: %v", s.op, s.p, tr, err)
		} else {
			tr = next
		}
		checkCover(t, tr)
		if tr.Shape() != s.shape || tr.Names() != s.names {
			t.Fatalf("after %s %s: shape %q names %q; want %q %q", s.op, s.p, tr.Shape(), tr.Names(), s.shape, s.names)
		}
		back, err := plan.ParseTreeShape(tr.Root(), tr.Shape())
		if err == nil {
			back, err = back.WithNames(tr.Names())
		}
		if err != nil || leafText(back, 0) != leafText(tr, 0) {
			t.Fatalf("after %s %s: the shape and names read back as %s, %v; want %s", s.op, s.p, leafText(back, 0), err, leafText(tr, 0))
		}
	}
}

func TestTreeLimits(t *testing.T) {
	single, err := plan.ParseTree("10.0.0.0/31:32x2")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := single.Divide(pfx("10.0.0.1/32")); err == nil || !strings.Contains(err.Error(), "single address") {
		t.Errorf("dividing a /32: %v; want it refused", err)
	}
	if single.CanDivide(pfx("10.0.0.1/32")) || !single.CanJoin(pfx("10.0.0.1/32")) {
		t.Errorf("CanDivide/CanJoin of a /32 in a /31 wrong")
	}
	all, err := single.DivideAll()
	if err != nil || all.Shape() != "32x2" {
		t.Errorf("DivideAll of two /32s = %v, %v; want them kept", all, err)
	}
	full, err := plan.ParseTree("10.0.0.0/16:28x4096")
	if err != nil {
		t.Fatal(err)
	}
	if full.CanDivide(pfx("10.0.0.0/28")) {
		t.Error("CanDivide at the limit")
	}
	if _, err := full.Divide(pfx("10.0.0.0/28")); err == nil || !strings.Contains(err.Error(), "4096 subnets, the most it holds") {
		t.Errorf("dividing at the limit: %v", err)
	}
	if _, err := full.DivideAll(); err == nil || !strings.Contains(err.Error(), "8192 subnets") {
		t.Errorf("DivideAll at the limit: %v", err)
	}
	if i, ok := full.Index(netip.MustParseAddr("10.0.255.255")); !ok || i != 4095 {
		t.Errorf("Index(10.0.255.255) = %d, %v; want 4095", i, ok)
	}
	if _, ok := full.Index(netip.MustParseAddr("10.1.0.0")); ok {
		t.Error("Index outside the root reports true")
	}
	if _, err := full.Named(pfx("10.0.0.0/28"), strings.Repeat("a", plan.MaxTreeName+1)); err == nil {
		t.Error("a name over the limit is accepted")
	}
	for _, bad := range []string{`a\`, `a\b`, "a,b", " a", strings.Repeat("x", plan.MaxTreeName+1)} {
		one := plan.NewTree(pfx("10.0.0.0/24"))
		if _, err := one.WithNames(bad); err == nil || !strings.Contains(err.Error(), "names ") {
			t.Errorf("WithNames(%q) = %v; want an error quoting it", bad, err)
		}
	}
	if (plan.Tree{}).IsValid() || (plan.Tree{}).Len() != 0 || (plan.Tree{}).String() != "" || plan.NewTree(netip.Prefix{}).IsValid() {
		t.Error("the zero Tree is not empty")
	}
	if got := plan.Sibling(pfx("10.0.0.128/25")); got != pfx("10.0.0.0/25") {
		t.Errorf("Sibling(10.0.0.128/25) = %v", got)
	}
	if got := plan.Sibling(pfx("::/0")); got.IsValid() {
		t.Errorf("Sibling(::/0) = %v; want none", got)
	}
}

// treeOps applies the operations coded in data to tr: each byte picks a
// leaf and whether to divide it, join it, or name it.
func treeOps(t *testing.T, tr plan.Tree, data []byte) plan.Tree {
	for k, b := range data {
		l := tr.At(int(b>>2) % tr.Len())
		var next plan.Tree
		var err error
		switch b & 3 {
		case 0, 1:
			next, err = tr.Divide(l.Prefix)
			if (err == nil) != tr.CanDivide(l.Prefix) {
				t.Fatalf("Divide(%v) = %v but CanDivide says %v", l.Prefix, err, tr.CanDivide(l.Prefix))
			}
		case 2:
			next, err = tr.Join(l.Prefix)
			if (err == nil) != tr.CanJoin(l.Prefix) {
				t.Fatalf("Join(%v) = %v but CanJoin says %v", l.Prefix, err, tr.CanJoin(l.Prefix))
			}
			if err == nil && next.Len() != tr.Len()-1 {
				t.Fatalf("Join(%v) left %d leaves of %d", l.Prefix, next.Len(), tr.Len())
			}
		default:
			next, err = tr.Named(l.Prefix, "n,"+strconv.Itoa(k)+`\`)
		}
		if err == nil {
			tr = next
		}
		checkCover(t, tr)
	}
	return tr
}

func FuzzTreeParse(f *testing.F) {
	for _, s := range []string{"10.0.0.0/24:25,26x2", "10.0.0.0/24", "::/0:1,2x2", "2001:db8::/126:127,128x2", "10.0.0.0/24:26,25,26", "0.0.0.0/0:1x2", "10.0.0.0/16:28x4096"} {
		f.Add(s, "a,,b\\,c", []byte{0, 4, 2, 3})
	}
	f.Fuzz(func(t *testing.T, s, names string, ops []byte) {
		tr, err := plan.ParseTree(s)
		if err != nil {
			if !strings.Contains(err.Error(), `tree "`) {
				t.Fatalf("ParseTree(%q) error %q does not quote the input", s, err)
			}
			return
		}
		checkCover(t, tr)
		back, err := plan.ParseTree(tr.String())
		if err != nil || back.String() != tr.String() || leafText(back, 0) != leafText(tr, 0) {
			t.Fatalf("ParseTree(%q).String() = %q reads back as %v, %v", s, tr.String(), back, err)
		}
		if named, err := tr.WithNames(names); err == nil {
			again, err := tr.WithNames(named.Names())
			if err != nil || again.Names() != named.Names() || leafText(again, 0) != leafText(named, 0) {
				t.Fatalf("WithNames(%q).Names() = %q reads back as %q, %v", names, named.Names(), again.Names(), err)
			}
			tr = named
		}
		if len(ops) > 64 {
			ops = ops[:64]
		}
		tr = treeOps(t, tr, ops)
		back, err = plan.ParseTreeShape(tr.Root(), tr.Shape())
		if err == nil {
			back, err = back.WithNames(tr.Names())
		}
		if err != nil || leafText(back, 0) != leafText(tr, 0) {
			t.Fatalf("%v with names %q reads back as %s, %v", tr, tr.Names(), leafText(back, 0), err)
		}
	})
}

// FuzzTreeShapeModel checks ParseTreeShape against a slow model on a /8
// of IPv4 or IPv6 addresses: a list of lengths is a tree exactly when
// walking it leaf by leaf lands every leaf on its boundary and ends at the
// end of the root.
func FuzzTreeShapeModel(f *testing.F) {
	f.Add(false, []byte{1, 2, 2})
	f.Add(true, []byte{2, 1, 2})
	f.Add(false, []byte{8, 8})
	f.Fuzz(func(t *testing.T, six bool, lens []byte) {
		root := pfx("10.0.0.0/24")
		if six {
			root = pfx("2001:db8::/120")
		}
		var parts []string
		for _, l := range lens {
			parts = append(parts, strconv.Itoa(root.Bits()+int(l%9)))
		}
		shape := strings.Join(parts, ",")
		// The model walks addresses as offsets 0..255.
		ok, at := len(lens) > 0, 0
		for _, l := range lens {
			size := 256 >> (l % 9)
			if at >= 256 || at%size != 0 {
				ok = false
				break
			}
			at += size
		}
		ok = ok && at == 256
		tr, err := plan.ParseTreeShape(root, shape)
		if shape == "" {
			ok = err == nil
		}
		if (err == nil) != ok {
			t.Fatalf("ParseTreeShape(%v, %q) = %v, %v; the model says valid = %v", root, shape, tr, err, ok)
		}
		if err == nil {
			checkCover(t, tr)
		}
	})
}

func ExampleTree() {
	tr := plan.NewTree(netip.MustParsePrefix("10.0.0.0/24"))
	tr, _ = tr.Divide(netip.MustParsePrefix("10.0.0.0/24"))
	tr, _ = tr.Divide(netip.MustParsePrefix("10.0.0.128/25"))
	tr, _ = tr.Named(netip.MustParsePrefix("10.0.0.0/25"), "office")
	for _, l := range tr.Leaves() {
		usable, _ := l.Usable(subnet.CloudAWS)
		fmt.Printf("%v %v %v %q\n", l.Prefix, l.Size(), usable, l.Name)
	}
	fmt.Println(tr, tr.Names())
	// Output:
	// 10.0.0.0/25 128 123 "office"
	// 10.0.0.128/26 64 59 ""
	// 10.0.0.192/26 64 59 ""
	// 10.0.0.0/24:25,26x2 office
}
