package site

import (
	"reflect"
	"strings"
	"testing"

	"github.com/netground/netground/core/scenario"
	"github.com/netground/netground/wasm/answer"
	"github.com/netground/netground/wasm/ui"
)

// TestEveryWidgetHasOnePage: the registry holds each widget once, and
// nothing else lists pages.
func TestEveryWidgetHasOnePage(t *testing.T) {
	seen := map[string]bool{}
	for _, p := range Pages {
		if seen[p.Path] {
			t.Errorf("%s is declared twice", p.Path)
		}
		seen[p.Path] = true
		if p.Title == "" || p.New == nil {
			t.Errorf("%s: a page needs a title and a constructor", p.Path)
		}
		if p.Widget != "" && p.Path != "/"+string(p.Widget) {
			t.Errorf("%s shows widget %q: its path must be /%s, the path of its saved scenarios", p.Path, p.Widget, p.Widget)
		}
		if shared := p.FirstAnswer && p.FirstBinary == ""; shared != answer.Answers(p.Widget) {
			t.Errorf("%s: answered first by the shared binary: %v, but it answers for it: %v", p.Path, shared, answer.Answers(p.Widget))
		}
		if p.FirstBinary != "" && !p.FirstAnswer {
			t.Errorf("%s: names a first-answer binary but does not answer first", p.Path)
		}
		if p.Widget != "" && p.Widget.IsSimple() != (len(p.NameKeys) > 0) {
			t.Errorf("%s: a simple widget's scenarios are named by a link parameter, a lab's are not", p.Path)
		}
	}
	for _, w := range scenario.Widgets() {
		p, ok := ui.PageOf(w)
		if !ok {
			t.Errorf("widget %q has no page", w)
			continue
		}
		if !p.Embed {
			t.Errorf("widget %q has no embed page", w)
		}
	}
	if got := ui.PageTitle("/embed/subnet"); got != "Subnet calculator — Netground" {
		t.Errorf("PageTitle(/embed/subnet) = %q", got)
	}
	if got := ui.PageTitle("/nowhere"); got != ui.SiteTitle {
		t.Errorf("PageTitle(/nowhere) = %q; want the site's title", got)
	}
}

func TestDefaultScenarioNames(t *testing.T) {
	for _, tc := range []struct {
		doc  scenario.Document
		want string
	}{
		{scenario.NewDocument(scenario.SubnetState{Net: "10.0.0.0/8"}, ""), "Subnet 10.0.0.0/8"},
		{scenario.NewDocument(scenario.AddrState{IP: "10.1.2.3"}, ""), "Address 10.1.2.3"},
		{scenario.NewDocument(scenario.PortsState{Q: "ssh"}, ""), "Ports ssh"},
		{scenario.NewDocument(scenario.PlanState{Net: "10.0.0.0/16"}, ""), "Plan 10.0.0.0/16"},
		{scenario.NewDocument(scenario.AddrState{IP: strings.Repeat("é", 40)}, ""), "Address " + strings.Repeat("é", 30)},
		{scenario.Document{Widget: scenario.WidgetK8s}, "Kubernetes lab scenario"},
		{scenario.Document{Widget: scenario.WidgetNAT}, "NAT lab scenario"},
	} {
		if got := ui.DefaultScenarioName(tc.doc); got != tc.want {
			t.Errorf("DefaultScenarioName(%s) = %q; want %q", tc.doc.Widget, got, tc.want)
		}
	}
}

// TestLabStateStaysTheMountedPages: go-app copies a page's exported fields
// from a fresh instance when it navigates to the same page again, so a
// lab's ui.LabPage, which is bound to the mounted page, must be embedded
// under an unexported name.
func TestLabStateStaysTheMountedPages(t *testing.T) {
	labs := 0
	for _, p := range Pages {
		typ := reflect.TypeOf(p.New()).Elem()
		for i := range typ.NumField() {
			f := typ.Field(i)
			if strings.HasPrefix(f.Type.Name(), "LabPage[") {
				labs++
				if f.IsExported() {
					t.Errorf("%s: %s embeds %s under the exported name %s", p.Path, typ, f.Type.Name(), f.Name)
				}
			}
		}
	}
	if labs < 2 {
		t.Errorf("%d pages embed ui.LabPage; the Bind and Kubernetes labs do", labs)
	}
}
