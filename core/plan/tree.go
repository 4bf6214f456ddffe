package plan

import (
	"errors"
	"net/netip"
	"slices"
	"strconv"
	"strings"

	"github.com/netground/netground/core/field"
	"github.com/netground/netground/core/subnet"
	"go4.org/netipx"
)

// MaxTreeLeaves is the largest number of subnets a Tree holds. Dividing
// beyond it, or reading a shape with more, is an error that says so.
const MaxTreeLeaves = 4096

// MaxTreeName is the longest name or note of one subnet of a Tree, in bytes.
const MaxTreeName = 200

// maxQuoted is how much of a long input an error quotes.
const maxQuoted = 60

// Tree is a network divided by halving: every subnet (a leaf) is the root
// or a half of a half … of it, and the leaves cover the root exactly, with
// no gaps and no overlaps. A leaf can be divided into its two halves, and
// joined with its sibling when that is a leaf too. Each leaf may carry a
// name or note.
//
// Tree is immutable: Divide, Join and the other changes return a new
// Tree. The zero Tree is invalid and has no leaves.
type Tree struct {
	root   netip.Prefix
	leaves []Leaf // in address order
}

// Leaf is one subnet of a Tree and its name or note ("" for none).
type Leaf struct {
	Prefix netip.Prefix
	Name   string
}

// Size returns the number of addresses in the leaf.
func (l Leaf) Size() subnet.Count { return subnet.Size(l.Prefix) }

// Usable returns how many addresses of the leaf a host may take, by the
// rules of subnet.Info: IPv4 loses its network and broadcast addresses
// except in a /31 (RFC 3021) or /32, IPv6 keeps every address, and a cloud
// provider other than subnet.CloudNone reserves its own. A leaf outside
// the sizes the provider allows, or an IPv6 leaf with a provider, is an
// error that says so.
func (l Leaf) Usable(cloud subnet.Cloud) (subnet.Count, error) {
	in, err := subnet.FromPrefix(l.Prefix).Info(cloud)
	if err != nil {
		return subnet.Count{}, err
	}
	return in.Usable, nil
}

// NewTree returns the Tree of root undivided: one leaf, root itself with
// its host bits cleared. An invalid root gives the zero Tree.
func NewTree(root netip.Prefix) Tree {
	if !root.IsValid() {
		return Tree{}
	}
	root = root.Masked()
	return Tree{root: root, leaves: []Leaf{{Prefix: root}}}
}

// IsValid reports whether t is a tree, not the zero value.
func (t Tree) IsValid() bool { return t.root.IsValid() }

// Root returns the network the tree divides.
func (t Tree) Root() netip.Prefix { return t.root }

// Len returns the number of leaves.
func (t Tree) Len() int { return len(t.leaves) }

// Leaves returns the leaves in address order, as a copy.
func (t Tree) Leaves() []Leaf { return slices.Clone(t.leaves) }

// At returns leaf i (from 0), or the zero Leaf if there is none.
func (t Tree) At(i int) Leaf {
	if i < 0 || i >= len(t.leaves) {
		return Leaf{}
	}
	return t.leaves[i]
}

// Index returns the position of the leaf holding addr, and reports whether
// addr lies in the root.
func (t Tree) Index(addr netip.Addr) (int, bool) {
	if !t.IsValid() || !t.root.Contains(addr) {
		return 0, false
	}
	i, found := slices.BinarySearchFunc(t.leaves, addr, func(l Leaf, a netip.Addr) int { return l.Prefix.Addr().Compare(a) })
	if !found {
		i--
	}
	return i, true
}

// find returns the position of leaf p, or -1.
func (t Tree) find(p netip.Prefix) int {
	if !p.IsValid() {
		return -1
	}
	if i, ok := t.Index(p.Addr()); ok && t.leaves[i].Prefix == p {
		return i
	}
	return -1
}

// with returns a copy of t whose leaves from..to (exclusive) are replaced by
// repl.
func (t Tree) with(from, to int, repl ...Leaf) Tree {
	leaves := make([]Leaf, 0, len(t.leaves)-(to-from)+len(repl))
	leaves = append(leaves, t.leaves[:from]...)
	leaves = append(leaves, repl...)
	leaves = append(leaves, t.leaves[to:]...)
	return Tree{root: t.root, leaves: leaves}
}

func (t Tree) notALeaf(p netip.Prefix) error {
	return errors.New("subnet " + strconv.Quote(p.String()) + " is not one of the subnets of " + t.root.String())
}

