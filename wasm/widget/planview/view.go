package planview

import (
	"errors"
	"net/netip"
	"strconv"
	"strings"

	"github.com/netground/netground/core/plan"
	"github.com/netground/netground/core/scenario"
	"github.com/netground/netground/core/subnet"
	"go4.org/netipx"

	"github.com/netground/netground/core/field"
)

// Input is what the page computes from: the inputs as typed, the page shown
// and the address to look for.
type Input struct {
	Mode       scenario.PlanMode
	Net, List  string
	Len, Parts string
	GID        string       // the Global ID of the unique local tab
	Tree       string       // the split tree's shape, as plan.Tree.Shape writes it
	Names      string       // the split tree's names, as plan.Tree.Names writes them
	Cloud      subnet.Cloud // whose reservations the split tree's usable counts leave out
	Page       subnet.Count // zero-based
	Find       string
	// PageAsked reports whether Page was asked for (by the link or the page
	// input), so a page past the end is worth a message.
	PageAsked bool
	// Jump moves to the page holding the address looked for.
	Jump bool
}

// View is everything the page shows for one input. Render only reads it.
type View struct {
	NetErr, LenErr, PartsErr, GIDErr string
	// TreeErr and NamesErr say why the split tree or its names in the
	// link could not be used; CloudErr why the cloud does not apply.
	TreeErr, NamesErr, CloudErr string
	// Tree is the split tree shown, which the divide and join buttons
	// change.
	Tree       plan.Tree
	LineErrors []LineMsg
	LineNotes  []LineMsg
	ListLines  int // entries read from the list

	Summary string // the plain-words result
	Note    string // a rounding or limit worth knowing
	Facts   []Fact
	Tables  []Table
	Bars    []Bar
	Pager   Pager

	FindResult, FindErr string
}

// LineMsg is a message about one line of the pasted list.
type LineMsg struct {
	Line int
	Text string
	Msg  string
}

type Fact struct{ Label, Field, Value string }

// Table is one result Table; Rows holds the current page only.
type Table struct {
	ID, Title, Caption string
	Columns            []Column
	Rows               []Row
	Empty              string // shown when the whole table has no rows
	RowField           string // data-field of the rows; "row" for the main results
	Total              subnet.Count
	TotalText          string
	source             rowSource
}

type Column struct{ Head, Field string }

type Row struct {
	Index  string // 1-based position in the whole result
	Cells  []string
	Hit    bool         // holds the address looked for
	Clash  bool         // overlaps another row
	Prefix netip.Prefix // the prefix a find looks in
}

// Pager says which page of the results is shown.
type Pager struct {
	Page, Pages         subnet.Count // Page zero-based
	PageText, PagesText string       // 1-based
	FirstRow, LastRow   string
	Multi               bool // more than one page
	HasPrev, HasNext    bool
	Err                 string // the page asked for does not exist
	Unlinkable          bool   // the page number is too large for a link
}

// rowSource gives the rows of one table on demand, so a split into 2^128
// subnets never materialises more than a page.
type rowSource struct {
	n      subnet.Count
	cells  func(i subnet.Count) (cells []string, clash bool)
	prefix func(i subnet.Count) netip.Prefix // the prefix a find looks in
	find   func(a netip.Addr) (subnet.Count, bool)
}

// sliceSource serves rows from a slice of n items.
func sliceSource(n int, cells func(i int) ([]string, bool), prefix func(i int) netip.Prefix) rowSource {
	return rowSource{
		n:      countOfInt(n),
		cells:  func(i subnet.Count) ([]string, bool) { return cells(intOf(i)) },
		prefix: func(i subnet.Count) netip.Prefix { return prefix(intOf(i)) },
		find: func(a netip.Addr) (subnet.Count, bool) {
			for i := range n {
				if prefix(i).Contains(a) {
					return countOfInt(i), true
				}
			}
			return subnet.Count{}, false
		},
	}
}

var prefixColumns = []Column{
	{"Prefix", "prefix"}, {"First address", "first"}, {"Last address", "last"}, {"Addresses", "size"},
}

