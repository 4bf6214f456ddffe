package library

import (
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/netground/netground/core/scenario"
	"github.com/netground/netground/core/store"
	"github.com/netground/netground/wasm/ui"
)

// The library labels widgets as the page registry (package site) does;
// these tests give it the part of the registry they read.
func TestMain(m *testing.M) {
	ui.SetPages([]ui.Page{
		{Widget: scenario.WidgetAddr, Path: "/addr", Label: "Address", NameKeys: []string{"ip"}},
		{Widget: scenario.WidgetPorts, Path: "/ports", Label: "Ports", NameKeys: []string{"q"}},
		{Widget: scenario.WidgetNAT, Path: "/nat", Label: "NAT lab"},
	})
	os.Exit(m.Run())
}

func TestScenarioLink(t *testing.T) {
	addr := scenario.NewDocument(scenario.AddrState{IP: "10.1.2.3"}, "Office")
	nat := scenario.Document{Widget: scenario.WidgetNAT, Name: "Home", State: json.RawMessage(`{"hosts":[]}`)}
	for _, tc := range []struct {
		doc    scenario.Document
		prefix string
	}{
		{addr, "/addr?ip=10.1.2.3#lib=abc"},
		{nat, "/nat#s=1."},
	} {
		got, err := ui.ScenarioLink(tc.doc, "abc")
		if err != nil || !strings.HasPrefix(got, tc.prefix) || !strings.HasSuffix(got, "lib=abc") {
			t.Errorf("ScenarioLink(%s) = %q, %v; want %s…lib=abc", tc.doc.Widget, got, err, tc.prefix)
		}
		if id := ui.LibraryIDFromFragment(got[strings.Index(got, "#"):]); id != "abc" {
			t.Errorf("LibraryIDFromFragment(%q) = %q; want abc", got, id)
		}
	}
	link, _ := ui.ScenarioLink(nat, "abc")
	d, err := scenario.DecodeFragment(link[strings.Index(link, "#"):])
	if err != nil || d.Name != "Home" || string(d.State) != `{"hosts":[]}` {
		t.Errorf("the lab link decodes to %+v, %v", d, err)
	}
	q, problems := scenario.ReadLink(scenario.WidgetAddr, "ip=10.1.2.3", "lib=abc")
	if q.Get("ip") != "10.1.2.3" || len(problems) != 0 {
		t.Errorf("ReadLink with lib= in the fragment = %v, %v; want the query and no problem", q, problems)
	}
}

func TestNewListView(t *testing.T) {
	when := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	entries := []store.Entry{
		{ID: "a", Name: "Office", Widget: scenario.WidgetAddr, Size: 1234, Modified: when, Document: scenario.NewDocument(scenario.AddrState{IP: "10.0.0.1"}, "Office")},
		{ID: "b", Widget: scenario.WidgetPorts, Size: 12, Modified: when, Document: scenario.NewDocument(scenario.PortsState{Q: "ssh"}, "")},
		{ID: "c", Name: "Future", Widget: scenario.WidgetNAT, Size: 99, Modified: when, Err: &scenario.DecodeError{Kind: scenario.ErrNewerVersion, Detail: "it is version 9"}},
		{ID: "~x.txt", Size: 3, Modified: when, Err: errors.New("the file \"x.txt\" was not written by Netground")},
	}
	v := newListView(entries)
	if v.Count != "4 scenarios, 2 of them damaged" {
		t.Errorf("Count = %q", v.Count)
	}
	for i, want := range []row{
		{Name: "Office", Widget: "Address", Size: "1.2 kB", Link: "/addr?ip=10.0.0.1#lib=a", FileName: "Office.netground.json"},
		{Name: "Untitled", Widget: "Ports", Size: "12 bytes", Link: "/ports?q=ssh#lib=b", FileName: "scenario-b.netground.json"},
		{Name: "Future", Widget: "NAT lab", Size: "99 bytes", Damaged: true, FileName: "Future.netground.json"},
		{Name: "Unreadable scenario (~x.txt)", Widget: "Unknown", Size: "3 bytes", Damaged: true, FileName: "scenario-x.txt.netground.json"},
	} {
		got := v.Rows[i]
		if got.Name != want.Name || got.Widget != want.Widget || got.Size != want.Size || got.Link != want.Link || got.Damaged != want.Damaged || got.FileName != want.FileName {
			t.Errorf("row %d = %+v; want %+v", i, got, want)
		}
		if got.Damaged && got.Problem == "" {
			t.Errorf("row %d is damaged without a reason", i)
		}
	}
	if !strings.Contains(v.Rows[2].Problem, "newer version") {
		t.Errorf("newer entry problem = %q", v.Rows[2].Problem)
	}
	if got := newListView(nil).Count; got != "No scenarios saved yet" {
		t.Errorf("empty Count = %q", got)
	}
}

func TestTexts(t *testing.T) {
	for _, tc := range []struct{ got, want string }{
		{exportFileName(`a/b:c?`, "x"), "a-b-c-.netground.json"},
		{exportFileName("..", "x"), "scenario-x.netground.json"},
		{sizeText(999), "999 bytes"},
		{sizeText(1), "1 byte"},
		{sizeText(2_500_000), "2.5 MB"},
		{clashText("lib.json", 3, []string{"A", "B"}), `lib.json holds 3 scenarios; 2 names are already in your library: "A", "B". Keep both (the imported ones get a number), replace yours, or skip them?`},
		{importText("lib.json", store.ImportResult{Added: 1, Replaced: 1, Skipped: 2}), "Imported 2 scenarios from lib.json (1 replaced, 2 skipped)."},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q; want %q", tc.got, tc.want)
		}
	}
}

// TestLabStepAndName checks that a lab scenario reopens at the step it was
// saved at (and one saved before steps were kept at the lab's own opening
// step), and that its default name is its own.
func TestLabStepAndName(t *testing.T) {
	nat := scenario.Document{Widget: scenario.WidgetNAT, Name: "Double NAT behind a carrier-grade NAT", State: json.RawMessage(`{"hosts":[]}`)}
	link, err := ui.ScenarioLink(nat.AtStep(3), "abc")
	if err != nil || !strings.HasPrefix(link, "/nat?step=3#s=1.") || !strings.HasSuffix(link, "&lib=abc") {
		t.Errorf("ScenarioLink(step 3) = %q, %v; want /nat?step=3#s=1.…&lib=abc", link, err)
	}
	if d, err := scenario.DecodeFragment(link[strings.Index(link, "#"):]); err != nil || d.Step != nil || d.Name != nat.Name {
		t.Errorf("the link's scenario = %+v, %v; want the step in the query only", d, err)
	}
	if link, _ := ui.ScenarioLink(nat, "abc"); !strings.HasPrefix(link, "/nat#s=1.") {
		t.Errorf("ScenarioLink(no step) = %q; want /nat#s=1.…", link)
	}
	if got := ui.DefaultScenarioName(nat); got != nat.Name {
		t.Errorf("DefaultScenarioName(NAT named %q) = %q", nat.Name, got)
	}
	if got := ui.DefaultScenarioName(scenario.Document{Widget: scenario.WidgetNAT, Name: "  "}); got != "NAT lab scenario" {
		t.Errorf("DefaultScenarioName(unnamed NAT) = %q; want %q", got, "NAT lab scenario")
	}
}
