package practice

import (
	"fmt"
	"math/rand/v2"
	"net/netip"
	"strconv"

	"github.com/netground/netground/core/field"
	"github.com/netground/netground/core/plan"
	"github.com/netground/netground/core/subnet"
)

func genSplit(r *rand.Rand, level int) Question {
	switch level {
	case 1:
		p := netip.PrefixFrom(hostV4(r), pick(r, []int{16, 24})).Masked()
		if r.IntN(2) == 0 {
			return splitParts(p, uint64(pick(r, []int{2, 4, 8, 16})))
		}
		return splitCount(p, p.Bits()+1+r.IntN(4))
	case 2:
		p := netip.PrefixFrom(hostV4(r), octet(r, 16, 24)).Masked()
		switch r.IntN(3) {
		case 0:
			return splitParts(p, uint64(octet(r, 3, 30)))
		case 1:
			return splitCount(p, min(30, p.Bits()+2+r.IntN(6)))
		}
		return splitNth(r, p, min(30, p.Bits()+2+r.IntN(5)))
	}
	switch r.IntN(4) {
	case 0, 1:
		return splitVLSM(r)
	case 2:
		return splitSummary(r)
	}
	p := netip.PrefixFrom(hostV6(r), 32+4*r.IntN(6)).Masked()
	return splitNth(r, p, p.Bits()+4*(1+r.IntN(2)))
}

func splitParts(p netip.Prefix, n uint64) Question {
	sp, err := plan.SplitParts(p, n)
	if err != nil {
		panic("practice: " + err.Error())
	}
	bits := sp.Bits()
	extra := bits - p.Bits()
	q := Question{
		Kind:   FreeText,
		Text:   fmt.Sprintf("You split %s into %d equal subnets, as large as possible. What prefix length does each get?", p, n),
		Format: "a prefix length, like /26",
		Answer: "/" + strconv.Itoa(bits),
		check: checkLength(bits, func(m int) string {
			switch {
			case m == p.Bits()+int(n):
				return fmt.Sprintf("adding %d to the length makes 2^%d parts, not %d; add only the bits needed to count %d parts", n, n, n, n)
			case m == bits-1:
				return fmt.Sprintf("/%d makes only %s parts, fewer than %d", m, subnet.Pow2(m-p.Bits()), n)
			case m > bits:
				return fmt.Sprintf("/%d works but is smaller than needed: /%d already makes %s parts", m, bits, sp.Total())
			}
			return ""
		}),
		Steps: []string{
			fmt.Sprintf("Each extra prefix bit doubles the number of subnets; %d parts need %s, because 2^%d = %s ≥ %d.", n, field.Count(extra, "bit", "bits"), extra, sp.Total(), n),
			fmt.Sprintf("/%d + %d = /%d.", p.Bits(), extra, bits),
		},
	}
	if note := sp.Note(); note != "" {
		q.Steps = append(q.Steps, note+".")
	}
	q.Steps = append(q.Steps, fmt.Sprintf("The first is %s, the second %s.", sp.At(subnet.CountOf(0)), sp.At(subnet.CountOf(1))))
	q.verify = func() error {
		b := p.Bits()
		for uint64(1)<<(b-p.Bits()) < n {
			b++
		}
		if b != bits {
			return fmt.Errorf("model gives /%d, plan /%d", b, bits)
		}
		return nil
	}
	return q
}

func splitCount(p netip.Prefix, bits int) Question {
	sp, err := plan.SplitBits(p, bits)
	if err != nil {
		panic("practice: " + err.Error())
	}
	n := sp.Total()
	return Question{
		Kind:   FreeText,
		Text:   fmt.Sprintf("How many /%d subnets fit in %s?", bits, p),
		Format: "a number, like 16",
		Answer: n.String(),
		check: checkCount(n, func(c subnet.Count) string {
			if c == subnet.CountOf(uint64(bits-p.Bits())) {
				return fmt.Sprintf("%s is the number of extra bits; the number of subnets is 2 to that power", c)
			}
			if c == subnet.Pow2(32-bits) {
				return fmt.Sprintf("that is the number of addresses in one /%d, not the number of subnets", bits)
			}
			return ""
		}),
		Steps: []string{
			fmt.Sprintf("From /%d to /%d there are %d extra network bits.", p.Bits(), bits, bits-p.Bits()),
			fmt.Sprintf("2^%d = %s subnets.", bits-p.Bits(), n),
		},
	}
}

