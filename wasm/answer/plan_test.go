package answer

import (
	"net/url"
	"strings"
	"testing"

	"github.com/netground/netground/core/scenario"
)

// TestPlanForLink checks the Plan page's first answer for links as people
// share them: the link's own numbers, the mode's example where it leaves
// something out, and no answer where only the app can give one.
func TestPlanForLink(t *testing.T) {
	tests := []struct {
		query   string
		ok      bool
		summary string   // a part of the summary region
		fields  []string // more text the regions hold
		tables  bool     // a tables region is answered
	}{
		{"net=172.16.0.0/12&len=16", true, "172.16.0.0/12 splits into 16 subnets of /16", []string{`data-field="prefix">172.16.0.0/16<`, `data-field="prefix">172.31.0.0/16<`}, true},
		{"", true, "10.0.0.0/16 splits into 256 subnets of /24", []string{"page 1 of 4"}, true},
		{"net=10.0.0.0/8&parts=3", true, "splits into 4 subnets of /10", nil, true},
		{"net=10.0.0.7/32&len=32", true, "is itself: 1 subnet", nil, true},
		{"net=0.0.0.0/0&len=1", true, "splits into 2 subnets of /1", []string{"128.0.0.0/1"}, true},
		{"net=2001:db8::/32&len=64&page=3", true, "splits into 4294967296 subnets of /64", []string{"page 3 of ", `data-field="index">129<`}, true},
		{"mode=summarize&list=10.0.0.0%2F24%0A10.0.1.0%2F24", true, "2 prefixes in, 1 out", []string{"10.0.0.0/23"}, true},
		{"mode=vlsm&net=10.0.0.0/24&list=office%3D50%0Alab%3D20", true, "2 subnets fit in 10.0.0.0/24", []string{"office"}, true},
		{"mode=tree&net=10.0.0.0/24&tree=25x2", true, "", nil, false},
		{"mode=ula&gid=8f2c4e91d0", true, "fd8f:2c4e:91d0::/48", nil, true},
		{"mode=ula", false, "", nil, false},
		{"net=300.0.0.0/8", true, "", nil, true},
	}
	for _, tt := range tests {
		q, _ := url.ParseQuery(tt.query)
		r, ok := ForQuery(scenario.WidgetPlan, q, nil, func(s string) string { return s }, nil)
		if ok != tt.ok {
			t.Errorf("%q: answered %v; want %v", tt.query, ok, tt.ok)
			continue
		}
		if !ok {
			continue
		}
		all := ""
		for _, reg := range r {
			all += reg.HTML
		}
		if sum := r.HTML("planui-answer"); !strings.Contains(sum, tt.summary) {
			t.Errorf("%q: summary region %q; want %q in it", tt.query, sum, tt.summary)
		}
		for _, f := range tt.fields {
			if !strings.Contains(all, f) {
				t.Errorf("%q: the answer lacks %q", tt.query, f)
			}
		}
		hasTables := false
		for _, reg := range r {
			hasTables = hasTables || reg.ID == "planui-tables"
		}
		if hasTables != tt.tables {
			t.Errorf("%q: a tables region: %v; want %v", tt.query, hasTables, tt.tables)
		}
	}
}

// TestPlanLinkNotice: what a link held that the page could not use is
// said in the page's notice region, as on the other widgets.
func TestPlanLinkNotice(t *testing.T) {
	q, problems := scenario.SplitQuery("net=10.0.0.0/8&len=zz&mode=nope")
	r, ok := ForQuery(scenario.WidgetPlan, q, problems, func(s string) string { return s }, nil)
	if !ok {
		t.Fatal("not answered")
	}
	if n := r.HTML("plan-notice"); !strings.Contains(n, "could not be used") {
		t.Errorf("notice %q; want the link's problems", n)
	}
}
