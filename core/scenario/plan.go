package scenario

import (
	"fmt"
	"math"
	"net/url"
	"strconv"
	"strings"

	"github.com/netground/netground/core/subnet"
)

// PlanMode is what the Plan widget does with its input. The zero value is PlanSplit.
type PlanMode uint8

// The Plan widget's modes, in the order of its tabs.
const (
	// PlanSplit splits Net into subnets of length Len or into Parts parts.
	PlanSplit PlanMode = iota
	// PlanVLSM allocates subnets of Net by the host counts in List.
	PlanVLSM
	// PlanSummarize aggregates the prefixes in List.
	PlanSummarize
	// PlanRange turns the address ranges in List into prefixes.
	PlanRange
	// PlanExclude removes the prefixes in List from Net.
	PlanExclude
	// PlanOverlap reports overlaps between the named networks in List.
	PlanOverlap
	// PlanNextFree finds the first free subnet of length Len in the pool Net once the
	// prefixes in List are taken, and all the free blocks.
	PlanNextFree
	// PlanULA shows the unique local /48 of the Global ID GlobalID (RFC 4193) and its /64s.
	PlanULA
	// PlanTree divides Net half by half into the subnets of the split tree Tree, named by
	// Names, with the addresses Cloud reserves.
	PlanTree
)

// PlanLastMode is the last of the Plan widget's modes, in the order of its tabs.
const PlanLastMode = PlanTree

// MaxTreeBytes is the longest split tree shape (parameter tree) or list of subnet names
// (parameter names), in bytes.
const MaxTreeBytes = 32 << 10

func planModeNames() []string {
	return []string{"split", "vlsm", "summarize", "range", "exclude", "overlap", "free", "ula", "tree"}
}

// String returns the mode's name as the mode parameter spells it ("split", "vlsm", …), or
// "split" for an unknown mode.
func (m PlanMode) String() string {
	if names := planModeNames(); int(m) < len(names) {
		return names[m]
	}
	return "split"
}

// IsValid reports whether m is one of the modes above.
func (m PlanMode) IsValid() bool { return m <= PlanLastMode }

// PlanState is the state of the Plan widget:
// /plan?mode=split&net=10.0.0.0/16&len=24&page=3, /plan?mode=ula&gid=123456789a,
// /plan?mode=tree&net=10.0.0.0/24&tree=25,26x2&cloud=aws&names=office,,lab. The zero value is
// the split tab with empty inputs on its first page.
type PlanState struct {
	// Mode is the tab (parameter mode; split is left out of links).
	Mode PlanMode
	// Net is the network as typed (parameter net).
	Net string
	// List is the pasted list, one entry per line (parameter list), at most MaxListBytes and
	// MaxListLines lines.
	List string
	// Len is the new prefix length of a split, or the length of the free subnet looked for
	// (parameter len, 1 to 128); 0 means not set.
	Len int
	// Parts is the number of parts of a split (parameter parts); 0 means not set. When both
	// are given, Len wins.
	Parts uint64
	// Page is the zero-based index of the result page shown. The link counts from 1
	// (page=3 is Page 2) and leaves out the first page.
	Page uint64
	// GlobalID is the 40-bit Global ID of a unique local /48 as typed, such as 123456789a
	// (parameter gid). Left out of JSON when empty, so states saved before it read the same.
	GlobalID string `json:",omitempty"`
	// Tree is the shape of the split tree as plan.Tree.Shape writes it, such as 25,26x2: the
	// subnets' prefix lengths in address order (parameter tree; empty for Net undivided), at
	// most MaxTreeBytes.
	Tree string `json:",omitempty"`
	// Names names the subnets of the split tree, as plan.Tree.Names writes them (parameter
	// names), at most MaxTreeBytes.
	Names string `json:",omitempty"`
	// Cloud is the provider whose reserved addresses the split tree's usable counts leave out
	// (parameter cloud: none, aws, azure or gcp; none is left out of links).
	Cloud subnet.Cloud `json:",omitempty"`
}

