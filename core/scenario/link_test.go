package scenario_test

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/netground/netground/core/scenario"
)

// deflated returns a version-1 fragment carrying data as it is, compressed without the
// codec's dictionary (a stream that does not refer to it decodes the same).
func deflated(data string) string {
	var z bytes.Buffer
	w, _ := flate.NewWriter(&z, flate.BestCompression)
	w.Write([]byte(data))
	w.Close()
	return "s=1." + base64.RawURLEncoding.EncodeToString(z.Bytes())
}

func TestFragmentRoundTrip(t *testing.T) {
	docs := []scenario.Document{
		natDoc(),
		{Widget: scenario.WidgetPractice, Name: "a & b = c #1", State: json.RawMessage(`{"seed":1}`)},
		scenario.NewDocument(scenario.PortsState{Q: "5432"}, ""),
	}
	for _, d := range docs {
		f, err := scenario.Fragment(d)
		if err != nil {
			t.Fatalf("Fragment(%s) error: %v", d.Widget, err)
		}
		if !strings.HasPrefix(f, "s=1.") || strings.IndexFunc(f[4:], func(r rune) bool {
			return !strings.ContainsRune("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", r)
		}) >= 0 {
			t.Errorf("Fragment(%s) = %q; want s=1. and base64url", d.Widget, f)
		}
		for _, form := range []string{f, "#" + f, "#x=1&" + f + "&y=2", f + "=="} {
			got, err := scenario.DecodeFragment(form)
			if err != nil || !sameDocument(got, d) || got.Format != scenario.FormatTag {
				t.Errorf("DecodeFragment(%.40q) = %v, %v; want %v", form, got, err, d)
			}
		}
	}
}

func TestDecodeFragmentErrors(t *testing.T) {
	good, _ := scenario.Fragment(natDoc())
	natPartial := scenario.Document{Version: 1, Widget: scenario.WidgetNAT, Name: natDoc().Name}
	header := `{"format":"netground/scenario","version":1,"widget":"nat","name":"x",`
	tests := []struct {
		fragment string
		kind     error
		text     string
		partial  scenario.Document
	}{
		{"", scenario.ErrNoScenario, "the link carries no scenario", scenario.Document{}},
		{"#top", scenario.ErrNoScenario, "the link carries no scenario", scenario.Document{}},
		{"s=" + strings.Repeat("A", scenario.MaxLinkBytes+1), scenario.ErrTooLong,
			"the link is too long: 65537 bytes, more than the limit of 65536", scenario.Document{}},
		{"s=", scenario.ErrTruncated, "the link is cut short: nothing follows s=", scenario.Document{}},
		{"s=1", scenario.ErrTruncated, "the link is cut short: the scenario stops after its version", scenario.Document{}},
		{"s=abc", scenario.ErrDamaged, `the link was changed or damaged: it does not start with a version such as "1."`, scenario.Document{}},
		{"s=x.abc", scenario.ErrDamaged, `the link was changed or damaged: it does not start with a version such as "1."`, scenario.Document{}},
		{"s=0.abc", scenario.ErrDamaged, `the link was changed or damaged: it does not start with a version such as "1."`, scenario.Document{}},
		{"s=2.abc", scenario.ErrNewerVersion, "the link was made by a newer version of Netground: it uses link encoding 2; this version reads up to 1", scenario.Document{}},
		{"s=1.", scenario.ErrTruncated, "the link is cut short: the compressed scenario stops after 0 bytes", scenario.Document{}},
		{good[:20] + "!" + good[21:], scenario.ErrDamaged, `the link was changed or damaged: character '!' at position 20 does not belong in a link`, scenario.Document{}},
		{good[:20] + "+/" + good[22:], scenario.ErrDamaged, `the link was changed or damaged: character '+' at position 20 does not belong in a link`, scenario.Document{}},
		{good[:len(good)/2], scenario.ErrTruncated, "", natPartial},
		{good + "AAAA", scenario.ErrDamaged, "the link was changed or damaged: the compressed data is not valid", scenario.Document{Widget: "*"}},
		{"s=1.____", scenario.ErrDamaged, "the link was changed or damaged: the compressed data is not valid", scenario.Document{}},
		{deflated(header + `"state":{"a":[1,`)[:40], scenario.ErrTruncated, "", scenario.Document{Widget: "*"}},
		{deflated(header + `"state":{]}`), scenario.ErrMalformed, "the link does not hold a well-formed scenario: at byte 79: invalid character ']' looking for beginning of object key string",
			scenario.Document{Version: 1, Widget: scenario.WidgetNAT, Name: "x"}},
		{deflated(header + `"state":{"a":1`), scenario.ErrTruncated, "the link is cut short: the scenario's JSON stops early",
			scenario.Document{Version: 1, Widget: scenario.WidgetNAT, Name: "x"}},
		{deflated(`{"format":"other","widget":"nat"}`), scenario.ErrNotScenario,
			`the link does not hold a Netground scenario: it has format "other", not "netground/scenario"`, scenario.Document{Widget: scenario.WidgetNAT}},
		{deflated(`"just a string"`), scenario.ErrNotScenario, "the link does not hold a Netground scenario: it does not start with a JSON object", scenario.Document{}},
		{deflated(`{"format":"netground/scenario","version":1,"widget":"wifi","state":{}}`), scenario.ErrUnknownWidget,
			`the scenario is for an unknown widget: it names widget "wifi"`, scenario.Document{Version: 1}},
		{deflated(`{"format":"netground/scenario","version":99,"widget":"nat","state":{}}`), scenario.ErrNewerVersion,
			"the link was made by a newer version of Netground: it is version 99; this version reads up to 1", scenario.Document{Version: 99, Widget: scenario.WidgetNAT}},
		{deflated(header + `"state":"x"}`), scenario.ErrInvalidState, "the scenario's state is not valid: not a JSON object",
			scenario.Document{Version: 1, Widget: scenario.WidgetNAT, Name: "x"}},
		{deflated(header + `"state":{"x":"` + strings.Repeat(" ", scenario.MaxDocumentBytes) + `"}}`), scenario.ErrTooLarge,
			"the link's scenario is too large: it inflates to more than 1048576 bytes", scenario.Document{Version: 1, Widget: scenario.WidgetNAT, Name: "x"}},
	}
	for _, tt := range tests {
		_, err := scenario.DecodeFragment(tt.fragment)
		checkDecodeError(t, fmt.Sprintf("DecodeFragment(%.50q)", tt.fragment), err, tt.kind, tt.text, tt.partial, true)
	}
}

