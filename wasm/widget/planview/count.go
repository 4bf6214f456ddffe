package planview

import (
	"math"

	"github.com/netground/netground/core/subnet"
)

// pageBits sets the page size: 2^pageBits rows per page. A power of two
// keeps every page of a split on a natural address boundary.
const pageBits = 6

// PageSize is the number of rows on a page.
const PageSize = 1 << pageBits

// pagesFor returns how many pages rows rows fill; at least 1.
func pagesFor(rows subnet.Count) subnet.Count {
	if rows.IsZero() {
		return subnet.CountOf(1)
	}
	return rows.Add(subnet.CountOf(PageSize - 1)).Shr(pageBits)
}

// pageOf returns the page holding row i.
func pageOf(i subnet.Count) subnet.Count { return i.Shr(pageBits) }

// pageStart returns the index of the first row of page p.
func pageStart(p subnet.Count) subnet.Count { return p.Shl(pageBits) }

// one is the Count 1.
var one = subnet.CountOf(1)

// PageIndex is the zero-based page of the page numbered n, from 1, as
// people type it.
func PageIndex(n subnet.Count) subnet.Count { return n.Sub(one) }

// The pages a pager's buttons go to, zero-based.
func (g Pager) First() subnet.Count { return subnet.Count{} }
func (g Pager) Prev() subnet.Count  { return g.Page.Sub(one) }
func (g Pager) Next() subnet.Count  { return g.Page.Add(one) }
func (g Pager) Last() subnet.Count  { return g.Pages.Sub(one) }

// countOfInt returns n as a Count.
func countOfInt(n int) subnet.Count { return subnet.CountOf(uint64(n)) }

// intOf returns c as an int, or -1 when it does not fit.
func intOf(c subnet.Count) int {
	n, ok := c.Uint64()
	if !ok || n > math.MaxInt32 {
		return -1
	}
	return int(n)
}
