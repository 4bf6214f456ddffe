package library

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/netground/netground/core/store"
	"github.com/netground/netground/wasm/ui"

	"github.com/netground/netground/core/field"
)

// listView is the library as the page shows it.
type listView struct {
	Count string // "3 scenarios", with the damaged ones named
	Rows  []row
}

// row is one entry of the library as the page shows it.
type row struct {
	ID          string
	Name        string // the name shown: the saved name, or a stand-in for an unnamed one
	SavedName   string // the name as saved, for renaming
	Widget      string // the widget's label
	Modified    string // local time, to the minute
	ModifiedISO string
	Size        string
	Link        string // the scenario in its widget; "" for a damaged entry
	Damaged     bool
	Problem     string // why a damaged entry cannot be opened
	FileName    string // the name of its export
}

func (v listView) has(id string) bool {
	for _, r := range v.Rows {
		if r.ID == id {
			return true
		}
	}
	return false
}

func (v listView) row(id string) (row, bool) {
	for _, r := range v.Rows {
		if r.ID == id {
			return r, true
		}
	}
	return row{}, false
}

// newListView describes entries, in their order.
func newListView(entries []store.Entry) listView {
	v := listView{Rows: make([]row, 0, len(entries))}
	damaged := 0
	for _, e := range entries {
		r := row{
			ID:        e.ID,
			Name:      e.Name,
			SavedName: e.Name,
			Widget:    ui.WidgetLabel(e.Widget),
			Size:      sizeText(e.Size),
			FileName:  exportFileName(e.Name, e.ID),
		}
		if !e.Modified.IsZero() {
			r.Modified = e.Modified.Local().Format("2006-01-02 15:04")
			r.ModifiedISO = e.Modified.UTC().Format(time.RFC3339)
		}
		if r.Name == "" {
			r.Name = "Untitled"
		}
		if e.Damaged() {
			damaged++
			r.Damaged = true
			r.Problem = problemText(e)
			if e.Name == "" {
				r.Name = "Unreadable scenario (" + e.ID + ")"
			}
		} else if link, err := ui.ScenarioLink(e.Document, e.ID); err == nil {
			r.Link = link
		} else {
			r.Damaged, r.Problem = true, "It cannot be opened: "+err.Error()
			damaged++
		}
		v.Rows = append(v.Rows, r)
	}
	v.Count = countText(len(entries), damaged)
	return v
}

// problemText says why an entry cannot be opened and what can still be done.
func problemText(e store.Entry) string {
	if e.Newer() {
		return "Saved by a newer version of Netground (" + e.Err.Error() + "). Reload the page to update Netground; it is kept as it is meanwhile."
	}
	return "This scenario is damaged: " + e.Err.Error() + ". You can export it as it is, or delete it."
}

func countText(n, damaged int) string {
	s := field.Count(n, "scenario", "scenarios")
	if n == 0 {
		s = "No scenarios saved yet"
	}
	if damaged > 0 {
		s += fmt.Sprintf(", %d of them damaged", damaged)
	}
	return s
}

// sizeText writes a file size for people: "812 bytes", "4.2 kB".
func sizeText(n int64) string {
	switch {
	case n < 1000:
		return field.Count(n, "byte", "bytes")
	case n < 1000*1000:
		return strconv.FormatFloat(float64(n)/1000, 'f', 1, 64) + " kB"
	}
	return strconv.FormatFloat(float64(n)/1e6, 'f', 1, 64) + " MB"
}

// exportFileName names the export of one scenario after it: "Office router.netground.json",
// with characters that file systems refuse replaced.
func exportFileName(name, id string) string {
	var b strings.Builder
	for _, r := range name {
		switch {
		case r < 0x20 || strings.ContainsRune(`/\:*?"<>|`, r):
			b.WriteRune('-')
		default:
			b.WriteRune(r)
		}
		if b.Len() > 80 {
			break
		}
	}
	base := strings.Trim(strings.TrimSpace(b.String()), ".")
	if base == "" {
		base = "scenario-" + strings.TrimPrefix(id, "~")
	}
	return base + ".netground.json"
}

// libraryFileName names an export of the whole library made at t.
func libraryFileName(t time.Time) string {
	return "netground-library-" + t.Format("2006-01-02") + ".json"
}

// clashText asks what to do with the scenarios of an import whose names are taken.
func clashText(source string, total int, clashes []string) string {
	quoted := make([]string, 0, min(len(clashes), 5))
	for _, c := range clashes[:min(len(clashes), 5)] {
		quoted = append(quoted, strconv.Quote(c))
	}
	list := strings.Join(quoted, ", ")
	if len(clashes) > 5 {
		list += fmt.Sprintf(" and %d more", len(clashes)-5)
	}
	return fmt.Sprintf("%s holds %s; %s already in your library: %s. Keep both (the imported ones get a number), replace yours, or skip them?",
		source, field.Count(total, "scenario", "scenarios"), field.Count(len(clashes), "name is", "names are"), list)
}

// importText says what an import did.
func importText(source string, res store.ImportResult) string {
	s := fmt.Sprintf("Imported %s from %s", field.Count(res.Added+res.Replaced, "scenario", "scenarios"), source)
	var parts []string
	if res.Replaced > 0 {
		parts = append(parts, fmt.Sprintf("%d replaced", res.Replaced))
	}
	if res.Skipped > 0 {
		parts = append(parts, fmt.Sprintf("%d skipped", res.Skipped))
	}
	if len(parts) > 0 {
		s += " (" + strings.Join(parts, ", ") + ")"
	}
	return s + "."
}
