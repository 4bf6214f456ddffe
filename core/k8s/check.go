package k8s

import (
	"fmt"
	"net/netip"

	"go4.org/netipx"

	"github.com/netground/netground/core/field"
)

// Finding is one problem or fact Check reports.
type Finding struct {
	Severity string         `json:"severity"` // "error", "warning" or "info"
	Message  string         `json:"message"`
	Overlap  []netip.Prefix `json:"overlap,omitempty"` // the shared addresses, for an overlap
}

// Check compares the cluster's ranges with each other, the LAN, the nodes'
// addresses and the scenario's other networks (an error or a warning for
// each overlap, an info for a network clear of the cluster's ranges), and
// reports capacity: how many node ranges the cluster CIDR holds, how many
// pods a node can run, and nodes left without a pod CIDR. It expects a
// valid scenario.
func Check(s Scenario) []Finding {
	c := s.config()
	var out []Finding
	type named struct {
		name string
		p    netip.Prefix
	}
	ranges := []named{{"the cluster (pod) CIDR", c.cluster}, {"the Service CIDR", c.service}, {"the nodes' LAN", c.lan}}
	for _, n := range s.Networks {
		ranges = append(ranges, named{fmt.Sprintf("network %q", n.Name), n.Prefix.Masked()})
	}
	for i := range ranges {
		for j := i + 1; j < len(ranges); j++ {
			a, b := ranges[i], ranges[j]
			if i >= 2 && j >= 2 && i != 2 {
				continue // two outside networks are not the cluster's business
			}
			if !a.p.Overlaps(b.p) {
				continue
			}
			var sa, sb netipx.IPSetBuilder
			sa.AddPrefix(a.p)
			sb.AddPrefix(b.p)
			sa.Intersect(mustSet(&sb))
			shared := mustSet(&sa).Prefixes()
			sev := "error"
			if i == 2 && j > 2 {
				sev = "warning"
			}
			out = append(out, Finding{Severity: sev, Overlap: shared,
				Message: fmt.Sprintf("%s %v overlaps %s %v: addresses in %v would be ambiguous, and traffic meant for one goes to the other", a.name, a.p, b.name, b.p, prefixesText(shared))})
		}
	}
	for _, n := range ranges[3:] {
		if !n.p.Overlaps(c.cluster) && !n.p.Overlaps(c.service) && !n.p.Overlaps(c.lan) {
			out = append(out, Finding{Severity: "info", Message: fmt.Sprintf("%s %v overlaps neither the cluster (pod) CIDR %v, the Service CIDR %v nor the nodes' LAN %v: the cluster takes none of its addresses", n.name, n.p, c.cluster, c.service, c.lan)})
		}
	}
	for _, n := range c.nodes {
		for _, r := range ranges[:2] {
			if r.p.Contains(n.addr) {
				out = append(out, Finding{Severity: "error", Message: fmt.Sprintf("node %s's address %v is inside %s %v", n.name, n.addr, r.name, r.p)})
			}
		}
	}
	total := uint64(1) << (c.mask - c.cluster.Bits())
	size := uint64(1) << (32 - c.mask)
	usable := size - 3
	out = append(out, Finding{Severity: "info", Message: fmt.Sprintf("the cluster CIDR %v holds %s of /%d; each has %d addresses, %d for pods (.1 is the node's bridge, the first and last are not handed out), and the kubelet runs at most %s per node, so a node runs up to %d", c.cluster, field.Count(total, "node range", "node ranges"), c.mask, size, usable, field.Count(c.maxPods, "pod", "pods"), min(uint64(c.maxPods), usable))})
	if usable < uint64(c.maxPods) {
		out = append(out, Finding{Severity: "warning", Message: fmt.Sprintf("a /%d node range has only %s, fewer than the kubelet's max-pods %d: pods beyond that fail with 'failed to allocate for range' instead of being scheduled elsewhere (the lab schedules by capacity)", c.mask, field.Count(usable, "pod address", "pod addresses"), c.maxPods)})
	}
	for _, n := range c.nodes {
		if !n.podCIDR.IsValid() {
			out = append(out, Finding{Severity: "error", Message: fmt.Sprintf("node %s gets no pod CIDR: the cluster CIDR %v is exhausted after %s of /%d (CIDRNotAvailable); use a larger cluster CIDR or a longer node mask", n.name, c.cluster, field.Count(total, "node range", "node ranges"), c.mask)})
		}
	}
	return out
}

func mustSet(b *netipx.IPSetBuilder) *netipx.IPSet {
	s, _ := b.IPSet() // only valid prefixes are added
	return s
}

func prefixesText(ps []netip.Prefix) string {
	if len(ps) == 1 {
		return ps[0].String()
	}
	return fmt.Sprint(ps)
}
