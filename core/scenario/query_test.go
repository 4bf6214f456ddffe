package scenario_test

import (
	"fmt"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"github.com/netground/netground/core/scenario"
	"github.com/netground/netground/core/subnet"
)

func TestStateRoundTrip(t *testing.T) {
	tests := []struct {
		state scenario.State
		want  string
	}{
		{scenario.AddrState{}, ""},
		{scenario.AddrState{IP: "192.168.1.42"}, "ip=192.168.1.42"},
		{scenario.AddrState{IP: "2001:db8::1"}, "ip=2001:db8::1"},
		{scenario.AddrState{IP: "fe80::1%eth0"}, "ip=fe80::1%25eth0"},
		{scenario.AddrState{IP: " 10.0.0.1 & #x+y"}, "ip=+10.0.0.1+%26+%23x%2By"},
		{scenario.SubnetState{}, ""},
		{scenario.SubnetState{Net: "10.0.0.0/20", Host: "10.0.3.7", Cloud: subnet.CloudAWS}, "net=10.0.0.0/20&host=10.0.3.7&cloud=aws"},
		{scenario.SubnetState{Net: "10.0.0.0/24", Host: "10.0.0.5", Other: "10.0.1.5", Gateway: "10.0.0.1"}, "net=10.0.0.0/24&host=10.0.0.5&b=10.0.1.5&gw=10.0.0.1"},
		{scenario.SubnetState{Net: "2001:db8::/48", Cloud: subnet.CloudAzure}, "net=2001:db8::/48&cloud=azure"},
		{scenario.SubnetState{Cloud: subnet.CloudGCP}, "cloud=gcp"},
		{scenario.SubnetState{Net: "192.168.1.0/24", Nth: "-2"}, "net=192.168.1.0/24&nth=-2"},
		{scenario.SubnetState{Net: "2001:db8::/64", Cloud: subnet.CloudAWS, Nth: "0x10"}, "net=2001:db8::/64&cloud=aws&nth=0x10"},
		{scenario.SubnetState{Net: "10.0.0.0/8", Nth: "1", Pick: "10.7.3.9"}, "net=10.0.0.0/8&nth=1&pick=10.7.3.9"},
		{scenario.AddrState{IP: "10.0.0.1", Add: "-1", To: "10.0.1.0"}, "ip=10.0.0.1&add=-1&to=10.0.1.0"},
		{scenario.AddrState{IP: "2001:db8::1", Add: "+0x100"}, "ip=2001:db8::1&add=%2B0x100"},
		{scenario.PlanState{}, ""},
		{scenario.PlanState{Net: "10.0.0.0/16", Len: 24, Page: 2}, "net=10.0.0.0/16&len=24&page=3"},
		{scenario.PlanState{Net: "10.0.0.0/16", Parts: 6}, "net=10.0.0.0/16&parts=6"},
		{scenario.PlanState{Mode: scenario.PlanVLSM, Net: "10.0.0.0/22", List: "office=200\nlab=50"}, "mode=vlsm&net=10.0.0.0/22&list=office=200%0Alab=50"},
		{scenario.PlanState{Mode: scenario.PlanSummarize, List: "10.0.0.0/24\n10.0.1.0/24 # b"}, "mode=summarize&list=10.0.0.0/24%0A10.0.1.0/24+%23+b"},
		{scenario.PlanState{Mode: scenario.PlanRange, List: "10.0.0.3-10.0.0.77"}, "mode=range&list=10.0.0.3-10.0.0.77"},
		{scenario.PlanState{Mode: scenario.PlanExclude, Net: "10.0.0.0/8", List: "10.1.0.0/16"}, "mode=exclude&net=10.0.0.0/8&list=10.1.0.0/16"},
		{scenario.PlanState{Mode: scenario.PlanOverlap, List: "home = 192.168.1.0/24\ndocker = 172.17.0.0/16"}, "mode=overlap&list=home+=+192.168.1.0/24%0Adocker+=+172.17.0.0/16"},
		{scenario.PlanState{Len: 128, Parts: 0, Page: 1<<64 - 2}, "len=128&page=18446744073709551615"},
		{scenario.PlanState{Mode: scenario.PlanNextFree, Net: "10.0.0.0/16", Len: 24, List: "10.0.0.0/24"}, "mode=free&net=10.0.0.0/16&len=24&list=10.0.0.0/24"},
		{scenario.PlanState{Mode: scenario.PlanULA, GlobalID: "123456789a", Page: 1}, "mode=ula&page=2&gid=123456789a"},
		{scenario.PlanState{Mode: scenario.PlanTree, Net: "10.0.0.0/24"}, "mode=tree&net=10.0.0.0/24"},
		{scenario.PlanState{Mode: scenario.PlanTree, Net: "10.0.0.0/24", Tree: "25,26x2", Cloud: subnet.CloudAWS, Names: `office\, 2nd floor,,lab & co`, Page: 1},
			"mode=tree&net=10.0.0.0/24&tree=25,26x2&cloud=aws&page=2&names=office%5C,+2nd+floor,,lab+%26+co"},
		{scenario.PortsState{}, ""},
		{scenario.PortsState{Q: "postgres"}, "q=postgres"},
		{scenario.PortsState{Q: "[::1]:8080"}, "q=%5B::1%5D:8080"},
		{scenario.PortsState{Q: "https://example.com/a?b=c"}, "q=https://example.com/a%3Fb=c"},
		{scenario.PortsState{Q: "Grüße"}, "q=Gr%C3%BC%C3%9Fe"},
	}
	for _, tt := range tests {
		if got := tt.state.Encode(); got != tt.want {
			t.Errorf("(%#v).Encode() = %q; want %q", tt.state, got, tt.want)
		}
		// The readable encoding and url.Values must say the same thing.
		q, problems := scenario.SplitQuery(tt.state.Encode())
		if len(problems) != 0 || !reflect.DeepEqual(q, normalize(tt.state.Query())) {
			t.Errorf("SplitQuery(%q) = %v, %v; want %v", tt.state.Encode(), q, problems, tt.state.Query())
		}
		got, problems := parse(tt.state.Widget(), tt.state.Query())
		if got != tt.state || len(problems) != 0 {
			t.Errorf("Parse(%#v.Query()) = %#v, %v; want the same state, no problems", tt.state, got, problems)
		}
		// A simple state also survives the document and fragment forms.
		f, err := scenario.Fragment(scenario.NewDocument(tt.state, "n"))
		if err != nil {
			t.Fatalf("Fragment(%#v) error: %v", tt.state, err)
		}
		d, err := scenario.DecodeFragment(f)
		if err != nil {
			t.Fatalf("DecodeFragment(Fragment(%#v)) error: %v", tt.state, err)
		}
		q, err = d.Query()
		if err != nil {
			t.Fatalf("(%v).Query() error: %v", d, err)
		}
		if got, _ := parse(d.Widget, q); got != tt.state || d.Name != "n" {
			t.Errorf("fragment round trip of %#v = %#v, name %q", tt.state, got, d.Name)
		}
	}
}