func prefixCells(p netip.Prefix) []string {
	return []string{p.String(), p.Addr().String(), netipx.PrefixLastIP(p).String(), subnet.Size(p).String()}
}

// Build computes the view for in.
func Build(in Input) View {
	var v View
	switch in.Mode {
	case scenario.PlanVLSM:
		v.vlsm(in)
	case scenario.PlanSummarize:
		v.summarize(in)
	case scenario.PlanRange:
		v.ranges(in)
	case scenario.PlanExclude:
		v.exclude(in)
	case scenario.PlanOverlap:
		v.overlap(in)
	case scenario.PlanNextFree:
		v.nextFree(in)
	case scenario.PlanULA:
		v.ula(in)
	case scenario.PlanTree:
		v.tree(in)
	default:
		v.split(in)
	}
	v.paginate(in)
	return v
}

// parseNet reads the net input as a network.
func parseNet(text string) (netip.Prefix, string) {
	text = strings.TrimSpace(text)
	if text == "" {
		return netip.Prefix{}, "type a network, such as 10.0.0.0/16"
	}
	s, err := subnet.Parse(text)
	if err != nil {
		return netip.Prefix{}, err.Error()
	}
	return s.Prefix(), ""
}

func (v *View) split(in Input) {
	parent, err := parseNet(in.Net)
	v.NetErr = err
	lenText, partsText := strings.TrimSpace(in.Len), strings.TrimSpace(in.Parts)
	var bitsLen int
	var parts uint64
	if lenText != "" {
		n, err := plan.ParseLength(lenText)
		if err != nil {
			v.LenErr = err.Error()
		}
		bitsLen = n
	} else if partsText != "" {
		n, err := plan.ParseParts(partsText)
		if err != nil {
			v.PartsErr = err.Error()
		}
		parts = n
	} else {
		v.LenErr = "give the new prefix length (such as 24) or the number of parts"
	}
	if v.NetErr != "" || v.LenErr != "" || v.PartsErr != "" {
		return
	}
	if lenText != "" {
		s, err2 := plan.SplitBits(parent, bitsLen)
		if err2 != nil {
			v.LenErr = err2.Error()
			return
		}
		v.splitResult(s)
		return
	}
	s, errParts := plan.SplitParts(parent, parts)
	if errParts != nil {
		v.PartsErr = errParts.Error()
		return
	}
	v.splitResult(s)
}

func (v *View) splitResult(s plan.Split) {
	total := s.Total()
	size := subnet.Size(s.At(subnet.Count{}))
	v.Note = s.Note()
	each := sizeText(s.At(subnet.Count{}))
	v.Summary = s.Parent().String() + " splits into " + field.CountText(total.String(), "subnet", "subnets") + " of /" + strconv.Itoa(s.Bits()) +
		", each with " + each + "."
	if s.Bits() == s.Parent().Bits() {
		v.Summary = "A /" + strconv.Itoa(s.Bits()) + " split into /" + strconv.Itoa(s.Bits()) + " is itself: 1 subnet of " + each + "."
	}
	v.Facts = []Fact{
		{"Network", "parent", s.Parent().String()},
		{"Each subnet", "subnet-length", "/" + strconv.Itoa(s.Bits())},
		{"Subnets", "total", total.String()},
		{"Addresses in each", "addresses-each", size.String()},
	}
	if s.Parent().Addr().Is4() && s.Bits() <= 30 {
		v.Facts = append(v.Facts, Fact{"Usable hosts in each", "usable-each", size.Sub(subnet.CountOf(2)).String()})
	}
	v.Tables = []Table{{
		ID: "planui-split", Title: "Subnets", Caption: "The subnets of " + s.Parent().String() + ", in address order",
		Columns: prefixColumns, Empty: "No subnets.",
		source: rowSource{
			n: total,
			cells: func(i subnet.Count) ([]string, bool) {
				return prefixCells(s.At(i)), false
			},
			prefix: s.At,
			find:   s.Index,
		},
	}}
	v.Bars = []Bar{splitBar(s)}
}

// maxVLSMRetries bounds how many requests that do not fit are dropped to
// compute the rest.
const maxVLSMRetries = 64