// TestTruncatedLinks cuts a link at every length: each cut opens with a typed error, never a
// panic, and once the header is in, the part that could be read names the widget.
func TestTruncatedLinks(t *testing.T) {
	d := scenario.NewDocument(scenario.SubnetState{Net: "10.0.0.0/20", Host: "10.0.3.7", Other: "10.0.9.9", Gateway: "10.0.0.1"}, "office")
	f, err := scenario.Fragment(d)
	if err != nil {
		t.Fatal(err)
	}
	sawWidget, sawParams := false, false
	for n := 0; n < len(f); n++ {
		_, err := scenario.DecodeFragment(f[:n])
		de, ok := err.(*scenario.DecodeError)
		if !ok {
			t.Fatalf("DecodeFragment(f[:%d]) error = %v; want a *DecodeError", n, err)
		}
		sawWidget = sawWidget || de.Partial.Widget == scenario.WidgetSubnet
		if q, err := de.Partial.Query(); err == nil && q.Get("net") == "10.0.0.0/20" {
			sawParams = true
		}
	}
	if !sawWidget || !sawParams {
		t.Errorf("no cut of %q read the widget (%v) or its first parameters (%v)", f, sawWidget, sawParams)
	}
}

// TestDeflateBomb feeds links that inflate far beyond the limit: decoding stops at the
// limit, allocating little more than it.
func TestDeflateBomb(t *testing.T) {
	var z bytes.Buffer
	w, _ := flate.NewWriter(&z, flate.BestCompression)
	w.Write([]byte(`{"format":"netground/scenario","version":1,"widget":"nat","state":{"x":"`))
	zeros := make([]byte, 1<<20)
	for range 40 { // 40 MiB inflated
		w.Write(zeros)
	}
	w.Close()
	bomb := "s=1." + base64.RawURLEncoding.EncodeToString(z.Bytes())
	if len(bomb) > scenario.MaxLinkBytes {
		t.Fatalf("bomb of %d bytes does not fit in a link", len(bomb))
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, err := scenario.DecodeFragment(bomb)
	runtime.ReadMemStats(&after)
	checkDecodeError(t, "DecodeFragment(bomb)", err, scenario.ErrTooLarge, "", scenario.Document{Widget: "*"}, true)
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 16<<20 {
		t.Errorf("DecodeFragment(%d-byte bomb of 60 MiB) allocated %d bytes; want at most 16 MiB", len(bomb), alloc)
	}
}

func TestLink(t *testing.T) {
	big := scenario.PlanState{Mode: scenario.PlanSummarize, List: planList(1000)}
	huge := scenario.PlanState{Mode: scenario.PlanOverlap, List: randomList(scenario.MaxListLines)}
	tests := []struct {
		state  scenario.State
		prefix string
	}{
		{scenario.AddrState{}, "/addr"},
		{scenario.AddrState{IP: "192.168.1.42"}, "/addr?ip=192.168.1.42"},
		{scenario.PlanState{List: planList(40)}, "/plan?list="},
		{big, "/plan#s=1."},
	}
	for _, tt := range tests {
		got, err := scenario.Link("/"+string(tt.state.Widget()), tt.state)
		if err != nil || !strings.HasPrefix(got, tt.prefix) {
			t.Errorf("Link(%s) = %.60q, %v; want prefix %q", tt.state.Widget(), got, err, tt.prefix)
		}
		q, problems := openLink(tt.state.Widget(), got)
		if s, more := parse(tt.state.Widget(), q); s != tt.state || len(problems)+len(more) != 0 {
			t.Errorf("Link(%s) = %.60q opens as %.60v, %v %v", tt.state.Widget(), got, s, problems, more)
		}
	}
	if _, err := scenario.Link("/plan", huge); !errors.Is(err, scenario.ErrTooLong) {
		t.Errorf("Link(10,000 random lines) error = %v; want ErrTooLong", err)
	}
	for _, tt := range []struct {
		q, f int
		want bool
	}{{10, 5, true}, {2000, 100, true}, {2001, 100, false}, {3000, 3000, true}, {3000, 2999, false}} {
		if got := scenario.PreferQuery(tt.q, tt.f); got != tt.want {
			t.Errorf("PreferQuery(%d, %d) = %v; want %v", tt.q, tt.f, got, tt.want)
		}
	}
}

// openLink reads a link path?query#fragment as the UI does.
func openLink(w scenario.Widget, link string) (url.Values, []scenario.Problem) {
	u, err := url.Parse(link)
	if err != nil {
		panic(err)
	}
	return scenario.ReadLink(w, u.RawQuery, u.Fragment)
}

func TestReadLink(t *testing.T) {
	subnetLink, _ := scenario.Fragment(scenario.NewDocument(scenario.SubnetState{Net: "10.0.0.0/8", Host: "10.1.2.3"}, ""))
	natLink, _ := scenario.Fragment(natDoc())
	tests := []struct {
		widget   scenario.Widget
		raw      string
		fragment string
		want     url.Values
		problems []string
	}{
		{scenario.WidgetSubnet, "net=1.0.0.0/8", "", url.Values{"net": {"1.0.0.0/8"}}, nil},
		{scenario.WidgetSubnet, "net=1.0.0.0/8&readonly=1", subnetLink,
			url.Values{"net": {"10.0.0.0/8"}, "host": {"10.1.2.3"}, "readonly": {"1"}}, nil},
		{scenario.WidgetSubnet, "", subnetLink[:len(subnetLink)-12],
			url.Values{"host": {"10.1.2.3"}},
			[]string{"s: the link is cut short: the compressed scenario stops after 22 bytes; opened with the part that could be read"}},
		{scenario.WidgetSubnet, "net=1.0.0.0/8", natLink, url.Values{"net": {"1.0.0.0/8"}},
			[]string{"s: the link's scenario is for the nat widget, not subnet; ignored"}},
		{scenario.WidgetAddr, "ip=1.1.1.1", "s=1.!!", url.Values{"ip": {"1.1.1.1"}},
			[]string{"s: the link was changed or damaged: character '!' at position 4 does not belong in a link; opened with defaults"}},
		{scenario.WidgetAddr, "ip=%", "#", url.Values{}, []string{"ip=%: broken %-escape; ignored"}},
	}
	for _, tt := range tests {
		got, problems := scenario.ReadLink(tt.widget, tt.raw, tt.fragment)
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ReadLink(%s, %q, %.30q) = %v; want %v", tt.widget, tt.raw, tt.fragment, got, tt.want)
		}
		if s := problemStrings(problems); !reflect.DeepEqual(s, tt.problems) {
			t.Errorf("ReadLink(%s, %q, %.30q) problems = %q; want %q", tt.widget, tt.raw, tt.fragment, s, tt.problems)
		}
	}
}

