package scenario_test

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/netground/netground/core/scenario"
	"github.com/netground/netground/core/subnet"
)

var update = flag.Bool("update", false, "rewrite testdata/golden-links-v1.txt (only when adding links: shipped links must never change)")

const goldenFile = "testdata/golden-links-v1.txt"

// goldenLinks are the links of version 1 the golden file was made from.
func goldenLinks(t *testing.T) []string {
	frag := func(path string, d scenario.Document) string {
		f, err := scenario.Fragment(d)
		if err != nil {
			t.Fatal(err)
		}
		return path + "#" + f
	}
	link := func(path string, s scenario.State) string { return path + "?" + s.Encode() }
	return []string{
		link("/addr", scenario.AddrState{IP: "192.168.1.42"}),
		"/addr?v=1&ip=2001:db8::1",
		link("/subnet", scenario.SubnetState{Net: "10.0.0.0/20", Host: "10.0.3.7", Cloud: subnet.CloudAWS}),
		link("/subnet", scenario.SubnetState{Net: "192.168.1.0/24", Host: "192.168.1.10", Other: "192.168.2.10", Gateway: "192.168.1.1"}),
		link("/subnet", scenario.SubnetState{Net: "192.168.1.0/24", Nth: "-2"}),
		link("/addr", scenario.AddrState{IP: "192.168.1.42", Add: "-1", To: "192.168.2.1"}),
		link("/subnet", scenario.SubnetState{Net: "2001:db8::/64", Pick: "2001:db8::8f2c:4e91:d07a:1b3c"}),
		link("/plan", scenario.PlanState{Net: "10.0.0.0/16", Len: 24, Page: 2}),
		link("/plan", scenario.PlanState{Mode: scenario.PlanVLSM, Net: "10.0.0.0/22", List: "office = 200\nlab = 50 # spare"}),
		link("/plan", scenario.PlanState{Mode: scenario.PlanNextFree, Net: "10.0.0.0/16", Len: 24, List: "10.0.0.0/24\n10.0.1.0/24"}),
		link("/plan", scenario.PlanState{Mode: scenario.PlanULA, GlobalID: "123456789a"}),
		link("/plan", scenario.PlanState{Mode: scenario.PlanTree, Net: "10.0.0.0/24", Tree: "25,26x2", Cloud: subnet.CloudAWS, Names: `office\, 2nd floor,,lab`}),
		link("/plan", scenario.PlanState{Mode: scenario.PlanTree, Net: "2001:db8::/48", Tree: "49,50,51x2", Page: 0}),
		frag("/plan", scenario.NewDocument(scenario.PlanState{Mode: scenario.PlanSummarize, List: planList(200)}, "200 sites")),
		link("/ports", scenario.PortsState{Q: "postgres"}),
		frag("/nat", natDoc()),
		frag("/bind", scenario.Document{Widget: scenario.WidgetBind, Name: "0.0.0.0 vs 127.0.0.1",
			State: json.RawMessage(`{"host":{"ifaces":["lo","eth0","docker0"]},"procs":[{"listen":"127.0.0.1:8080"},{"listen":"0.0.0.0:5432"}]}`)}),
		frag("/k8s", scenario.Document{Widget: scenario.WidgetK8s, State: json.RawMessage(`{"cluster":"10.244.0.0/16","nodes":3,"service":"10.96.0.10"}`)}),
		frag("/practice", scenario.Document{Widget: scenario.WidgetPractice, Name: "subnetting 1", State: json.RawMessage(`{"seed":20260718,"set":"subnet","n":10}`)}),
	}
}

// openGolden opens a link as the app does and describes what it opens to.
func openGolden(link string) (string, error) {
	u, err := url.Parse(link)
	if err != nil {
		return "", err
	}
	w := scenario.Widget(strings.TrimPrefix(u.Path, "/"))
	if w.IsLab() {
		d, err := scenario.DecodeFragment(u.Fragment)
		if err != nil {
			return "", err
		}
		b, err := json.Marshal(d)
		return string(b), err
	}
	q, problems := scenario.ReadLink(w, u.RawQuery, u.Fragment)
	s, more := parse(w, q)
	if problems = append(problems, more...); len(problems) != 0 {
		return "", fmt.Errorf("problems: %v", problems)
	}
	b, err := json.Marshal(s)
	return string(b), err
}

// TestGoldenLinks opens every link ever shipped and checks that it still opens to exactly
// the state it was made from.
func TestGoldenLinks(t *testing.T) {
	if *update {
		var b strings.Builder
		b.WriteString("# Share links of version 1 and the state each opens to (JSON). Never change or remove a line:\n")
		b.WriteString("# these links are out in the world. Format: link<TAB>state\n")
		for _, link := range goldenLinks(t) {
			got, err := openGolden(link)
			if err != nil {
				t.Fatalf("%s: %v", link, err)
			}
			fmt.Fprintf(&b, "%s\t%s\n", link, got)
		}
		if err := os.WriteFile(goldenFile, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	f, err := os.Open(goldenFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	seen := map[scenario.Widget]bool{}
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		link, want, ok := strings.Cut(line, "\t")
		if !ok {
			t.Fatalf("malformed golden line %q", line)
		}
		got, err := openGolden(link)
		if err != nil || got != want {
			t.Errorf("golden link %.80s\nopens to %s, %v\nwant     %s", link, got, err, want)
		}
		u, _ := url.Parse(link)
		seen[scenario.Widget(strings.TrimPrefix(u.Path, "/"))] = true
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	for _, w := range scenario.Widgets() {
		if !seen[w] {
			t.Errorf("no golden link of version 1 for widget %s", w)
		}
	}
}