// Widget returns WidgetPlan.
func (PlanState) Widget() Widget { return WidgetPlan }

func (s PlanState) writer() *queryWriter {
	w := new(queryWriter)
	if s.Mode != PlanSplit {
		w.add("mode", s.Mode.String())
	}
	w.add("net", s.Net)
	w.add("tree", s.Tree)
	if names := cloudNames(); s.Cloud != subnet.CloudNone && int(s.Cloud) < len(names) {
		w.add("cloud", names[s.Cloud])
	}
	if s.Len != 0 {
		w.add("len", strconv.Itoa(s.Len))
	}
	if s.Parts != 0 {
		w.add("parts", strconv.FormatUint(s.Parts, 10))
	}
	if s.Page != 0 && s.Page != math.MaxUint64 {
		w.add("page", strconv.FormatUint(s.Page+1, 10))
	}
	w.add("gid", s.GlobalID)
	w.add("names", s.Names)
	w.add("list", s.List)
	return w
}

// Query returns the state as query parameters, leaving out defaults.
func (s PlanState) Query() url.Values { return s.writer().query() }

// Encode returns the state as a raw query, such as "net=10.0.0.0/16&len=24&page=3". The list
// comes last so that a link cut short loses as little as possible.
func (s PlanState) Encode() string { return s.writer().encode() }

// ParsePlanState reads a Plan state from query parameters. It never fails: what it cannot use
// is reported as problems and left at its default. A list over its limits keeps the lines
// that fit.
func ParsePlanState(q url.Values) (PlanState, []Problem) {
	r := newQueryReader(q)
	s := PlanState{
		Mode:     PlanMode(r.choice("mode", planModeNames(), int(PlanSplit))),
		Net:      r.text("net"),
		Len:      int(r.number("len", 1, 128, "the new prefix length")),
		Parts:    r.number("parts", 1, math.MaxUint64, "the number of parts"),
		GlobalID: r.text("gid"),
		Tree:     r.long("tree", MaxTreeBytes),
		Cloud:    subnet.Cloud(r.choice("cloud", cloudNames(), int(subnet.CloudNone))),
		Names:    r.long("names", MaxTreeBytes),
	}
	if page := r.number("page", 1, math.MaxUint64, "the page number"); page > 0 {
		s.Page = page - 1
	}
	if s.Len != 0 && s.Parts != 0 {
		r.report("parts", strconv.FormatUint(s.Parts, 10), "len and parts both given; splitting by len")
		s.Parts = 0
	}
	if list, ok := r.raw("list"); ok {
		s.List = r.fitList(list)
	}
	return s, r.done()
}

// long returns the value of a parameter that may be longer than MaxValueBytes, up to limit,
// or "" if it is missing or too long.
func (r *queryReader) long(name string, limit int) string {
	v, ok := r.raw(name)
	if !ok {
		return ""
	}
	if len(v) > limit {
		r.report(name, v, fmt.Sprintf("%d bytes, more than the limit of %d; ignored", len(v), limit))
		return ""
	}
	return v
}

// fitList returns the lines of list that fit MaxListBytes and MaxListLines.
func (r *queryReader) fitList(list string) string {
	if len(list) > MaxListBytes {
		cut := strings.LastIndexByte(list[:MaxListBytes+1], '\n')
		r.report("list", "", fmt.Sprintf("%d bytes, more than the limit of %d; only the lines that fit are kept", len(list), MaxListBytes))
		list = list[:max(cut, 0)]
	}
	if n := countLines(list); n > MaxListLines {
		r.report("list", "", fmt.Sprintf("%d lines, more than the limit of %d; only the first %d are kept", n, MaxListLines, MaxListLines))
		i := 0
		for range MaxListLines {
			i += strings.IndexByte(list[i:], '\n') + 1
		}
		list = list[:i-1]
	}
	return list
}

// countLines returns the number of lines in list; a newline at the very end ends the last
// line rather than starting an empty one.
func countLines(list string) int {
	n := strings.Count(list, "\n")
	if !strings.HasSuffix(list, "\n") {
		n++
	}
	return n
}
