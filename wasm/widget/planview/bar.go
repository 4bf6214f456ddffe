package planview

import (
	"net/netip"
	"slices"
	"strconv"

	"github.com/netground/netground/core/plan"
	"github.com/netground/netground/core/subnet"
	"github.com/netground/netground/core/tool/alloc"
	"go4.org/netipx"

	"github.com/netground/netground/core/field"
)

// The picture of the address space is a bar BarWidth units wide with one
// lane per row of blocks. Blocks are drawn to scale, but never narrower than
// minWidth, so a /32 inside a /8 can still be seen and focused.
const (
	BarWidth  = 1000.0
	minWidth  = 2.0
	maxBlocks = 160 // keeps the SVG to a few hundred elements
	maxLanes  = 8
)

// Bar is one picture: a parent range and the blocks inside it.
type Bar struct {
	ID, Title, Desc string
	From, To        string // the first and last address of the parent
	Lanes           int
	Blocks          []Block
	Dropped         int // blocks left out to keep the picture small
	paged           func(page subnet.Count) Bar
}

// Block is one rectangle of a bar. Kind picks its colour in planui.css.
type Block struct {
	X, W  float64
	Lane  int
	Kind  string
	Title string
	// Leaf is the subnet of a split tree the block stands for: clicking
	// the block divides it. The zero Prefix for other blocks.
	Leaf netip.Prefix
}

// scale places the addresses from start on, size of them, on the bar.
type scale struct {
	start netip.Addr
	size  float64
}

func newScale(parent netip.Prefix) scale {
	return scale{start: parent.Masked().Addr(), size: subnet.Size(parent).Float64()}
}

// rangeScale places first–last on the whole bar.
func rangeScale(first, last netip.Addr) scale {
	return scale{start: first, size: subnet.Offset(first, last).Add(one).Float64()}
}

// span returns the position and width of first–last on the bar.
func (s scale) span(first, last netip.Addr) (x, w float64) {
	x = subnet.Offset(s.start, first).Float64() / s.size * BarWidth
	n := subnet.Offset(first, last).Add(one).Float64()
	w = n / s.size * BarWidth
	if w < minWidth {
		w = minWidth
	}
	if x+w > BarWidth {
		x = BarWidth - w
	}
	return x, w
}

func (s scale) prefix(p netip.Prefix, lane int, kind, title string) Block {
	x, w := s.span(p.Masked().Addr(), netipx.PrefixLastIP(p))
	return Block{X: x, W: w, Lane: lane, Kind: kind, Title: title}
}

func newBar(id, title, desc string, parent netip.Prefix) Bar {
	return Bar{ID: id, Title: title, Desc: desc, Lanes: 1,
		From: parent.Masked().Addr().String(), To: netipx.PrefixLastIP(parent).String()}
}

// add appends a block unless the picture is full.
func (b *Bar) add(bl Block) {
	if len(b.Blocks) >= maxBlocks {
		b.Dropped++
		return
	}
	b.Blocks = append(b.Blocks, bl)
}

// alt alternates the shade of neighbouring blocks so their borders show.
func alt(kind string, i int) string {
	if i%2 == 1 {
		return kind + "-alt"
	}
	return kind
}

func sizeText(p netip.Prefix) string {
	return field.CountText(subnet.Size(p).String(), "address", "addresses")
}

// splitBar draws a split: every subnet when they fit on one page, else the
// page's place in the parent above the page's subnets widened to the bar.
func splitBar(s plan.Split) Bar {
	b := Bar{}
	b.paged = func(page subnet.Count) Bar {
		sc := newScale(s.Parent())
		total := s.Total()
		out := newBar("planui-bar-split", "The split, to scale", "", s.Parent())
		out.paged = b.paged
		rows := s.Page(pageStart(page), PageSize)
		if total.Cmp(countOfInt(PageSize)) <= 0 {
			out.Desc = "Each block is one subnet, drawn to scale inside " + s.Parent().String() + "."
			for i, p := range rows {
				out.add(sc.prefix(p, 0, alt("subnet", i), p.String()+": subnet "+strconv.Itoa(i+1)+" of "+total.String()+", "+sizeText(p)))
			}
			return out
		}
		out.Lanes = 2
		out.Desc = "Top: where page " + page.Add(one).String() + " lies inside " + s.Parent().String() +
			" (to scale). Bottom: that page's " + field.Count(len(rows), "subnet", "subnets") + ", widened to fill the bar."
		if len(rows) == 0 {
			return out
		}
		first, last := rows[0], rows[len(rows)-1]
		out.add(Block{X: 0, W: BarWidth, Lane: 0, Kind: "parent", Title: s.Parent().String() + ": the whole network, " + field.CountText(total.String(), "subnet", "subnets")})
		x, w := sc.span(first.Addr(), netipx.PrefixLastIP(last))
		out.add(Block{X: x, W: w, Lane: 0, Kind: "window", Title: "page " + page.Add(one).String() + ": " + first.String() + " to " + last.String()})
		each := BarWidth / float64(len(rows))
		start := pageStart(page)
		for i, p := range rows {
			out.add(Block{X: float64(i) * each, W: each, Lane: 1, Kind: alt("subnet", i),
				Title: p.String() + ": subnet " + start.Add(countOfInt(i+1)).String() + " of " + total.String() + ", " + sizeText(p)})
		}
		return out
	}
	return b.paged(subnet.Count{})
}