// normalize returns q with an empty map for no parameters, as SplitQuery returns it.
func normalize(q url.Values) url.Values {
	if q == nil {
		return url.Values{}
	}
	return q
}

// parse parses q as the state of widget w.
func parse(w scenario.Widget, q url.Values) (scenario.State, []scenario.Problem) {
	switch w {
	case scenario.WidgetAddr:
		return scenario.ParseAddrState(q)
	case scenario.WidgetSubnet:
		return scenario.ParseSubnetState(q)
	case scenario.WidgetPlan:
		return scenario.ParsePlanState(q)
	case scenario.WidgetPorts:
		return scenario.ParsePortsState(q)
	}
	panic("not a simple widget: " + string(w))
}

func TestParseProblems(t *testing.T) {
	long := strings.Repeat("1", scenario.MaxValueBytes+1)
	tests := []struct {
		widget   scenario.Widget
		query    string
		want     scenario.State
		problems []string // Problem.String() of each
	}{
		{scenario.WidgetAddr, "ip=1.2.3.4&v=1", scenario.AddrState{IP: "1.2.3.4"}, nil},
		{scenario.WidgetAddr, "ip=1.2.3.4&readonly=1", scenario.AddrState{IP: "1.2.3.4"}, nil},
		{scenario.WidgetAddr, "ip=1.2.3.4&v=99", scenario.AddrState{IP: "1.2.3.4"},
			[]string{"v=99: made by a newer version of Netground (link version 99; this one reads up to 1); read as well as possible"}},
		{scenario.WidgetAddr, "v=x", scenario.AddrState{}, []string{"v=x: not a version number; read as version 1"}},
		{scenario.WidgetAddr, "v=0", scenario.AddrState{}, []string{"v=0: not a version number; read as version 1"}},
		{scenario.WidgetAddr, "ip=1.1.1.1&ip=2.2.2.2", scenario.AddrState{IP: "1.1.1.1"}, []string{"ip: given 2 times; the first value is used"}},
		{scenario.WidgetAddr, "ip=%FF", scenario.AddrState{}, []string{"ip=\uFFFD: not valid UTF-8 text; ignored"}},
		{scenario.WidgetAddr, "ip=" + long, scenario.AddrState{},
			[]string{"ip=" + long[:60] + "…: 4097 bytes, more than the limit of 4096; ignored"}},
		{scenario.WidgetAddr, "ip=1.2.3.4&zz=1&aa=2", scenario.AddrState{IP: "1.2.3.4"},
			[]string{"aa=2: not a parameter of this page; ignored", "zz=1: not a parameter of this page; ignored"}},
		{scenario.WidgetAddr, "a=1&b=1&c=1&d=1&e=1&f=1&g=1&h=1&i=1&j=1", scenario.AddrState{},
			[]string{"a=1: not a parameter of this page; ignored", "b=1: not a parameter of this page; ignored",
				"c=1: not a parameter of this page; ignored", "d=1: not a parameter of this page; ignored",
				"e=1: not a parameter of this page; ignored", "f=1: not a parameter of this page; ignored",
				"g=1: not a parameter of this page; ignored", "h=1: not a parameter of this page; ignored",
				"2 more unknown parameters ignored"}},
		{scenario.WidgetAddr, "=x&ip=1", scenario.AddrState{IP: "1"}, []string{"=x: a value without a parameter name; ignored"}},
		{scenario.WidgetSubnet, "net=10.0.0.0/20&cloud=foo", scenario.SubnetState{Net: "10.0.0.0/20"},
			[]string{"cloud=foo: not one of none, aws, azure, gcp; using none"}},
		{scenario.WidgetSubnet, "cloud=AWS", scenario.SubnetState{Cloud: subnet.CloudAWS}, nil},
		{scenario.WidgetSubnet, "cloud=none", scenario.SubnetState{}, nil},
		{scenario.WidgetSubnet, "net=10.0.0.0/33", scenario.SubnetState{Net: "10.0.0.0/33"}, nil}, // meaning is the widget's job
		{scenario.WidgetPlan, "mode=carve", scenario.PlanState{},
			[]string{"mode=carve: not one of split, vlsm, summarize, range, exclude, overlap, free, ula, tree; using split"}},
		{scenario.WidgetPlan, "mode=VLSM", scenario.PlanState{Mode: scenario.PlanVLSM}, nil},
		{scenario.WidgetPlan, "mode=tree&cloud=gcp&tree=1x2", scenario.PlanState{Mode: scenario.PlanTree, Cloud: subnet.CloudGCP, Tree: "1x2"}, nil}, // meaning is the widget's job
		{scenario.WidgetPlan, "mode=tree&cloud=ibm", scenario.PlanState{Mode: scenario.PlanTree},
			[]string{"cloud=ibm: not one of none, aws, azure, gcp; using none"}},
		{scenario.WidgetPlan, "mode=tree&tree=" + strings.Repeat("8,", scenario.MaxTreeBytes/2+1), scenario.PlanState{Mode: scenario.PlanTree},
			[]string{"tree=" + strings.Repeat("8,", 30) + "…: 32770 bytes, more than the limit of 32768; ignored"}},
		{scenario.WidgetPlan, "len=abc", scenario.PlanState{},
			[]string{"len=abc: the new prefix length must be a whole number from 1 to 128; ignored"}},
		{scenario.WidgetPlan, "len=129", scenario.PlanState{},
			[]string{"len=129: the new prefix length must be a whole number from 1 to 128; ignored"}},
		{scenario.WidgetPlan, "len=0", scenario.PlanState{},
			[]string{"len=0: the new prefix length must be a whole number from 1 to 128; ignored"}},
		{scenario.WidgetPlan, "page=-1", scenario.PlanState{},
			[]string{"page=-1: the page number must be a whole number from 1 to 18446744073709551615; ignored"}},
		{scenario.WidgetPlan, "page=0", scenario.PlanState{},
			[]string{"page=0: the page number must be a whole number from 1 to 18446744073709551615; ignored"}},
		{scenario.WidgetPlan, "page=1", scenario.PlanState{}, nil},
		{scenario.WidgetPlan, "parts=0", scenario.PlanState{},
			[]string{"parts=0: the number of parts must be a whole number from 1 to 18446744073709551615; ignored"}},
		{scenario.WidgetPlan, "parts=99999999999999999999", scenario.PlanState{},
			[]string{"parts=99999999999999999999: the number of parts must be a whole number from 1 to 18446744073709551615; ignored"}},
		{scenario.WidgetPlan, "len=24&parts=4", scenario.PlanState{Len: 24},
			[]string{"parts=4: len and parts both given; splitting by len"}},
		{scenario.WidgetPorts, "q=ssh&ip=1.2.3.4", scenario.PortsState{Q: "ssh"},
			[]string{"ip=1.2.3.4: not a parameter of this page; ignored"}},
	}
	for _, tt := range tests {
		q, _ := url.ParseQuery(tt.query)
		if tt.query == "ip=%FF" {
			q = url.Values{"ip": {"\xff"}}
		}
		got, problems := parse(tt.widget, q)
		if got != tt.want {
			t.Errorf("Parse %s %q = %#v; want %#v", tt.widget, tt.query, got, tt.want)
		}
		if s := problemStrings(problems); !reflect.DeepEqual(s, tt.problems) {
			t.Errorf("Parse %s %q problems:\n%q\nwant\n%q", tt.widget, tt.query, s, tt.problems)
		}
		// Whatever was read re-encodes to a clean link.
		again, problems := parse(tt.widget, got.Query())
		if again != got || len(problems) != 0 {
			t.Errorf("Parse %s (%q).Query() = %#v, %v; want %#v", tt.widget, tt.query, again, problems, got)
		}
	}
}

