package planview

import (
	"errors"
	"net/netip"
	"strconv"

	"github.com/netground/netground/core/field"
	"github.com/netground/netground/core/plan"
	"github.com/netground/netground/core/subnet"
	"go4.org/netipx"
)

// treeColumns are the text columns of the split tree's table; the name
// input and the buttons follow them.
var treeColumns = []Column{
	{"Prefix", "tree-prefix"}, {"First address", "first"}, {"Last address", "last"},
	{"Addresses", "tree-size"}, {"Usable", "tree-usable"},
}

// usableText returns a leaf's usable count, or why the cloud does not
// allow it, and reports whether it is allowed.
func usableText(l plan.Leaf, cloud subnet.Cloud) (string, subnet.Count, bool) {
	n, err := l.Usable(cloud)
	if err != nil {
		var se *subnet.Error
		if errors.As(err, &se) {
			return se.Reason, n, false
		}
		return err.Error(), n, false
	}
	return n.String(), n, true
}

func (v *View) tree(in Input) {
	root, netErr := parseNet(in.Net)
	v.NetErr = netErr
	if v.NetErr != "" {
		return
	}
	t, err := plan.ParseTreeShape(root, in.Tree)
	if err != nil {
		v.TreeErr = err.Error() + "; showing " + root.String() + " undivided"
		t = plan.NewTree(root)
	}
	if named, err := t.WithNames(in.Names); err != nil {
		v.NamesErr = err.Error() + "; the names are left out"
	} else {
		t = named
	}
	v.Tree = t
	cloud := in.Cloud
	if cloud != subnet.CloudNone && !root.Addr().Is4() {
		v.CloudErr = cloud.String() + " reservations are modelled for IPv4 subnets only; the usable counts leave them out"
		cloud = subnet.CloudNone
	}
	leaves := t.Leaves()
	var usable subnet.Count
	shortest, longest, named, refused := 128, 0, 0, 0
	for _, l := range leaves {
		_, n, ok := usableText(l, cloud)
		if !ok {
			refused++
		}
		usable = usable.Add(n)
		shortest, longest = min(shortest, l.Prefix.Bits()), max(longest, l.Prefix.Bits())
		if l.Name != "" {
			named++
		}
	}
	lengths := "/" + strconv.Itoa(shortest)
	if longest != shortest {
		lengths += " to /" + strconv.Itoa(longest)
	}
	with := ""
	if cloud != subnet.CloudNone {
		with = " with " + cloud.String() + "'s reservations"
	}
	if len(leaves) == 1 {
		v.Summary = root.String() + " is one subnet of " + sizeText(root) + ", " + usable.String() + " usable" + with + ". Divide it to make two halves."
	} else {
		v.Summary = root.String() + " is divided into " + strconv.Itoa(len(leaves)) + " subnets (" + lengths + "): " +
			usable.String() + " of its " + subnet.Size(root).String() + " addresses are usable" + with + "."
	}
	if refused > 0 {
		v.Summary += " " + field.Count(refused, "subnet is a size", "subnets are sizes") + " " + cloud.String() + " does not allow."
	}
	if len(leaves) >= plan.MaxTreeLeaves {
		v.Note = "The plan holds " + strconv.Itoa(plan.MaxTreeLeaves) + " subnets, the most it can; join some to divide others."
	}
	v.Facts = []Fact{
		{"Network", "parent", root.String()},
		{"Subnets", "tree-leaves", strconv.Itoa(len(leaves))},
		{"Prefix lengths", "tree-lengths", lengths},
		{"Usable addresses" + with, "tree-usable-total", usable.String()},
		{"Named", "tree-named", strconv.Itoa(named)},
	}
	v.Tables = []Table{{
		ID: "planui-tree", Title: "Subnets", Caption: "The subnets of " + root.String() + ", in address order",
		Columns: treeColumns, Empty: "No subnets.", RowField: "tree-leaf",
		source: sliceSource(len(leaves), func(i int) ([]string, bool) {
			l := leaves[i]
			text, _, ok := usableText(l, cloud)
			return []string{l.Prefix.String(), l.Prefix.Addr().String(), netipx.PrefixLastIP(l.Prefix).String(), l.Size().String(), text}, !ok
		}, func(i int) netip.Prefix { return leaves[i].Prefix }),
	}}
	// The tree finds the row of an address by binary search.
	v.Tables[0].source.find = func(a netip.Addr) (subnet.Count, bool) {
		i, ok := t.Index(a)
		return countOfInt(i), ok
	}
	v.Bars = []Bar{treeBar(t, cloud)}
}

// leafTitle names a leaf for the picture.
func leafTitle(l plan.Leaf, cloud subnet.Cloud) string {
	name := l.Prefix.String()
	if l.Name != "" {
		name += " (" + l.Name + ")"
	}
	text, _, ok := usableText(l, cloud)
	if ok {
		text += " usable"
	}
	return name + ": " + sizeText(l.Prefix) + ", " + text
}

// treeBar draws the leaves of a split tree to scale, each a block that
// divides when clicked: all of them when they fit on one page, else the
// page's place in the root above the page's leaves, to scale within it.
func treeBar(t plan.Tree, cloud subnet.Cloud) Bar {
	b := Bar{}
	b.paged = func(page subnet.Count) Bar {
		root := t.Root()
		out := newBar("planui-bar-tree", "The split tree, to scale", "", root)
		out.paged = b.paged
		keys := " Click a block, or focus it and press Enter, to divide it; press Delete or Backspace to join it with its sibling."
		start := intOf(pageStart(page))
		if start < 0 || start >= t.Len() {
			return out
		}
		end := min(start+PageSize, t.Len())
		if t.Len() <= PageSize {
			sc := newScale(root)
			out.Desc = "Each block is one subnet, drawn to scale inside " + root.String() + "." + keys
			for i := start; i < end; i++ {
				l := t.At(i)
				bl := sc.prefix(l.Prefix, 0, alt("subnet", i), leafTitle(l, cloud))
				bl.Leaf = l.Prefix
				out.add(bl)
			}
			return out
		}
		first, last := t.At(start).Prefix, t.At(end-1).Prefix
		out.Lanes = 2
		out.Desc = "Top: where page " + page.Add(one).String() + " lies inside " + root.String() +
			" (to scale). Bottom: that page's " + field.Count(end-start, "subnet", "subnets") + ", to scale within it." + keys
		out.add(Block{X: 0, W: BarWidth, Lane: 0, Kind: "parent", Title: root.String() + ": the whole network, " + field.Count(t.Len(), "subnet", "subnets")})
		x, w := newScale(root).span(first.Addr(), netipx.PrefixLastIP(last))
		out.add(Block{X: x, W: w, Lane: 0, Kind: "window", Title: "page " + page.Add(one).String() + ": " + first.String() + " to " + last.String()})
		sc := rangeScale(first.Addr(), netipx.PrefixLastIP(last))
		for i := start; i < end; i++ {
			l := t.At(i)
			bl := sc.prefix(l.Prefix, 1, alt("subnet", i), leafTitle(l, cloud))
			bl.Leaf = l.Prefix
			out.add(bl)
		}
		return out
	}
	return b.paged(subnet.Count{})
}
