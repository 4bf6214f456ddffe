//go:build !wasm

package bundle

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/netground/netground/wasm/site"
)

// docSections reads docs/fields*.md: each "## " heading with the text
// under it.
func docSections(t *testing.T) map[string]string {
	t.Helper()
	docs, _ := filepath.Glob("../../docs/fields*.md")
	if len(docs) == 0 {
		t.Fatal("no docs/fields*.md")
	}
	sections := map[string]string{} // heading → body
	for _, d := range docs {
		b, err := os.ReadFile(d)
		if err != nil {
			t.Fatal(err)
		}
		var heading string
		for _, line := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(line, "## ") {
				heading = line
				continue
			}
			sections[heading] += line + "\n"
		}
	}
	return sections
}

// TestDocumentedFields: every page has its section in docs/fields*.md, and
// every field documented there is written by the code.
func TestDocumentedFields(t *testing.T) {
	sections := docSections(t)
	source := goSource(t, "..")
	for _, p := range site.Pages {
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
	for _, row := range fieldRows(body) {
		// "`row` (`tr`)": what stands in parentheses is the element.
		first := parenthesized.ReplaceAllString(strings.SplitN(row, "|", 3)[1], "")
		for _, m := range backticked.FindAllStringSubmatch(first, -1) {
			out = append(out, m[1])
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// namedFields returns every name a section's field tables give in either
// column: a field of its own, or one named where it belongs, such as the
// cells of a row ("`pod-row` | one pod; cells `pod-name`, `pod-ip`").
func namedFields(body string) map[string]bool {
	out := map[string]bool{}
	for _, row := range fieldRows(body) {
		for _, m := range backticked.FindAllStringSubmatch(row, -1) {
			out[m[1]] = true
		}
	}
	return out
}

// fieldRows returns the rows of a section's field tables: tables headed
// "| field |", and the Plan page's "| mode | facts |" table of each mode's
// fields.
func fieldRows(body string) []string {
	var rows []string
	inFields := false
	for _, line := range strings.Split(body, "\n") {
		switch {
		case strings.HasPrefix(line, "| field |"), strings.HasPrefix(line, "| mode | facts |"):
			inFields = true
		case !strings.HasPrefix(line, "|"):
			inFields = false
		case inFields && !strings.HasPrefix(line, "| ---"):
			rows = append(rows, line)
		}
	}
	return rows
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

// TestRenderedFieldsAreDocumented: every data-field of every page the
// bundle pre-renders (each route, its embed page, the labs' preset pages,
// the course's chapters) is documented in the page's section of
// docs/fields*.md, or in a section that holds for every page.
func TestRenderedFieldsAreDocumented(t *testing.T) {
	out := writeBundle(t)
	sections := docSections(t)
	shared := map[string]bool{}
	for h, body := range sections {
		if !strings.Contains(h, "`/") {
			for f := range namedFields(body) {
				shared[f] = true
			}
		}
	}
	field := regexp.MustCompile(`data-field="([^"]*)"`)
	pages := 0
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		path := pagePath(filepath.ToSlash(strings.TrimSuffix(rel, ".html")))
		documented := map[string]bool{}
		found := false
		for h, body := range sections {
			if strings.Contains(h, "`"+path+"`") {
				found = true
				for f := range namedFields(body) {
					documented[f] = true
				}
			}
		}
		if !found {
			t.Errorf("%s: no section of docs/fields*.md is headed with `%s`", rel, path)
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		pages++
		seen := map[string]bool{}
		for _, m := range field.FindAllStringSubmatch(string(b), -1) {
			if f := m[1]; !documented[f] && !shared[f] && !seen[f] {
				seen[f] = true
				t.Errorf("%s: data-field %q is rendered but not documented in the section of %s", rel, f, path)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if pages < len(site.Routes()) {
		t.Errorf("read %d pages; the registry has %d routes", pages, len(site.Routes()))
	}
}

// pagePath returns the page a pre-rendered file shows: "index" is /, and
// embed/nat, web/presets/nat/cgnat and learn/subnets show /nat, /nat and
// /learn.
func pagePath(file string) string {
	file = strings.TrimPrefix(file, "web/presets/")
	file = strings.TrimPrefix(file, "embed/")
	if file == "index" {
		return "/"
	}
	first, _, _ := strings.Cut(file, "/")
	return "/" + first
}