// CanDivide reports whether leaf p can be divided: it is a leaf longer
// than a single address and the tree has room for one more leaf.
func (t Tree) CanDivide(p netip.Prefix) bool {
	return t.find(p) >= 0 && p.Bits() < p.Addr().BitLen() && len(t.leaves) < MaxTreeLeaves
}

// Divide returns the tree with leaf p divided into its two halves. The
// lower half keeps p's name.
func (t Tree) Divide(p netip.Prefix) (Tree, error) {
	i := t.find(p)
	switch {
	case i < 0:
		return t, t.notALeaf(p)
	case p.Bits() == p.Addr().BitLen():
		return t, errors.New("subnet " + strconv.Quote(p.String()) + " is a single address and cannot be divided")
	case len(t.leaves) >= MaxTreeLeaves:
		return t, errors.New("subnet " + strconv.Quote(p.String()) + " cannot be divided: the plan already has " + strconv.Itoa(MaxTreeLeaves) + " subnets, the most it holds; join some first")
	}
	lo, hi := halves(p)
	return t.with(i, i+1, Leaf{Prefix: lo, Name: t.leaves[i].Name}, Leaf{Prefix: hi}), nil
}

// halves returns the two halves of p, which must be longer than one address.
func halves(p netip.Prefix) (lo, hi netip.Prefix) {
	lo = netip.PrefixFrom(p.Addr(), p.Bits()+1)
	return lo, netip.PrefixFrom(netipx.PrefixLastIP(p), p.Bits()+1).Masked()
}

// Sibling returns the other half of p's parent: 10.0.0.128/25 for
// 10.0.0.0/25. It returns the zero Prefix for a /0.
func Sibling(p netip.Prefix) netip.Prefix {
	parent := subnet.Parent(p)
	if !parent.IsValid() {
		return netip.Prefix{}
	}
	lo, hi := halves(parent)
	if lo == p.Masked() {
		return hi
	}
	return lo
}

// CanJoin reports whether leaf p can be joined with its sibling: p is a
// leaf other than the root and its sibling is a leaf too.
func (t Tree) CanJoin(p netip.Prefix) bool {
	return t.find(p) >= 0 && p != t.root && t.find(Sibling(p)) >= 0
}

// Join returns the tree with leaf p and its sibling joined into their
// parent, which takes the lower half's name, or the upper half's when the
// lower has none.
func (t Tree) Join(p netip.Prefix) (Tree, error) {
	i := t.find(p)
	if i < 0 {
		return t, t.notALeaf(p)
	}
	if p == t.root {
		return t, errors.New("subnet " + strconv.Quote(p.String()) + " is the whole network; there is nothing to join it with")
	}
	sib := Sibling(p)
	j := t.find(sib)
	if j < 0 {
		return t, errors.New("subnet " + strconv.Quote(p.String()) + " cannot be joined: its sibling " + sib.String() + " is divided; join its parts first")
	}
	lo := min(i, j)
	name := t.leaves[lo].Name
	if name == "" {
		name = t.leaves[lo+1].Name
	}
	return t.with(lo, lo+2, Leaf{Prefix: subnet.Parent(p), Name: name}), nil
}

// DivideAll returns the tree with every leaf divided in two, except single
// addresses. It fails, leaving t as it is, when the result would hold more
// than MaxTreeLeaves leaves.
func (t Tree) DivideAll() (Tree, error) {
	n := 0
	for _, l := range t.leaves {
		n++
		if l.Prefix.Bits() < l.Prefix.Addr().BitLen() {
			n++
		}
	}
	if n > MaxTreeLeaves {
		return t, errors.New("dividing every subnet of " + t.root.String() + " would make " + strconv.Itoa(n) + " subnets, more than the " + strconv.Itoa(MaxTreeLeaves) + " a plan holds")
	}
	leaves := make([]Leaf, 0, n)
	for _, l := range t.leaves {
		if l.Prefix.Bits() == l.Prefix.Addr().BitLen() {
			leaves = append(leaves, l)
			continue
		}
		lo, hi := halves(l.Prefix)
		leaves = append(leaves, Leaf{Prefix: lo, Name: l.Name}, Leaf{Prefix: hi})
	}
	return Tree{root: t.root, leaves: leaves}, nil
}

// Named returns the tree with leaf p named name (spaces around it trimmed;
// "" removes the name).
func (t Tree) Named(p netip.Prefix, name string) (Tree, error) {
	i := t.find(p)
	if i < 0 {
		return t, t.notALeaf(p)
	}
	name = strings.TrimSpace(name)
	if len(name) > MaxTreeName {
		return t, errors.New("name of " + p.String() + ": " + strconv.Itoa(len(name)) + " bytes, more than the limit of " + strconv.Itoa(MaxTreeName))
	}
	out := t.with(i, i)
	out.leaves[i].Name = name
	return out, nil
}