func rangeTitle(r netipx.IPRange, what string) string {
	return r.From().String() + " to " + r.To().String() + ": " + what + ", " + field.CountText(subnet.Offset(r.From(), r.To()).Add(one).String(), "address", "addresses")
}

func vlsmBar(l plan.Layout) Bar {
	sc := newScale(l.Within)
	b := newBar("planui-bar-vlsm", "The allocation, to scale", "Coloured blocks are the subnets allocated, largest first from the start; the hatched blocks are free space.", l.Within)
	for i, a := range l.Allocations {
		b.add(sc.prefix(a.Prefix, 0, alt("alloc", i), a.Name+": "+a.Prefix.String()+", "+field.Count(a.Hosts, "host", "hosts")+" asked, "+a.Usable.String()+" usable"))
	}
	for _, p := range l.Free {
		b.add(sc.prefix(p, 0, "free", p.String()+": free, "+sizeText(p)))
	}
	return b
}

func summaryBar(family string, c plan.Cover, sum []netip.Prefix) Bar {
	sc := newScale(c.Prefix)
	b := newBar("planui-bar-"+family, family+": the supernet "+c.Prefix.String()+", to scale",
		"Solid blocks are the addresses in the list; hatched blocks are the extra addresses the single supernet also takes in.", c.Prefix)
	for i, p := range sum {
		b.add(sc.prefix(p, 0, alt("keep", i), p.String()+": in the list, "+sizeText(p)))
	}
	for _, g := range plan.Gaps(c.Prefix, sum) {
		x, w := sc.span(g.From(), g.To())
		b.add(Block{X: x, W: w, Kind: "extra", Title: rangeTitle(g, "not in the list, but inside the supernet")})
	}
	return b
}

// familyBars draws prefixes inside their covering supernet, one bar per
// address family.
func familyBars(ps []netip.Prefix, what, kind string) []Bar {
	var out []Bar
	for _, fam := range []string{"IPv4", "IPv6"} {
		var mine []netip.Prefix
		for _, p := range ps {
			if p.Addr().Is4() == (fam == "IPv4") {
				mine = append(mine, p)
			}
		}
		if len(mine) == 0 {
			continue
		}
		c, err := plan.Supernet(mine)
		if err != nil {
			continue
		}
		sc := newScale(c.Prefix)
		b := newBar("planui-bar-"+fam, fam+": "+what+" inside "+c.Prefix.String()+", to scale",
			"Each block is one prefix, drawn to scale inside the smallest prefix that covers them all.", c.Prefix)
		for i, p := range mine {
			b.add(sc.prefix(p, 0, alt(kind, i), p.String()+": "+sizeText(p)))
		}
		out = append(out, b)
	}
	return out
}

func excludeBar(parent netip.Prefix, keep []netip.Prefix) Bar {
	sc := newScale(parent)
	b := newBar("planui-bar-exclude", "What is left of "+parent.String()+", to scale",
		"Solid blocks are left; hatched blocks were removed by the list.", parent)
	for i, p := range keep {
		b.add(sc.prefix(p, 0, alt("keep", i), p.String()+": left, "+sizeText(p)))
	}
	for _, g := range plan.Gaps(parent, keep) {
		x, w := sc.span(g.From(), g.To())
		b.add(Block{X: x, W: w, Kind: "removed", Title: rangeTitle(g, "removed")})
	}
	return b
}

