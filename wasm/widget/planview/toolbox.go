package planview

import (
	"errors"
	"fmt"
	"net/netip"
	"strconv"
	"strings"

	"github.com/netground/netground/core/field"
	"github.com/netground/netground/core/plan"
	"github.com/netground/netground/core/subnet"
	"github.com/netground/netground/core/tool/alloc"
)

// nextFree finds where a subnet of the asked length fits in the pool.
func (v *View) nextFree(in Input) {
	pool, netErr := parseNet(in.Net)
	v.NetErr = netErr
	entries := v.readList(in.List)
	lenText := strings.TrimSpace(in.Len)
	bits, convErr := plan.ParseLength(lenText)
	switch {
	case lenText == "":
		v.LenErr = "give the length of the subnet you need, such as 24"
	case convErr != nil:
		v.LenErr = convErr.Error()
	}
	if v.NetErr != "" || v.LenErr != "" {
		return
	}
	var used []netip.Prefix
	for _, e := range entries {
		for _, p := range e.Prefixes() {
			if p.Addr().Is4() != pool.Addr().Is4() || !p.Overlaps(pool) {
				v.LineNotes = append(v.LineNotes, LineMsg{e.Line, e.Text, p.String() + " is outside " + pool.String() + ", so it takes nothing from it"})
				continue
			}
			used = append(used, p)
		}
	}
	f, err := alloc.NextFree(pool, used, bits, 0)
	if err != nil && !errors.Is(err, alloc.ErrNoRoom) {
		v.LenErr = err.Error()
		return
	}
	want := "/" + strconv.Itoa(bits)
	first := "none"
	if f.First.IsValid() {
		first = f.First.String()
		v.Summary = "The first free " + want + " in " + f.Pool.String() + " is " + first + "; " +
			field.CountText(f.Count.String(), "free "+want+" fits", "free "+want+"s fit") + " in all."
	} else {
		v.Summary = "No " + want + " is free in " + f.Pool.String() + ": " + strings.TrimPrefix(err.Error(), "pool "+strconv.Quote(f.Pool.String())+": ") + "."
	}
	if len(f.Subnets) < intOrMax(f.Count) {
		v.Note = "The table lists the first " + strconv.Itoa(len(f.Subnets)) + " free " + want + "s of " + f.Count.String() + "; the free blocks cover all of them."
	}
	v.Facts = []Fact{
		{"Pool", "parent", f.Pool.String()},
		{"Subnet needed", "subnet-length", want},
		{"First free", "next-free", first},
		{"Free " + want + "s", "free-subnets", f.Count.String()},
		{"Free blocks", "free-blocks", strconv.Itoa(f.BlockCount)},
	}
	v.Tables = []Table{{
		ID: "planui-next-free", Title: "Free " + want + " subnets", Caption: "Free " + want + "s in address order, the first is the next free",
		Columns: prefixColumns, Empty: "No " + want + " is free.", RowField: "free-subnet-row",
		source: sliceSource(len(f.Subnets), func(i int) ([]string, bool) { return prefixCells(f.Subnets[i]), false },
			func(i int) netip.Prefix { return f.Subnets[i] }),
	}, {
		ID: "planui-free-blocks", Title: "Free blocks", Caption: "All the free space, as the fewest aligned prefixes",
		Columns: prefixColumns, Empty: "The pool is fully used.", RowField: "free-row",
		source: sliceSource(len(f.Blocks), func(i int) ([]string, bool) { return prefixCells(f.Blocks[i]), false },
			func(i int) netip.Prefix { return f.Blocks[i] }),
	}}
	v.Bars = []Bar{freeBar(f)}
}

// intOrMax returns c as an int, or the largest int when it does not fit.
func intOrMax(c subnet.Count) int {
	if n := intOf(c); n >= 0 {
		return n
	}
	return int(^uint(0) >> 1)
}

// ulaSubnets is how many /64s a /48 holds.
const ulaSubnets = 1 << 16

// ula shows the unique local /48 of the Global ID and its /64s.
func (v *View) ula(in Input) {
	text := strings.TrimSpace(in.GID)
	g, err := alloc.ParseGlobalID(text)
	if err != nil {
		v.GIDErr = err.Error()
		return
	}
	p := g.Prefix()
	v.Summary = "Your unique local prefix is " + p.String() + ": 65,536 /64 subnets, one per LAN, that no one else is likely to use."
	v.Facts = []Fact{
		{"Global ID", "ula-global-id", g.String()},
		{"Prefix", "ula-prefix", p.String()},
		{"First /64", "ula-first-subnet", g.Subnet(0).String()},
		{"/64 subnets", "ula-subnet-count", "65536"},
	}
	v.Tables = []Table{{
		ID: "planui-ula", Title: "Subnets", Caption: "The /64s of " + p.String() + ", by subnet ID",
		Columns: append([]Column{{"Subnet ID", "subnet-id"}}, prefixColumns...), Empty: "No subnets.", RowField: "ula-subnet",
		source: rowSource{
			n: countOfInt(ulaSubnets),
			cells: func(i subnet.Count) ([]string, bool) {
				id := uint16(intOf(i))
				return append([]string{fmt.Sprintf("%04x", id)}, prefixCells(g.Subnet(id))...), false
			},
			prefix: func(i subnet.Count) netip.Prefix { return g.Subnet(uint16(intOf(i))) },
			find: func(a netip.Addr) (subnet.Count, bool) {
				if !p.Contains(a) {
					return subnet.Count{}, false
				}
				b := a.As16()
				return countOfInt(int(b[6])<<8 | int(b[7])), true
			},
		},
	}}
}
