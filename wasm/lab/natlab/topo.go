package natlab

import (
	"math"
	"strconv"
	"strings"

	"github.com/netground/netground/core/nat"

	"github.com/netground/netground/core/field"
)

// maxPictureDevices is how many devices of one network the picture draws;
// the rest are summed up in one "more" box, so a 100-device scenario draws
// as fast as a small one. Devices on the packet's path are always drawn.
const maxPictureDevices = 10

// Picture geometry, in SVG user units.
const (
	topoSlot   = 150 // width of one leaf
	topoLevel  = 120 // height of one level
	topoBoxW   = 136
	topoBoxH   = 62
	topoMargin = 12
)

// topoView is the topology picture: a tree with the internet at the top,
// NATs under the network they sit on and devices under their NAT.
type topoView struct {
	Width, Height int
	Nodes         []topoNode
	Edges         []topoEdge
	Label         string // the picture in words, for screen readers
	// Fit is the width in rem, a multiple of 5, below which the drawing
	// would shrink its 13 px text under 12 px; there the page shows the
	// network as a list instead. "max" when no screen is wide enough.
	Fit string
}

// Widths of the fit classes natlab.css knows, in rem.
const (
	fitStep = 5
	fitMax  = 120
)

// fitOf returns the Fit of a drawing width wide SVG units: the drawing
// scales to its frame (0.25 rem padding, 1 px border), and text of 13
// units must stay at 12 px or more.
func fitOf(width int) string {
	need := float64(width)*12/13 + 10 // px
	rem := int(math.Ceil(need/16/fitStep)) * fitStep
	if rem > fitMax {
		return "max"
	}
	return strconv.Itoa(rem)
}

type topoNode struct {
	Name, Kind string // Kind: "internet", "nat", "cgnat", "device", "server", "more"
	Lines      []string
	X, Y       int // top-left corner of the box
	OnPath     bool
	Order      string // positions of the node on the packet's path, such as "1" or "2, 4"
	parent     int
	children   []int
}

type topoEdge struct {
	X1, Y1, X2, Y2 int
	OnPath         bool
}