// overlapBars draws each family's networks inside their covering
// supernet, nested networks on lanes below the ones containing them, and
// every network that overlaps another highlighted.
func overlapBars(nets []plan.Named, r plan.OverlapReport) []Bar {
	clashing := map[plan.Named]bool{}
	for _, cs := range [][]plan.Clash{r.IPv4, r.IPv6} {
		for _, c := range cs {
			clashing[plan.Named{Name: c.A.Name, Prefix: c.A.Prefix.Masked()}] = true
			clashing[plan.Named{Name: c.B.Name, Prefix: c.B.Prefix.Masked()}] = true
		}
	}
	var out []Bar
	for _, fam := range []string{"IPv4", "IPv6"} {
		var mine []plan.Named
		var ps []netip.Prefix
		for _, n := range nets {
			if n.Prefix.Addr().Is4() == (fam == "IPv4") {
				n.Prefix = n.Prefix.Masked()
				mine = append(mine, n)
				ps = append(ps, n.Prefix)
			}
		}
		if len(mine) == 0 {
			continue
		}
		c, err := plan.Supernet(ps)
		if err != nil {
			continue
		}
		slices.SortStableFunc(mine, func(a, b plan.Named) int {
			if c := a.Prefix.Addr().Compare(b.Prefix.Addr()); c != 0 {
				return c
			}
			return a.Prefix.Bits() - b.Prefix.Bits()
		})
		sc := newScale(c.Prefix)
		b := newBar("planui-bar-"+fam, fam+": the networks inside "+c.Prefix.String()+", to scale",
			"Each block is one network; a network inside another sits on a lane below it. Networks that overlap another are highlighted.", c.Prefix)
		var ls lanes
		for _, n := range mine {
			x, w := sc.span(n.Prefix.Addr(), netipx.PrefixLastIP(n.Prefix))
			lane, ok := ls.place(x, w)
			if !ok {
				b.Dropped++
				continue
			}
			kind, title := "net", n.Name+": "+n.Prefix.String()+", "+sizeText(n.Prefix)
			if clashing[n] {
				kind, title = "overlap", title+", overlaps another network"
			}
			b.add(Block{X: x, W: w, Lane: lane, Kind: kind, Title: title})
		}
		b.Lanes = ls.count()
		out = append(out, b)
		out = append(out, clusterBars(fam, mine, clashing)...)
	}
	return out
}

// lanes places blocks on lanes, left to right: a block goes on the first
// lane whose last block ends where it starts or before, else on a new
// lane, up to maxLanes. Each lane holds the right edge of its last block.
type lanes []float64

// place returns the lane of the block from x to x+w, or false when no lane
// is free there and no more may open.
func (l *lanes) place(x, w float64) (int, bool) {
	lane := -1
	for i, end := range *l {
		if end <= x {
			lane = i
			break
		}
	}
	if lane < 0 {
		if len(*l) == maxLanes {
			return 0, false
		}
		lane = len(*l)
		*l = append(*l, 0)
	}
	(*l)[lane] = x + w
	return lane, true
}

// count is the number of lanes a picture draws: at least one.
func (l lanes) count() int { return max(len(l), 1) }

// maxClusterBars bounds the close-ups of overlapping networks per family.
const maxClusterBars = 3

// clusterBars draws close-ups of the outermost networks that hold others,
// so nesting stays visible when the family's picture spans a huge range.
// sorted is in address order, shorter prefixes first.
func clusterBars(fam string, sorted []plan.Named, clashing map[plan.Named]bool) []Bar {
	var out []Bar
	for i := 0; i < len(sorted) && len(out) < maxClusterBars; {
		outer := sorted[i]
		j := i + 1
		for j < len(sorted) && outer.Prefix.Contains(sorted[j].Prefix.Addr()) {
			j++
		}
		if j-i < 2 {
			i = j
			continue
		}
		sc := newScale(outer.Prefix)
		b := newBar("planui-bar-"+fam+"-"+strconv.Itoa(len(out)+1), "Close-up of "+outer.Name+" ("+outer.Prefix.String()+")",
			"The networks inside it, to scale; each nested one sits on a lane below the one containing it.", outer.Prefix)
		var ls lanes
		for _, n := range sorted[i:j] {
			x, w := sc.span(n.Prefix.Addr(), netipx.PrefixLastIP(n.Prefix))
			lane, ok := ls.place(x, w)
			if !ok {
				b.Dropped++
				continue
			}
			kind := "net"
			if clashing[n] {
				kind = "overlap"
			}
			if len(b.Blocks) >= maxBlocks/4 {
				b.Dropped++
				continue
			}
			b.add(Block{X: x, W: w, Lane: lane, Kind: kind, Title: n.Name + ": " + n.Prefix.String() + ", " + sizeText(n.Prefix)})
		}
		b.Lanes = ls.count()
		out = append(out, b)
		i = j
	}
	return out
}

// freeBar draws a pool: what is used, what is free, and the first free
// subnet.
func freeBar(f alloc.Free) Bar {
	sc := newScale(f.Pool)
	b := newBar("planui-bar-free", "Free space in "+f.Pool.String()+", to scale",
		"Solid blocks are in use, pale blocks are free; the highlighted block is the first free /"+strconv.Itoa(f.Bits)+".", f.Pool)
	for i, g := range plan.Gaps(f.Pool, f.Blocks) {
		x, w := sc.span(g.From(), g.To())
		b.add(Block{X: x, W: w, Kind: alt("alloc", i), Title: rangeTitle(g, "in use")})
	}
	for _, p := range f.Blocks {
		b.add(sc.prefix(p, 0, "free", p.String()+": free, "+sizeText(p)))
	}
	if f.First.IsValid() {
		b.add(sc.prefix(f.First, 0, "window", f.First.String()+": the first free /"+strconv.Itoa(f.Bits)))
	}
	return b
}