func (v *View) vlsm(in Input) {
	parent, err := parseNet(in.Net)
	v.NetErr = err
	reqs, lines, errs := plan.ParseRequests(in.List)
	for _, e := range errs {
		v.LineErrors = append(v.LineErrors, LineMsg{e.Line, e.Text, e.Err.Error()})
	}
	v.ListLines = len(reqs)
	if v.NetErr != "" {
		return
	}
	if len(reqs) == 0 {
		v.Summary = "List the subnets you need, one per line, as name = hosts (such as office = 50)."
		return
	}
	var layout plan.Layout
	var dropped []LineMsg
	for tries := 0; ; tries++ {
		l, err := plan.VLSM(parent, reqs)
		if err == nil {
			layout = l
			break
		}
		var re *plan.RequestError
		if !errors.As(err, &re) || tries == maxVLSMRetries {
			v.NetErr = err.Error()
			return
		}
		dropped = append(dropped, LineMsg{lines[re.Index], "", "does not fit: " + re.Reason})
		reqs = append(reqs[:re.Index:re.Index], reqs[re.Index+1:]...)
		lines = append(lines[:re.Index:re.Index], lines[re.Index+1:]...)
	}
	v.LineErrors = mergeLines(v.LineErrors, dropped, in.List)
	allocs := layout.Allocations
	var asked subnet.Count
	var usedAddr subnet.Count
	for _, a := range allocs {
		asked = asked.Add(subnet.CountOf(a.Hosts))
		usedAddr = usedAddr.Add(subnet.Size(a.Prefix))
	}
	v.Summary = field.Count(len(allocs), "subnet fits", "subnets fit") + " in " + layout.Within.String() + ", largest first: " +
		field.CountText(usedAddr.String(), "address", "addresses") + " allocated, " + layout.FreeCount.String() + " left free."
	if len(dropped) > 0 {
		v.Summary += " " + strconv.Itoa(len(dropped)) + " did not fit; their lines say why."
	}
	v.Facts = []Fact{
		{"Network", "parent", layout.Within.String()},
		{"Subnets allocated", "allocated", strconv.Itoa(len(allocs))},
		{"Hosts asked for", "hosts-asked", asked.String()},
		{"Host addresses not asked for", "waste", layout.Waste.String()},
		{"Addresses left free", "free-count", layout.FreeCount.String()},
	}
	v.Tables = []Table{{
		ID: "planui-vlsm", Title: "Allocations", Caption: "One subnet per request, largest first",
		Columns: []Column{{"Name", "name"}, {"Hosts", "hosts"}, {"Prefix", "prefix"}, {"First address", "first"}, {"Last address", "last"}, {"Usable", "usable"}, {"Spare", "spare"}},
		Empty:   "Nothing allocated.",
		source: sliceSource(len(allocs), func(i int) ([]string, bool) {
			a := allocs[i]
			return []string{a.Name, strconv.FormatUint(a.Hosts, 10), a.Prefix.String(), a.Prefix.Addr().String(),
				netipx.PrefixLastIP(a.Prefix).String(), a.Usable.String(), a.Spare.String()}, false
		}, func(i int) netip.Prefix { return allocs[i].Prefix }),
	}, {
		ID: "planui-free", Title: "Free space", Caption: "What is left, as the fewest prefixes",
		Columns: prefixColumns, Empty: "No free space left.", RowField: "free-row",
		source: sliceSource(len(layout.Free), func(i int) ([]string, bool) {
			return prefixCells(layout.Free[i]), false
		}, func(i int) netip.Prefix { return layout.Free[i] }),
	}}
	v.Bars = []Bar{vlsmBar(layout)}
}

// mergeLines adds more line messages, filling in each line's text, in line
// order.
func mergeLines(a, b []LineMsg, text string) []LineMsg {
	if len(b) == 0 {
		return a
	}
	all := strings.Split(text, "\n")
	for _, m := range b {
		if m.Line-1 < len(all) {
			m.Text = strings.TrimSuffix(all[m.Line-1], "\r")
		}
		a = append(a, m)
	}
	sortLines(a)
	return a
}

