package learn

import "github.com/netground/netground/wasm/ui"

// Children returns the chapters' pages for the page registry: each at
// /learn/<slug>, titled with the chapter's title. It reads only the
// chapters' front matter.
func Children() []ui.Child {
	cs, _ := index()
	out := make([]ui.Child, len(cs))
	for i, c := range cs {
		out[i] = ui.Child{Path: Path + "/" + c.Slug, Title: c.Title + " — Learn — Netground"}
	}
	return out
}