// computeTopo lays out sc and marks the path of the packet of tr.
func computeTopo(sc nat.Scenario, tr nat.Trace) topoView {
	var path []string
	for _, e := range tr.Events {
		if len(path) == 0 || path[len(path)-1] != e.Node {
			path = append(path, e.Node)
		}
	}
	onPath := map[string]bool{}
	for _, n := range path {
		onPath[n] = true
	}

	v := topoView{}
	v.Nodes = append(v.Nodes, topoNode{Name: nat.Internet, Kind: "internet", Lines: []string{"Internet"}, parent: -1})
	index := map[string]int{nat.Internet: 0}
	add := func(parent int, n topoNode) int {
		n.parent = parent
		v.Nodes = append(v.Nodes, n)
		i := len(v.Nodes) - 1
		v.Nodes[parent].children = append(v.Nodes[parent].children, i)
		index[n.Name] = i
		return i
	}
	// NATs in order of depth, so each parent exists before its children.
	placed := make([]bool, len(sc.NATs))
	for progress := true; progress; {
		progress = false
		for i, n := range sc.NATs {
			if placed[i] {
				continue
			}
			parent := nat.Internet
			if n.Behind != "" {
				parent = n.Behind
			}
			p, ok := index[parent]
			if !ok {
				continue
			}
			kind := "nat"
			if n.Behind == "" && natHasNATs(sc, n.Name) {
				kind = "cgnat"
			}
			var wan []string
			for _, a := range n.WAN {
				wan = append(wan, a.String())
			}
			add(p, topoNode{Name: n.Name, Kind: kind, Lines: []string{n.Name, "WAN " + strings.Join(wan, ", "), "LAN " + n.LAN.String()}})
			placed[i] = true
			progress = true
		}
	}
	// Devices per network in scenario order, capped; those on the path
	// always count, so the picture does not jump between steps.
	parentOf := func(d nat.Device) string {
		if d.Behind == "" {
			return nat.Internet
		}
		return d.Behind
	}
	pathCount := map[string]int{}
	for _, d := range sc.Devices {
		if onPath[d.Name] {
			pathCount[parentOf(d)]++
		}
	}
	others := map[string]int{}
	hidden := map[string]int{}
	for _, d := range sc.Devices {
		parent := parentOf(d)
		p, ok := index[parent]
		if !ok {
			continue
		}
		if !onPath[d.Name] {
			if others[parent]+pathCount[parent] >= maxPictureDevices {
				hidden[parent]++
				continue
			}
			others[parent]++
		}
		kind := "device"
		if d.Behind == "" {
			kind = "server"
		}
		add(p, topoNode{Name: d.Name, Kind: kind, Lines: []string{d.Name, d.Addr.String()}})
	}
	for i := range v.Nodes {
		if n := hidden[v.Nodes[i].Name]; n > 0 {
			add(i, topoNode{Name: "more:" + v.Nodes[i].Name, Kind: "more", Lines: []string{"+" + strconv.Itoa(n) + " more", "devices"}})
		}
	}

	// Tidy tree: leaves take one slot each, a parent sits over its children.
	next := 0
	depth := 0
	var place func(i, level int) (lo, hi int)
	place = func(i, level int) (int, int) {
		depth = max(depth, level)
		n := &v.Nodes[i]
		n.Y = topoMargin + level*topoLevel
		if len(n.children) == 0 {
			n.X = topoMargin + next*topoSlot
			next++
			return n.X, n.X
		}
		lo, hi := -1, -1
		for _, c := range n.children {
			a, b := place(c, level+1)
			if lo < 0 {
				lo = a
			}
			hi = b
		}
		v.Nodes[i].X = (lo + hi) / 2
		return lo, hi
	}
	place(0, 0)
	v.Width = 2*topoMargin + max(1, next)*topoSlot - (topoSlot - topoBoxW)
	v.Height = 2*topoMargin + depth*topoLevel + topoBoxH
	v.Fit = fitOf(v.Width)

	// The packet's path: between consecutive nodes, up to their common
	// ancestor and down again.
	edgeOn := map[int]bool{} // child index → edge to its parent is on the path
	ancestors := func(i int) []int {
		var out []int
		for ; i >= 0; i = v.Nodes[i].parent {
			out = append(out, i)
		}
		return out
	}
	for k := 1; k < len(path); k++ {
		a, okA := index[path[k-1]]
		b, okB := index[path[k]]
		if !okA || !okB {
			continue
		}
		up, down := ancestors(a), ancestors(b)
		inDown := map[int]bool{}
		for _, x := range down {
			inDown[x] = true
		}
		lca := 0
		for _, x := range up {
			if inDown[x] {
				lca = x
				break
			}
		}
		for _, x := range up {
			if x == lca {
				break
			}
			edgeOn[x] = true
		}
		for _, x := range down {
			if x == lca {
				break
			}
			edgeOn[x] = true
		}
	}
	order := map[string][]string{}
	for k, n := range path {
		order[n] = append(order[n], strconv.Itoa(k+1))
	}
	for i := range v.Nodes {
		n := &v.Nodes[i]
		n.OnPath = onPath[n.Name]
		n.Order = strings.Join(order[n.Name], ", ")
		if n.parent >= 0 {
			p := v.Nodes[n.parent]
			v.Edges = append(v.Edges, topoEdge{X1: p.X + topoBoxW/2, Y1: p.Y + topoBoxH, X2: n.X + topoBoxW/2, Y2: n.Y, OnPath: edgeOn[i]})
		}
	}
	v.Label = topoLabel(sc, path)
	return v
}

func natHasNATs(sc nat.Scenario, name string) bool {
	for _, n := range sc.NATs {
		if n.Behind == name {
			return true
		}
	}
	return false
}

func topoLabel(sc nat.Scenario, path []string) string {
	var b strings.Builder
	b.WriteString("Network diagram. ")
	for _, n := range sc.NATs {
		count := 0
		for _, d := range sc.Devices {
			if d.Behind == n.Name {
				count++
			}
		}
		where := "the internet"
		if n.Behind != "" {
			where = n.Behind + "'s network"
		}
		b.WriteString(n.Name + " on " + where + " with " + field.Count(count, "device", "devices") + " behind it. ")
	}
	servers := 0
	for _, d := range sc.Devices {
		if d.Behind == "" {
			servers++
		}
	}
	b.WriteString(field.Count(servers, "host", "hosts") + " on the internet.")
	if len(path) > 0 {
		b.WriteString(" The packet of this step goes " + strings.Join(path, " → ") + ".")
	}
	return b.String()
}