func sortLines(ms []LineMsg) {
	for i := 1; i < len(ms); i++ {
		for j := i; j > 0 && ms[j].Line < ms[j-1].Line; j-- {
			ms[j], ms[j-1] = ms[j-1], ms[j]
		}
	}
}

// readList parses the pasted list, recording each bad line.
func (v *View) readList(text string) []plan.Entry {
	entries, errs := plan.ParseList(text)
	for _, e := range errs {
		v.LineErrors = append(v.LineErrors, LineMsg{e.Line, e.Text, e.Err.Error()})
	}
	v.ListLines = len(entries)
	return entries
}

func (v *View) summarize(in Input) {
	entries := v.readList(in.List)
	var ps, v4, v6 []netip.Prefix
	for _, e := range entries {
		for _, p := range e.Prefixes() {
			ps = append(ps, p)
			if p.Addr().Is4() {
				v4 = append(v4, p)
			} else {
				v6 = append(v6, p)
			}
		}
	}
	if len(ps) == 0 {
		v.Summary = "Paste prefixes, one per line, to see the fewest that cover the same addresses."
		return
	}
	sum := plan.Summarize(ps)
	v.Summary = field.Count(len(ps), "prefix", "prefixes") + " in, " + strconv.Itoa(len(sum)) + " out: the same addresses, written as the fewest prefixes."
	v.Facts = []Fact{{"Prefixes in", "prefixes-in", strconv.Itoa(len(ps))}, {"Prefixes out", "prefixes-out", strconv.Itoa(len(sum))}}
	type coverRow struct {
		family string
		c      plan.Cover
	}
	var covers []coverRow
	for _, fam := range []struct {
		name string
		ps   []netip.Prefix
	}{{"IPv4", v4}, {"IPv6", v6}} {
		if len(fam.ps) == 0 {
			continue
		}
		c, err := plan.Supernet(fam.ps)
		if err != nil {
			continue
		}
		covers = append(covers, coverRow{fam.name, c})
		v.Bars = append(v.Bars, summaryBar(fam.name, c, plan.Summarize(fam.ps)))
	}
	v.Tables = []Table{{
		ID: "planui-summary", Title: "Summary", Caption: "The fewest prefixes covering exactly the listed addresses",
		Columns: prefixColumns, Empty: "Nothing to summarize.",
		source: sliceSource(len(sum), func(i int) ([]string, bool) { return prefixCells(sum[i]), false },
			func(i int) netip.Prefix { return sum[i] }),
	}, {
		ID: "planui-supernet", Title: "Single covering supernet", Caption: "The one prefix that covers the whole list, per address family, and what it takes in beyond it",
		Columns:  []Column{{"Family", "family"}, {"Supernet", "supernet"}, {"Addresses listed", "supernet-covered"}, {"Extra addresses", "supernet-extra"}},
		RowField: "supernet-row",
		source: sliceSource(len(covers), func(i int) ([]string, bool) {
			c := covers[i]
			return []string{c.family, c.c.Prefix.String(), c.c.Covered.String(), c.c.Extra.String()}, false
		}, func(i int) netip.Prefix { return covers[i].c.Prefix }),
	}}
}

func (v *View) ranges(in Input) {
	entries := v.readList(in.List)
	type cidr struct {
		p    netip.Prefix
		from string
	}
	var out []cidr
	var all []netip.Prefix
	for _, e := range entries {
		from := e.Text
		if !e.IsRange() {
			from += " (already a prefix)"
		}
		if e.Name != "" {
			from = e.Name + ": " + from
		}
		for _, p := range e.Prefixes() {
			out = append(out, cidr{p, from})
			all = append(all, p)
		}
	}
	if len(entries) == 0 {
		v.Summary = "Paste address ranges written first-last, one per line, such as 10.0.0.5 - 10.0.0.20."
		return
	}
	v.Summary = field.Count(len(entries), "range makes", "ranges make") + " " + field.Count(len(out), "prefix", "prefixes") + ": each range as the fewest CIDR blocks that hold exactly its addresses."
	v.Facts = []Fact{{"Ranges", "ranges", strconv.Itoa(len(entries))}, {"Prefixes", "prefix-count", strconv.Itoa(len(out))}}
	v.Tables = []Table{{
		ID: "planui-range", Title: "Prefixes", Caption: "Each range as CIDR blocks, in the order of the list",
		Columns: append([]Column{{"Range", "range"}}, prefixColumns...), Empty: "No prefixes.",
		source: sliceSource(len(out), func(i int) ([]string, bool) {
			return append([]string{out[i].from}, prefixCells(out[i].p)...), false
		}, func(i int) netip.Prefix { return out[i].p }),
	}}
	v.Bars = familyBars(all, "CIDR blocks of the ranges", "block")
}