// planList returns n lines of a typical plan: named /24s.
func planList(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "site-%d = 10.%d.%d.0/24\n", i, i/256, i%256)
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// randomList returns n lines of random-looking IPv6 prefixes, which compress poorly.
func randomList(n int) string {
	var b strings.Builder
	x := uint64(0x9E3779B97F4A7C15)
	for range n {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		fmt.Fprintf(&b, "2001:db8:%x:%x::/64\n", uint16(x), uint16(x>>16))
	}
	return strings.TrimSuffix(b.String(), "\n")
}

func TestFragmentPart(t *testing.T) {
	tests := []struct {
		fragment, key, want string
		ok                  bool
	}{
		{"#s=1.abc&lib=0123abcd", "lib", "0123abcd", true},
		{"s=1.abc&lib=0123abcd", "s", "1.abc", true},
		{"#lib=a&lib=b", "lib", "a", true},
		{"#lib=", "lib", "", true},
		{"#library=x&lib", "lib", "", false},
		{"#xs=1.abc", "s", "", false},
		{"", "s", "", false},
		{"#", "s", "", false},
		{"#&&s=2.x", "s", "2.x", true},
	}
	for _, tt := range tests {
		got, ok := scenario.FragmentPart(tt.fragment, tt.key)
		if got != tt.want || ok != tt.ok {
			t.Errorf("FragmentPart(%q, %q) = %q, %v; want %q, %v", tt.fragment, tt.key, got, ok, tt.want, tt.ok)
		}
	}
	if !scenario.HasScenario("#lib=x&s=1.abc") || scenario.HasScenario("#lib=x") {
		t.Error("HasScenario does not find the s= part")
	}
}
