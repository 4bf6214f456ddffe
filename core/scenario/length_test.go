package scenario_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/netground/netground/core/scenario"
	"github.com/netground/netground/core/subnet"
)

// bigNAT returns a NAT lab with n devices and their translation table.
func bigNAT(n int) scenario.Document {
	var b strings.Builder
	b.WriteString(`{"router":{"wan":"203.0.113.7","mapping":"endpoint-independent","filtering":"address-dependent"},"devices":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"name":"device-%d","ip":"192.168.1.%d","conns":[{"proto":"tcp","src":"192.168.1.%d:%d","dst":"93.184.216.34:443","mapped":"203.0.113.7:%d"}]}`,
			i, 10+i, 10+i, 40000+i, 50000+i)
	}
	b.WriteString(`]}`)
	return scenario.Document{Widget: scenario.WidgetNAT, Name: "office NAT", State: json.RawMessage(b.String())}
}

// TestLinkLengths measures the links of representative states, in both forms, and checks
// that Link picks the shorter form past MaxQueryLinkBytes. Run with -v to see the table.
func TestLinkLengths(t *testing.T) {
	states := []struct {
		name  string
		state scenario.State
	}{
		{"addr", scenario.AddrState{IP: "192.168.1.42"}},
		{"subnet, all fields", scenario.SubnetState{Net: "10.0.0.0/20", Host: "10.0.3.7", Other: "10.0.9.1", Gateway: "10.0.0.1", Cloud: subnet.CloudAWS}},
		{"plan split", scenario.PlanState{Net: "10.0.0.0/16", Len: 24, Page: 2}},
		{"ports", scenario.PortsState{Q: "postgres"}},
		{"plan, 10 named lines", scenario.PlanState{Mode: scenario.PlanOverlap, List: planList(10)}},
		{"plan, 100 named lines", scenario.PlanState{Mode: scenario.PlanOverlap, List: planList(100)}},
		{"plan, 1,000 named lines", scenario.PlanState{Mode: scenario.PlanOverlap, List: planList(1000)}},
		{"plan, 10,000 named lines", scenario.PlanState{Mode: scenario.PlanOverlap, List: planList(10000)}},
		{"plan, 1,000 random IPv6", scenario.PlanState{Mode: scenario.PlanSummarize, List: randomList(1000)}},
	}
	t.Logf("%-26s %8s %9s %9s  %s", "state", "query", "fragment", "no dict", "Link picks")
	for _, s := range states {
		q := s.state.Encode()
		d := scenario.NewDocument(s.state, "")
		f, err := scenario.Fragment(d)
		if err != nil {
			t.Fatal(err)
		}
		compact, _ := json.Marshal(d)
		link, err := scenario.Link("/x", s.state)
		if err != nil {
			t.Fatal(err)
		}
		picked := "query"
		if strings.HasPrefix(link, "/x#") {
			picked = "fragment"
		}
		t.Logf("%-26s %8d %9d %9d  %s", s.name, len(q), len(f), len(deflated(string(compact))), picked)
		if want := scenario.PreferQuery(len(q), len(f)); want != (picked == "query") {
			t.Errorf("Link(%s) picked %s; PreferQuery(%d, %d) = %v", s.name, picked, len(q), len(f), want)
		}
	}
	for _, d := range []scenario.Document{natDoc(), bigNAT(10), bigNAT(100)} {
		f, err := scenario.Fragment(d)
		if err != nil {
			t.Fatal(err)
		}
		compact, _ := json.Marshal(d)
		t.Logf("%-26s %8s %9d %9d  (JSON %d bytes)", fmt.Sprintf("nat, %d bytes of state", len(d.State)), "-", len(f), len(deflated(string(compact))), len(compact))
	}
}
