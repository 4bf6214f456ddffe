package answer

import (
	"strings"
	"testing"

	"github.com/netground/netground/core/scenario"
)

// TestDraftKeepsTheLastAnswer types 8.8.8.8 after 10.1.2.3, key by key: no
// step on the way shows an error or an empty result; each shows the last
// whole answer, marked as for its input, until the new one is whole.
func TestDraftKeepsTheLastAnswer(t *testing.T) {
	d := NewDraft(scenario.WidgetAddr)
	href := func(s string) string { return s }
	show := func(in string) (Regions, bool) {
		return d.Show(AddrRegions(DescribeAddress(in), href), in, AddrInput(in))
	}
	if _, waiting := show("10.1.2.3"); waiting {
		t.Fatal("a whole address waits")
	}
	for _, in := range []string{"", "8", "8.", "8.8", "8.8.8", "8.8.8."} {
		r, waiting := show(in)
		if !waiting {
			t.Errorf("%q: not waiting", in)
		}
		if msg := r.HTML("addr-ip-message"); strings.Contains(msg, `class="error"`) || !strings.Contains(msg, "10.1.2.3") {
			t.Errorf("%q: message %s; want the hint naming 10.1.2.3 and no error", in, msg)
		}
		if v := r.HTML("addr-verdict"); !strings.Contains(v, `data-stale-for="10.1.2.3"`) || !strings.Contains(v, `data-field="reachable"`) {
			t.Errorf("%q: verdict %s; want the last answer, marked as for 10.1.2.3", in, v)
		}
	}
	r, waiting := show("8.8.8.8")
	if waiting || strings.Contains(r.HTML("addr-verdict"), "stale") || !strings.Contains(r.HTML("addr-details"), "8.8.8.8") {
		t.Errorf("8.8.8.8: waiting %v, verdict %s", waiting, r.HTML("addr-verdict"))
	}
}

// TestDraftShowsErrors: an input no typing can mend shows its error at
// once, and an incomplete one once it has settled.
func TestDraftShowsErrors(t *testing.T) {
	d := NewDraft(scenario.WidgetAddr)
	href := func(s string) string { return s }
	show := func(in string) (Regions, bool) {
		return d.Show(AddrRegions(DescribeAddress(in), href), in, AddrInput(in))
	}
	show("10.1.2.3")
	if r, waiting := show("10.1.2.3."); waiting || !strings.Contains(r.HTML("addr-ip-message"), `class="error"`) {
		t.Errorf("10.1.2.3.: waiting %v, message %s; want the error at once", waiting, r.HTML("addr-ip-message"))
	}
	if _, waiting := show("1.2.3"); !waiting {
		t.Error("1.2.3: not waiting")
	}
	d.Settle("1.2.3")
	r, waiting := show("1.2.3")
	if waiting || !strings.Contains(r.HTML("addr-ip-message"), `class="error"`) || r.HTML("addr-verdict") != "" {
		t.Errorf("1.2.3 settled: waiting %v, message %s, verdict %s; want the error and no result", waiting, r.HTML("addr-ip-message"), r.HTML("addr-verdict"))
	}
	// The first input of a page has no last answer to keep.
	fresh := NewDraft(scenario.WidgetAddr)
	if _, waiting := fresh.Show(AddrRegions(DescribeAddress("8.8"), href), "8.8", AddrInput("8.8")); waiting {
		t.Error("a page opened on 8.8 waits; it has no answer to keep")
	}
}

func TestInputs(t *testing.T) {
	tests := []struct {
		got  Input
		want Input
	}{
		{SubnetInput("10.0.0.0/"), InputIncomplete},
		{SubnetInput("10.0.0.0/33"), InputInvalid},
		{SubnetInput("10.0.0.0/8"), InputValid},
		{PortsInput("10.0.0.5:"), InputIncomplete},
		{PortsInput("80/"), InputValid}, // a search for the text
		{PortsInput("http:"), InputIncomplete},
		{PortsInput("[2001:db8::1"), InputIncomplete},
		{PortsInput("65536"), InputInvalid},
		{PortsInput("443"), InputValid},
		{PortsInput("postgres"), InputValid},
	}
	for i, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("case %d: %v; want %v", i, tt.got, tt.want)
		}
	}
}