func problemStrings(ps []scenario.Problem) []string {
	var s []string
	for _, p := range ps {
		s = append(s, p.String())
	}
	return s
}

func TestSplitQuery(t *testing.T) {
	tests := []struct {
		raw      string
		want     url.Values
		problems []string
	}{
		{"", url.Values{}, nil},
		{"ip=1.2.3.4", url.Values{"ip": {"1.2.3.4"}}, nil},
		{"&&ip=1.2.3.4&", url.Values{"ip": {"1.2.3.4"}}, nil},
		{"net=10.0.0.0%2F8&net=x", url.Values{"net": {"10.0.0.0/8", "x"}}, nil},
		{"list=a+b%0Ac&flag", url.Values{"list": {"a b\nc"}, "flag": {""}}, nil},
		{"ip=%zz&q=ok", url.Values{"q": {"ok"}}, []string{"ip=%zz: broken %-escape; ignored"}},
		{"ip=1;q=2&q=3", url.Values{"q": {"3"}}, []string{`ip=1;q=2: contains ";", which links do not use; ignored`}},
		{strings.Repeat("a=1&", scenario.MaxParams) + "b=2", url.Values{"a": make([]string, scenario.MaxParams)},
			[]string{"the link has more than 64 parameters; the rest are ignored"}},
		{"list=" + strings.Repeat("x", scenario.MaxRawQueryBytes), url.Values{},
			[]string{fmt.Sprintf("the link's parameters are %d bytes, more than the limit of %d; all ignored", scenario.MaxRawQueryBytes+5, scenario.MaxRawQueryBytes)}},
	}
	for _, tt := range tests {
		if tt.want["a"] != nil {
			for i := range tt.want["a"] {
				tt.want["a"][i] = "1"
			}
		}
		got, problems := scenario.SplitQuery(tt.raw)
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("SplitQuery(%.40q) = %v; want %v", tt.raw, got, tt.want)
		}
		if s := problemStrings(problems); !reflect.DeepEqual(s, tt.problems) {
			t.Errorf("SplitQuery(%.40q) problems = %q; want %q", tt.raw, s, tt.problems)
		}
	}
}