func (v *View) exclude(in Input) {
	parent, err := parseNet(in.Net)
	v.NetErr = err
	entries := v.readList(in.List)
	if v.NetErr != "" {
		return
	}
	var remove []netip.Prefix
	for _, e := range entries {
		for _, p := range e.Prefixes() {
			if p.Addr().Is4() != parent.Addr().Is4() || !p.Overlaps(parent) {
				v.LineNotes = append(v.LineNotes, LineMsg{e.Line, e.Text, p.String() + " is outside " + parent.String() + ", so it removes nothing"})
				continue
			}
			remove = append(remove, p)
		}
	}
	keep := plan.Exclude(parent, remove...)
	var kept subnet.Count
	for _, p := range keep {
		kept = kept.Add(subnet.Size(p))
	}
	removed := subnet.Size(parent).Sub(kept)
	v.Summary = parent.String() + " without the listed prefixes is " + field.Count(len(keep), "prefix", "prefixes") + " holding " + field.CountText(kept.String(), "address", "addresses") + "; " + field.CountText(removed.String(), "address", "addresses") + " removed."
	v.Facts = []Fact{
		{"Network", "parent", parent.String()},
		{"Prefixes left", "prefix-count", strconv.Itoa(len(keep))},
		{"Addresses left", "kept", kept.String()},
		{"Addresses removed", "removed", removed.String()},
	}
	v.Tables = []Table{{
		ID: "planui-exclude", Title: "What is left", Caption: "The addresses of " + parent.String() + " not removed, as the fewest prefixes",
		Columns: prefixColumns, Empty: "Nothing is left: the list removes all of " + parent.String() + ".",
		source: sliceSource(len(keep), func(i int) ([]string, bool) { return prefixCells(keep[i]), false },
			func(i int) netip.Prefix { return keep[i] }),
	}}
	v.Bars = []Bar{excludeBar(parent, keep)}
}

func (v *View) overlap(in Input) {
	entries := v.readList(in.List)
	var nets []plan.Named
	for _, e := range entries {
		name := e.Name
		if name == "" {
			name = "line " + strconv.Itoa(e.Line)
		}
		for _, p := range e.Prefixes() {
			nets = append(nets, plan.Named{Name: name, Prefix: p})
		}
	}
	if len(nets) == 0 {
		v.Summary = "List networks as name = prefix, one per line, or pick a preset, to see which ones collide."
		return
	}
	r := plan.Overlaps(nets)
	n := len(r.IPv4) + len(r.IPv6)
	switch n {
	case 0:
		v.Summary = "No overlaps: the " + strconv.Itoa(len(nets)) + " networks can all be routed side by side."
		if len(nets) == 1 {
			v.Summary = "No overlaps: one network overlaps nothing."
		}
	case 1:
		v.Summary = "1 pair of networks overlaps: " + firstClash(r) + "."
	default:
		v.Summary = strconv.Itoa(n) + " pairs of networks overlap among " + strconv.Itoa(len(nets)) + "; each row says how."
	}
	if r.Truncated {
		v.Note = "More than " + strconv.Itoa(plan.MaxClashes) + " pairs overlap; only the first " + strconv.Itoa(plan.MaxClashes) + " are listed."
	}
	v.Facts = []Fact{
		{"Networks", "networks", strconv.Itoa(len(nets))},
		{"IPv4 overlaps", "overlaps-ipv4", strconv.Itoa(len(r.IPv4))},
		{"IPv6 overlaps", "overlaps-ipv6", strconv.Itoa(len(r.IPv6))},
	}
	cols := []Column{{"Network", "a-name"}, {"Prefix", "a-prefix"}, {"Relation", "relation"}, {"Network", "b-name"}, {"Prefix", "b-prefix"}}
	clashTable := func(id, family string, cs []plan.Clash) Table {
		return Table{
			ID: id, Title: family, Caption: family + " pairs that overlap: the first contains or equals the second",
			Columns: cols, Empty: "No " + family + " networks overlap.",
			source: sliceSource(len(cs), func(i int) ([]string, bool) {
				c := cs[i]
				return []string{c.A.Name, c.A.Prefix.String(), c.Relation.String(), c.B.Name, c.B.Prefix.String()}, true
			}, func(i int) netip.Prefix { return cs[i].B.Prefix }),
		}
	}
	v.Tables = []Table{clashTable("planui-ipv4", "IPv4", r.IPv4), clashTable("planui-ipv6", "IPv6", r.IPv6)}
	v.Bars = overlapBars(nets, r)
}