func splitNth(r *rand.Rand, p netip.Prefix, bits int) Question {
	sp, err := plan.SplitBits(p, bits)
	if err != nil {
		panic("practice: " + err.Error())
	}
	total, _ := sp.Total().Uint64()
	k := 2 + r.IntN(int(min(total-1, 30)))
	want := sp.At(subnet.CountOf(uint64(k - 1)))
	size := subnet.Size(want)
	q := Question{
		Kind:   FreeText,
		Text:   fmt.Sprintf("You split %s into /%d subnets. Which is subnet number %d (the first is number 1)?", p, bits, k),
		Format: "a subnet, like " + exampleNet(p),
		Answer: want.String(),
		check: func(s string) Feedback {
			f := checkPrefix(want)(s)
			if f.Correct {
				return f
			}
			if sub, err := subnet.Parse(s); err == nil && sub.Prefix().Bits() == bits {
				if i, ok := subnet.Index(p, sub.Prefix()); ok {
					if n, _ := i.Uint64(); int(n) == k {
						return wrongf("that is subnet number %d counting from 1: it is subnet %d counting from 0, one too far", k+1, k)
					} else if int(n) == k-2 {
						return wrongf("that is subnet number %d; counting starts at 1 with %s", k-1, sp.At(subnet.CountOf(0)))
					}
				}
			}
			return f
		},
		Steps: []string{
			fmt.Sprintf("Each /%d holds %s addresses, so the subnets start every %s addresses.", bits, size, size),
			fmt.Sprintf("Subnet number %d starts (%d - 1) × %s addresses after %s.", k, k, size, p.Addr()),
			"That is " + want.String() + ".",
		},
	}
	for i := range min(k, 4) {
		q.Work = append(q.Work, fmt.Sprintf("%2d  %s", i+1, sp.At(subnet.CountOf(uint64(i)))))
	}
	if k > 4 {
		q.Work = append(q.Work, " …", fmt.Sprintf("%2d  %s", k, want))
	}
	q.verify = func() error {
		if i, ok := subnet.Index(p, want); !ok || i != subnet.CountOf(uint64(k-1)) || want.Bits() != bits {
			return fmt.Errorf("%s is not subnet %d of %s", want, k, p)
		}
		return nil
	}
	return q
}

var vlsmNames = []string{"sales", "office", "lab", "guests", "servers", "printers", "voice", "cameras", "admin", "link"}

