package planview

import (
	"strconv"

	"github.com/netground/netground/core/plan"

	"github.com/netground/netground/core/scenario"
	"github.com/netground/netground/core/subnet"
)

// Inputs is what the person typed in one mode.
type Inputs struct {
	Net, List, Len, Parts string
	GID                   string // the Global ID of the unique local tab
	// Tree and Names are the split tree's shape and names as its link
	// writes them (plan.Tree.Shape, plan.Tree.Names); Cloud the provider
	// whose reservations its usable counts leave out.
	Tree, Names string
	Cloud       subnet.Cloud
}

// Input is what Build computes for these inputs in mode m, at the first
// page: the caller adds the page, and what to find or jump to.
func (in Inputs) Input(m scenario.PlanMode) Input {
	return Input{
		Mode: m, Net: in.Net, List: in.List, Len: in.Len, Parts: in.Parts, GID: in.GID,
		Tree: in.Tree, Names: in.Names, Cloud: in.Cloud,
	}
}

// InputsFromLink fills what the link left out with the mode's example.
func InputsFromLink(st scenario.PlanState, hasNet, hasList bool) Inputs {
	def := DefaultState(st.Mode)
	in := Inputs{Net: st.Net, List: st.List, GID: st.GlobalID}
	if st.Mode == scenario.PlanTree {
		in.Tree, in.Names, in.Cloud = st.Tree, st.Names, st.Cloud
		if !hasNet && st.Tree == "" {
			in.Tree, in.Names = def.Tree, def.Names
			if st.Cloud == subnet.CloudNone {
				in.Cloud = def.Cloud
			}
		}
	}
	if !hasNet && UsesNet(st.Mode) {
		in.Net = def.Net
	}
	if !hasList && UsesList(st.Mode) {
		in.List = def.List
	}
	if st.Mode == scenario.PlanSplit && st.Len == 0 && st.Parts == 0 {
		st.Len, st.Parts = def.Len, def.Parts
	}
	if st.Mode == scenario.PlanNextFree && st.Len == 0 {
		st.Len = def.Len
	}
	if st.Len != 0 {
		in.Len = strconv.Itoa(st.Len)
	}
	if st.Parts != 0 {
		in.Parts = strconv.FormatUint(st.Parts, 10)
	}
	return in
}

// InputsOf is what a whole state (a preset, a mode's example) fills in.
func InputsOf(st scenario.PlanState) Inputs {
	return InputsFromLink(st, true, true)
}

// State returns what a link carries of the inputs in mode m, on the
// zero-based page.
func (in Inputs) State(m scenario.PlanMode, page subnet.Count) scenario.PlanState {
	st := scenario.PlanState{Mode: m}
	if UsesNet(m) {
		st.Net = in.Net
	}
	if UsesList(m) {
		st.List = in.List
	}
	if UsesLen(m) {
		if n, err := plan.ParseLength(in.Len); err == nil && n >= 1 {
			st.Len = n
		} else if n, err := plan.ParseParts(in.Parts); err == nil && m == scenario.PlanSplit {
			st.Parts = n
		}
	}
	if m == scenario.PlanULA {
		st.GlobalID = in.GID
	}
	if m == scenario.PlanTree {
		st.Tree, st.Names, st.Cloud = in.Tree, in.Names, in.Cloud
	}
	if n, ok := page.Uint64(); ok {
		st.Page = n
	}
	return st
}