func firstClash(r plan.OverlapReport) string {
	if len(r.IPv4) > 0 {
		return r.IPv4[0].Explanation
	}
	return r.IPv6[0].Explanation
}

// paginate fills the pager and the rows of the page shown, and resolves
// the address looked for.
func (v *View) paginate(in Input) {
	var most subnet.Count
	for _, t := range v.Tables {
		if t.source.n.Cmp(most) > 0 {
			most = t.source.n
		}
	}
	pages := pagesFor(most)
	page := in.Page
	if page.Cmp(pages) >= 0 {
		if in.PageAsked {
			v.Pager.Err = "there is no page " + page.Add(one).String() + "; the results fill " + pages.String() + " pages, so the last one is shown"
		}
		page = pages.Sub(one)
	}
	var hitRow subnet.Count
	hit := false
	if find := strings.TrimSpace(in.Find); find != "" {
		a, err := netip.ParseAddr(find)
		switch {
		case err != nil:
			v.FindErr = strconv.Quote(find) + " is not an IP address; type one, such as 10.0.3.7"
		case len(v.Tables) == 0:
			v.FindErr = "there are no results to look in yet"
		default:
			idx, ok := v.Tables[0].source.find(a.WithZone(""))
			if !ok {
				v.FindErr = a.String() + " is in none of the rows"
				break
			}
			hit, hitRow = true, idx
			p := v.Tables[0].source.prefix(idx)
			if in.Jump {
				page = pageOf(idx)
			}
			v.FindResult = a.String() + " is in row " + idx.Add(one).String() + ", " + p.String() + ", on page " + pageOf(idx).Add(one).String()
		}
	}
	start := pageStart(page)
	for i := range v.Tables {
		t := &v.Tables[i]
		t.Total = t.source.n
		t.TotalText = t.source.n.String()
		for j := 0; j < PageSize; j++ {
			idx := start.Add(countOfInt(j))
			if idx.Cmp(t.source.n) >= 0 {
				break
			}
			cells, clash := t.source.cells(idx)
			t.Rows = append(t.Rows, Row{
				Index:  idx.Add(one).String(),
				Cells:  cells,
				Hit:    hit && i == 0 && idx == hitRow,
				Clash:  clash,
				Prefix: t.source.prefix(idx),
			})
		}
	}
	last := start.Add(countOfInt(PageSize))
	if last.Cmp(most) > 0 {
		last = most
	}
	v.Pager = Pager{
		Page: page, Pages: pages,
		PageText: page.Add(one).String(), PagesText: pages.String(),
		FirstRow: start.Add(one).String(), LastRow: last.String(),
		Multi:   pages.Cmp(one) > 0,
		HasPrev: !page.IsZero(), HasNext: page.Add(one).Cmp(pages) < 0,
		Err: v.Pager.Err,
	}
	if most.IsZero() {
		v.Pager.FirstRow = "0"
	}
	if n, ok := page.Uint64(); !ok || n == ^uint64(0) {
		v.Pager.Unlinkable = true
	}
	if len(v.Tables) > 0 && v.Tables[0].source.cells != nil && len(v.Bars) > 0 && v.Bars[0].paged != nil {
		v.Bars[0] = v.Bars[0].paged(page)
	}
}