func splitVLSM(r *rand.Rand) Question {
	within := netip.PrefixFrom(v4(pick(r, []int{10, 172, 192}), 0, 0, 0), 24)
	switch within.Addr().As4()[0] {
	case 10:
		within = netip.PrefixFrom(v4(10, r.IntN(256), r.IntN(256), 0), 24)
	case 172:
		within = netip.PrefixFrom(v4(172, octet(r, 16, 31), r.IntN(256), 0), 24)
	default:
		within = netip.PrefixFrom(v4(192, 168, r.IntN(256), 0), 24)
	}
	names := append([]string(nil), vlsmNames...)
	r.Shuffle(len(names), func(i, j int) { names[i], names[j] = names[j], names[i] })
	n := 3 + r.IntN(2)
	sizes := []uint64{uint64(octet(r, 40, 100)), uint64(octet(r, 15, 50)), uint64(octet(r, 6, 14)), 2}
	var reqs []plan.Request
	for i := range n {
		reqs = append(reqs, plan.Request{Name: names[i], Hosts: sizes[i]})
	}
	r.Shuffle(len(reqs), func(i, j int) { reqs[i], reqs[j] = reqs[j], reqs[i] })
	lay, err := plan.VLSM(within, reqs)
	if err != nil {
		panic("practice: " + err.Error())
	}
	target := lay.Allocations[r.IntN(len(lay.Allocations))]
	var given []string
	for _, q := range reqs {
		given = append(given, fmt.Sprintf("%s: %s", q.Name, field.Count(q.Hosts, "host", "hosts")))
	}
	q := Question{
		Kind:   FreeText,
		Text:   fmt.Sprintf("Allocate these networks inside %s with VLSM, largest first, each at the lowest free address. Which subnet does %s get?", within, target.Name),
		Given:  given,
		Format: "a subnet, like 192.168.1.64/26",
		Answer: target.Prefix.String(),
		check:  checkPrefix(target.Prefix),
		Steps: []string{
			"Sort the requests by size, largest first; ties keep their order.",
			"Give each the smallest subnet whose usable addresses (2^h - 2 for IPv4) hold its hosts.",
			"Place each at the next free address; a block of 2^h addresses always starts on a multiple of 2^h, so nothing overlaps.",
			fmt.Sprintf("%s needs %s: a /%d (%s usable), placed at %s.", target.Name, field.Count(target.Hosts, "host", "hosts"), target.Prefix.Bits(), target.Usable, target.Prefix),
		},
		Table: Table{Caption: "VLSM allocation of " + within.String(), Head: []string{"Network", "Hosts", "Subnet", "Usable"}},
	}
	for _, a := range lay.Allocations {
		q.Table.Rows = append(q.Table.Rows, []string{a.Name, strconv.FormatUint(a.Hosts, 10), a.Prefix.String(), a.Usable.String()})
	}
	q.verify = func() error {
		h := 32 - target.Prefix.Bits()
		if (uint64(1)<<h)-2 < target.Hosts || (h > 2 && (uint64(1)<<(h-1))-2 >= target.Hosts) || !within.Contains(target.Prefix.Addr()) {
			return fmt.Errorf("%s is not the smallest fit for %d hosts in %s", target.Prefix, target.Hosts, within)
		}
		return nil
	}
	return q
}

func splitSummary(r *rand.Rand) Question {
	parent := netip.PrefixFrom(hostV4(r), octet(r, 16, 26)).Masked()
	k := 1 + r.IntN(2)
	sp, _ := plan.SplitBits(parent, parent.Bits()+k)
	var parts []netip.Prefix
	for p := range sp.All() {
		parts = append(parts, p)
	}
	r.Shuffle(len(parts), func(i, j int) { parts[i], parts[j] = parts[j], parts[i] })
	sum := plan.Summarize(parts)
	if len(sum) != 1 {
		panic("practice: summary of a split is not one prefix")
	}
	var given []string
	for _, p := range parts {
		given = append(given, p.String())
	}
	q := Question{
		Kind:   FreeText,
		Text:   "Summarize these routes into one prefix that covers exactly the same addresses.",
		Given:  given,
		Format: "a subnet, like 10.0.0.0/22",
		Answer: sum[0].String(),
		check:  checkPrefix(sum[0]),
		Steps: []string{
			"Write the networks in order; they are adjacent and all the same size.",
			fmt.Sprintf("%d networks of /%d make one block 2^%d times as large: /%d - %d = /%d.", len(parts), parent.Bits()+k, k, parent.Bits()+k, k, parent.Bits()),
			"The block starts at the lowest network, " + sum[0].Addr().String() + ", which lies on a /" + strconv.Itoa(parent.Bits()) + " boundary.",
			"Summary: " + sum[0].String() + ".",
		},
	}
	q.verify = func() error {
		if sum[0] != parent {
			return fmt.Errorf("summary %s, parent %s", sum[0], parent)
		}
		return nil
	}
	return q
}