// Shape returns the leaves' prefix lengths in address order, separated by
// commas, with a run of n equal lengths written as length x n: "17,18x2"
// for 10.0.0.0/16 divided into a /17 and two /18s. The undivided tree's
// shape is "". ParseTreeShape reads it back.
func (t Tree) Shape() string {
	if len(t.leaves) <= 1 {
		return ""
	}
	var b strings.Builder
	for i := 0; i < len(t.leaves); {
		bits := t.leaves[i].Prefix.Bits()
		j := i + 1
		for j < len(t.leaves) && t.leaves[j].Prefix.Bits() == bits {
			j++
		}
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.Itoa(bits))
		if j-i > 1 {
			b.WriteByte('x')
			b.WriteString(strconv.Itoa(j - i))
		}
		i = j
	}
	return b.String()
}

// String returns the root and, when it is divided, a colon and the shape:
// "10.0.0.0/16:17,18x2", or "10.0.0.0/16" undivided. Names are not
// included; Names writes them. The zero Tree gives "".
func (t Tree) String() string {
	if !t.IsValid() {
		return ""
	}
	if s := t.Shape(); s != "" {
		return t.root.String() + ":" + s
	}
	return t.root.String()
}

// ParseTree reads a tree as String writes it: a prefix, then optionally a
// colon and a shape as ParseTreeShape reads it.
func ParseTree(s string) (Tree, error) {
	rootText, shape, _ := strings.Cut(s, ":")
	if i := strings.IndexByte(s, '/'); i >= 0 {
		// An IPv6 root holds colons itself: the shape starts at the first
		// colon after the prefix length.
		if j := strings.IndexByte(s[i:], ':'); j >= 0 {
			rootText, shape = s[:i+j], s[i+j+1:]
		} else {
			rootText, shape = s, ""
		}
	}
	root, err := netip.ParsePrefix(rootText)
	if err != nil {
		return Tree{}, errors.New("tree " + quote(s) + ": " + strings.TrimPrefix(err.Error(), "netip.ParsePrefix("+strconv.Quote(rootText)+"): "))
	}
	if root != root.Masked() {
		return Tree{}, errors.New("tree " + quote(s) + ": " + root.String() + " has host bits set; its network is " + root.Masked().String())
	}
	if strings.Contains(s[len(rootText):], ":") && shape == "" {
		return Tree{}, errors.New("tree " + quote(s) + ": nothing after the colon; leave the colon out for an undivided network")
	}
	return ParseTreeShape(root, shape)
}

// ParseTreeShape reads the shape of a tree of root, as Shape writes it:
// the leaves' prefix lengths in address order, separated by commas, each
// optionally followed by x and a repeat count ("17,18x2"). The empty
// shape is root undivided. Every leaf must start where the one before it
// ends, on a boundary of its own size, and the last must end where root
// ends; at most MaxTreeLeaves leaves. Errors quote the shape.
func ParseTreeShape(root netip.Prefix, shape string) (Tree, error) {
	if !root.IsValid() {
		return Tree{}, errors.New("tree " + quote(shape) + ": no network given")
	}
	root = root.Masked()
	if shape == "" {
		return NewTree(root), nil
	}
	fail := func(reason string) (Tree, error) {
		return Tree{}, errors.New("tree " + quote(shape) + " of " + root.String() + ": " + reason)
	}
	width := root.Addr().BitLen()
	type run struct{ bits, n int }
	var runs []run
	total := 0
	for _, tok := range strings.Split(shape, ",") {
		bitsText, countText, repeated := strings.Cut(tok, "x")
		bits, ok := decimal(bitsText, width)
		if !ok {
			return fail(strconv.Quote(tok) + " is not a prefix length from " + strconv.Itoa(root.Bits()) + " to " + strconv.Itoa(width) + "; write lengths separated by commas, such as 17,18x2")
		}
		n := 1
		if repeated {
			if n, ok = decimal(countText, MaxTreeLeaves); !ok || n == 0 {
				return fail(strconv.Quote(tok) + ": the count after x must be a whole number from 1 to " + strconv.Itoa(MaxTreeLeaves))
			}
		}
		if total += n; total > MaxTreeLeaves {
			return fail("more than " + strconv.Itoa(MaxTreeLeaves) + " subnets, the most a plan holds")
		}
		if bits < root.Bits() {
			return fail("a /" + strconv.Itoa(bits) + " is larger than the /" + strconv.Itoa(root.Bits()) + " it would be part of")
		}
		runs = append(runs, run{bits, n})
	}
	leaves := make([]Leaf, 0, total)
	at := root.Addr()
	end := netipx.PrefixLastIP(root)
	for _, r := range runs {
		for range r.n {
			if !at.IsValid() || (len(leaves) > 0 && leaves[len(leaves)-1].Prefix.Contains(end)) {
				return fail("the subnets go past the end of " + root.String() + " after " + field.Count(len(leaves), "subnet", "subnets"))
			}
			p := netip.PrefixFrom(at, r.bits)
			if p.Masked() != p {
				return fail("subnet " + strconv.Itoa(len(leaves)+1) + " would be a /" + strconv.Itoa(r.bits) + " at " + at.String() + ", which is not on a /" + strconv.Itoa(r.bits) + " boundary; a /" + strconv.Itoa(r.bits) + " starts only at a multiple of " + subnet.Pow2(width-r.bits).String() + " addresses")
			}
			leaves = append(leaves, Leaf{Prefix: p})
			at = netipx.PrefixLastIP(p).Next()
		}
	}
	if last := leaves[len(leaves)-1].Prefix; !last.Contains(end) {
		return fail("the subnets end at " + netipx.PrefixLastIP(last).String() + ", short of the end of " + root.String() + " at " + end.String())
	}
	return Tree{root: root, leaves: leaves}, nil
}

