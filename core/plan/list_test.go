package plan_test

import (
	"errors"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/netground/netground/core/plan"
	"github.com/netground/netground/core/subnet"
)

func TestParseList(t *testing.T) {
	text := "# my networks\r\n" +
		"home LAN = 192.168.1.0/24   # the router\r\n" +
		"\n" +
		"   \t\n" +
		"10.8.0.0 255.255.255.0\n" +
		"203.0.113.7\n" +
		"2001:db8::1\n" +
		"vpc=10.0.0.5 - 10.0.0.20\n" +
		"bad = 10.0.0.0/33\n" +
		"= 10.0.0.0/8\n" +
		"empty =\n" +
		"010.1.1.1/8\n" +
		"10.0.0.9-10.0.0.1\n" +
		"a = b = 10.0.0.0/8\n" +
		"fe80::1%eth0\n" +
		"host bits = 10.1.2.3/16\n"
	entries, errs := plan.ParseList(text)
	var got []string
	for _, e := range entries {
		got = append(got, strings.Join([]string{strconv.Itoa(e.Line), e.Name, e.Text, join(e.Prefixes())}, "|"))
	}
	want := []string{
		"2|home LAN|192.168.1.0/24|192.168.1.0/24",
		"5||10.8.0.0 255.255.255.0|10.8.0.0/24",
		"6||203.0.113.7|203.0.113.7/32",
		"7||2001:db8::1|2001:db8::1/128",
		"8|vpc|10.0.0.5 - 10.0.0.20|10.0.0.5/32 10.0.0.6/31 10.0.0.8/29 10.0.0.16/30 10.0.0.20/32",
		"16|host bits|10.1.2.3/16|10.1.0.0/16",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("ParseList entries:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	wantErrs := []struct {
		line int
		text string
	}{
		{9, "prefix length 33 is longer than the 32 bits of IPv4"},
		{10, `nothing before "="`},
		{11, `"empty" has no value`},
		{12, `octet "010" has a leading zero`},
		{13, "the first address comes after the last"},
		{14, `more than one "="`},
		{15, "zone %eth0 is not allowed"},
	}
	if len(errs) != len(wantErrs) {
		t.Fatalf("ParseList errors = %v; want %d", errs, len(wantErrs))
	}
	for i, w := range wantErrs {
		if errs[i].Line != w.line || !strings.Contains(errs[i].Error(), w.text) || !strings.HasPrefix(errs[i].Error(), "line "+strconv.Itoa(w.line)+": ") {
			t.Errorf("error %d = %v (line %d); want line %d with %q", i, errs[i], errs[i].Line, w.line, w.text)
		}
	}
	var se *subnet.Error
	if !errors.As(errs[0], &se) || se.Input != "10.0.0.0/33" {
		t.Errorf("line 9 error %v does not unwrap to a *subnet.Error", errs[0])
	}
	if !entries[4].IsRange() || entries[0].IsRange() || entries[0].Named().Name != "home LAN" {
		t.Errorf("IsRange/Named wrong")
	}
}

func TestParseListEdges(t *testing.T) {
	for _, in := range []string{"", "\n\n", "   ", "# only a comment", "#"} {
		if e, errs := plan.ParseList(in); e != nil || errs != nil {
			t.Errorf("ParseList(%q) = %v, %v; want nothing", in, e, errs)
		}
	}
	// A huge paste is read in one pass.
	var b strings.Builder
	for i := range 100000 {
		b.WriteString("n" + strconv.Itoa(i) + " = 10." + strconv.Itoa(i>>16&255) + "." + strconv.Itoa(i>>8&255) + "." + strconv.Itoa(i&255) + "/32\n")
	}
	entries, errs := plan.ParseList(b.String())
	if len(entries) != 100000 || errs != nil {
		t.Fatalf("ParseList(100000 lines) = %d entries, %d errors", len(entries), len(errs))
	}
	if got := plan.Summarize(prefixesOf(entries)); join(got) != "10.0.0.0/16 10.1.0.0/17 10.1.128.0/22 10.1.132.0/23 10.1.134.0/25 10.1.134.128/27" {
		t.Errorf("Summarize(100000 hosts) = %v", got)
	}
}

func prefixesOf(entries []plan.Entry) []netip.Prefix {
	var out []netip.Prefix
	for _, e := range entries {
		out = append(out, e.Prefixes()...)
	}
	return out
}

func TestParseRequests(t *testing.T) {
	text := "# offices\r\n" +
		"office = 50   # upstairs\r\n" +
		"\n" +
		"lab = 12 hosts\n" +
		"20\n" +
		"= 5\n" +
		"x = 0\n" +
		"fifty\n" +
		"hall=1 host\n"
	reqs, lines, errs := plan.ParseRequests(text)
	want := []plan.Request{{Name: "office", Hosts: 50}, {Name: "lab", Hosts: 12}, {Name: "subnet 3", Hosts: 20}, {Name: "hall", Hosts: 1}}
	if !slices.Equal(reqs, want) || !slices.Equal(lines, []int{2, 4, 5, 9}) {
		t.Errorf("ParseRequests = %+v on lines %v; want %+v on lines [2 4 5 9]", reqs, lines, want)
	}
	wantErrs := []string{
		`line 6: nothing before "="; write a name, as in office = 50`,
		`line 7: "x" asks for 0 hosts; ask for at least 1`,
		`line 8: "fifty" is not a number of hosts; write name = hosts, as in office = 50`,
	}
	if len(errs) != len(wantErrs) {
		t.Fatalf("ParseRequests errors = %v; want %q", errs, wantErrs)
	}
	for i, e := range errs {
		if e.Error() != wantErrs[i] {
			t.Errorf("error %d = %q; want %q", i, e.Error(), wantErrs[i])
		}
	}
}