func TestPlanListLimits(t *testing.T) {
	line := "10.0.0.0/24"
	lines := func(n int) string { return strings.TrimSuffix(strings.Repeat(line+"\n", n), "\n") }
	big := strings.Repeat("y", 100) + "\n"
	bytesOver := strings.Repeat(big, scenario.MaxListBytes/len(big)+1)
	tests := []struct {
		name     string
		list     string
		want     string
		problems []string
	}{
		{"at line limit", lines(scenario.MaxListLines), lines(scenario.MaxListLines), nil},
		{"at line limit, ending in a newline", lines(scenario.MaxListLines) + "\n", lines(scenario.MaxListLines) + "\n", nil},
		{"at line limit, CRLF", strings.ReplaceAll(lines(scenario.MaxListLines)+"\n", "\n", "\r\n"), strings.ReplaceAll(lines(scenario.MaxListLines)+"\n", "\n", "\r\n"), nil},
		{"one over, ending in a newline", lines(scenario.MaxListLines+1) + "\n", lines(scenario.MaxListLines),
			[]string{"list: 10001 lines, more than the limit of 10000; only the first 10000 are kept"}},
		{"over line limit", lines(scenario.MaxListLines + 5), lines(scenario.MaxListLines),
			[]string{"list: 10005 lines, more than the limit of 10000; only the first 10000 are kept"}},
		{"over byte limit", bytesOver, strings.Repeat(big, scenario.MaxListBytes/len(big)-1) + big[:len(big)-1],
			[]string{fmt.Sprintf("list: %d bytes, more than the limit of %d; only the lines that fit are kept", len(bytesOver), scenario.MaxListBytes)}},
		{"one huge line", strings.Repeat("z", scenario.MaxListBytes+1), "",
			[]string{fmt.Sprintf("list: %d bytes, more than the limit of %d; only the lines that fit are kept", scenario.MaxListBytes+1, scenario.MaxListBytes)}},
		{"at byte limit", strings.Repeat("z", scenario.MaxListBytes), strings.Repeat("z", scenario.MaxListBytes), nil},
	}
	for _, tt := range tests {
		got, problems := scenario.ParsePlanState(url.Values{"list": {tt.list}})
		if got.List != tt.want {
			t.Errorf("%s: List has %d bytes, %d lines; want %d bytes, %d lines", tt.name,
				len(got.List), strings.Count(got.List, "\n")+1, len(tt.want), strings.Count(tt.want, "\n")+1)
		}
		if s := problemStrings(problems); !reflect.DeepEqual(s, tt.problems) {
			t.Errorf("%s: problems = %q; want %q", tt.name, s, tt.problems)
		}
		if len(got.List) > scenario.MaxListBytes || len(strings.Split(strings.TrimSuffix(got.List, "\n"), "\n")) > scenario.MaxListLines {
			t.Errorf("%s: list over its limits after parsing", tt.name)
		}
	}
}