// decimal reads a whole number from 0 to most, without sign, spaces or
// leading zeros.
func decimal(s string, most int) (int, bool) {
	if s == "" || len(s) > 6 || (len(s) > 1 && s[0] == '0') {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, n <= most
}

// Names returns the leaves' names in address order, separated by commas,
// with a comma or backslash inside a name escaped by a backslash; unnamed
// leaves are empty entries, and the empty entries at the end are left out:
// "office,,lab" names the first and third leaves. A tree without names
// gives "". WithNames reads it back.
func (t Tree) Names() string {
	last := -1
	for i, l := range t.leaves {
		if l.Name != "" {
			last = i
		}
	}
	var b strings.Builder
	for i := 0; i <= last; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		for _, c := range []byte(t.leaves[i].Name) {
			if c == ',' || c == '\\' {
				b.WriteByte('\\')
			}
			b.WriteByte(c)
		}
	}
	return b.String()
}

// WithNames returns the tree with its leaves named by names, as Names
// writes them. Leaves after the last entry are unnamed. More entries than
// leaves, a backslash before anything but a comma or a backslash, a name
// longer than MaxTreeName or with spaces around it are errors that quote
// the text.
func (t Tree) WithNames(names string) (Tree, error) {
	fail := func(reason string) (Tree, error) {
		return t, errors.New("names " + quote(names) + ": " + reason)
	}
	out := t.with(0, 0)
	for i := range out.leaves {
		out.leaves[i].Name = ""
	}
	if names == "" {
		return out, nil
	}
	i := 0
	var b strings.Builder
	flush := func() bool {
		if i >= len(out.leaves) {
			return false
		}
		out.leaves[i].Name = b.String()
		b.Reset()
		i++
		return true
	}
	for k := 0; k < len(names); k++ {
		switch c := names[k]; c {
		case '\\':
			if k+1 == len(names) || (names[k+1] != ',' && names[k+1] != '\\') {
				return fail(`a backslash must be followed by a comma or a backslash`)
			}
			k++
			b.WriteByte(names[k])
		case ',':
			if !flush() {
				return fail("more names than the " + field.Count(len(out.leaves), "subnet", "subnets") + " of " + t.root.String())
			}
		default:
			b.WriteByte(c)
		}
		if b.Len() > MaxTreeName {
			return fail("name " + strconv.Itoa(i+1) + " is longer than the limit of " + strconv.Itoa(MaxTreeName) + " bytes")
		}
	}
	if !flush() {
		return fail("more names than the " + field.Count(len(out.leaves), "subnet", "subnets") + " of " + t.root.String())
	}
	for _, l := range out.leaves {
		if strings.TrimSpace(l.Name) != l.Name {
			return fail("name " + strconv.Quote(l.Name) + " has spaces around it")
		}
	}
	return out, nil
}

// quote returns s quoted, cut to a length fit for an error message.
func quote(s string) string { return field.Quote(s, maxQuoted) }
