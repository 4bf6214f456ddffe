package site

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
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
		if p.FirstAnswer != answer.Answers(p.Widget) {
			t.Errorf("%s: FirstAnswer is %v, but the first-answer binary answers for it: %v", p.Path, p.FirstAnswer, answer.Answers(p.Widget))
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

// TestDocumentedFields: every page has its section in docs/fields*.md, and
// every field documented there is written by the code.
func TestDocumentedFields(t *testing.T) {
	docs, _ := filepath.Glob("../../docs/fields*.md")
	var text strings.Builder
	for _, d := range docs {
		b, err := os.ReadFile(d)
		if err != nil {
			t.Fatal(err)
		}
		text.Write(b)
		text.WriteString("\n")
	}
	sections := map[string]string{} // heading → body
	var heading string
	for _, line := range strings.Split(text.String(), "\n") {
		if strings.HasPrefix(line, "## ") {
			heading = line
			continue
		}
		sections[heading] += line + "\n"
	}
	source := goSource(t, "..")
	for _, p := range Pages {
		var body string
		found := false
		for h, b := range sections {
			if strings.Contains(h, "`"+p.Path+"`") {
				found, body = true, b
				if p.Embed && !strings.Contains(h, "`/embed"+p.Path+"`") {
					t.Errorf("docs: the section of %s does not name /embed%s", p.Path, p.Path)
				}
			}
		}
		if !found {
			t.Errorf("docs/fields*.md has no section headed with `%s`", p.Path)
			continue
		}
		fields := documentedFields(body)
		if len(fields) == 0 {
			t.Errorf("docs: the section of %s documents no field", p.Path)
		}
		for _, f := range fields {
			if !source[f] {
				t.Errorf("%s: field %q is documented, but no code writes it", p.Path, f)
			}
		}
	}
}

var (
	backticked    = regexp.MustCompile("`([a-z0-9-]+)`")
	parenthesized = regexp.MustCompile(`\([^)]*\)`)
)

// documentedFields returns the names in the first column of a section's
// field tables (tables headed "| field |").
func documentedFields(body string) []string {
	var out []string
	inFields := false
	for _, line := range strings.Split(body, "\n") {
		switch {
		case strings.HasPrefix(line, "| field |"):
			inFields = true
		case !strings.HasPrefix(line, "|"):
			inFields = false
		case inFields && !strings.HasPrefix(line, "| ---"):
			// "`row` (`tr`)": what stands in parentheses is the element.
			first := parenthesized.ReplaceAllString(strings.SplitN(line, "|", 3)[1], "")
			for _, m := range backticked.FindAllStringSubmatch(first, -1) {
				out = append(out, m[1])
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// goSource returns every string literal and every "-suffix" literal joined
// to a name in the Go files under dir: what the code can write as a field.
func goSource(t *testing.T, dir string) map[string]bool {
	lits := map[string]bool{}
	literal := regexp.MustCompile(`"([a-z0-9-]+)"`)
	var suffixes, names []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, m := range literal.FindAllStringSubmatch(string(b), -1) {
			lits[m[1]] = true
			if strings.HasPrefix(m[1], "-") {
				suffixes = append(suffixes, m[1])
			} else {
				names = append(names, m[1])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		for _, s := range suffixes {
			lits[n+s] = true
		}
	}
	return lits
}