func TestProblemString(t *testing.T) {
	tests := []struct {
		p    scenario.Problem
		want string
	}{
		{scenario.Problem{Reason: "whole query"}, "whole query"},
		{scenario.Problem{Param: "list", Reason: "too long"}, "list: too long"},
		{scenario.Problem{Param: "cloud", Value: "foo", Reason: "unknown"}, "cloud=foo: unknown"},
		{scenario.Problem{Value: "x", Reason: "no name"}, "=x: no name"},
	}
	for _, tt := range tests {
		if got := tt.p.String(); got != tt.want {
			t.Errorf("(%#v).String() = %q; want %q", tt.p, got, tt.want)
		}
	}
}

func TestWidgets(t *testing.T) {
	for _, w := range scenario.Widgets() {
		if !w.IsValid() || w.IsSimple() == w.IsLab() {
			t.Errorf("%q: IsValid %v, IsSimple %v, IsLab %v", w, w.IsValid(), w.IsSimple(), w.IsLab())
		}
	}
	for _, w := range []scenario.Widget{"", "Addr", "nat2"} {
		if w.IsValid() {
			t.Errorf("Widget(%q).IsValid() = true; want false", w)
		}
	}
	for m := scenario.PlanSplit; m <= scenario.PlanLastMode+1; m++ {
		q, _ := url.ParseQuery("mode=" + m.String())
		got, _ := scenario.ParsePlanState(q)
		if want := m; !m.IsValid() {
			want = scenario.PlanSplit
			if got.Mode != want {
				t.Errorf("PlanMode(%d).String() = %q parses to %v", m, m.String(), got.Mode)
			}
		} else if got.Mode != want {
			t.Errorf("PlanMode(%d).String() = %q parses to %v", m, m.String(), got.Mode)
		}
	}
}
