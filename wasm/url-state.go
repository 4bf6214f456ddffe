package main

import (
	"net/url"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// replaceQuery sets one query parameter of the current URL in place
// (history.replaceState): typing updates the link without growing the
// history.
func replaceQuery(ctx app.Context, key, value string) {
	u := *ctx.Page().URL()
	q := u.Query()
	q.Set(key, value)
	u.RawQuery = q.Encode()
	ctx.Page().ReplaceURL(&u)
}

func queryEscape(s string) string { return url.QueryEscape(s) }

// pageTitle returns the document title of the route at path.
func pageTitle(path string) string {
	for _, p := range pages {
		if p.Path == path {
			return p.Title
		}
	}
	return pages[0].Title
}
