package plan_test

import (
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/netground/netground/core/plan"
	"github.com/netground/netground/core/subnet"
	"go4.org/netipx"
)

// smallWorld turns fuzz bytes into a universe of at most 2^10 addresses and
// prefixes inside it: the first byte picks the family and size, the next 16
// the base address, and every 3 bytes after that one prefix.
func smallWorld(data []byte) (*universe, []netip.Prefix, bool) {
	if len(data) < 17 {
		return nil, nil, false
	}
	hostBits := int(data[0] % 11)
	var base netip.Addr
	if data[0]&0x80 == 0 {
		base = netip.AddrFrom4([4]byte(data[1:5]))
	} else {
		base = netip.AddrFrom16([16]byte(data[1:17]))
	}
	u := newUniverse(netip.PrefixFrom(base, base.BitLen()-hostBits))
	var ps []netip.Prefix
	for rest := data[17:]; len(rest) >= 3 && len(ps) < 64; rest = rest[3:] {
		i := (int(rest[0])<<8 | int(rest[1])) % len(u.addrs)
		bits := base.BitLen() - int(rest[2])%(hostBits+1)
		ps = append(ps, netip.PrefixFrom(u.addr(i), bits).Masked())
	}
	return u, ps, true
}

// worldSeeds returns seed inputs for smallWorld.
func worldSeeds() [][]byte {
	return [][]byte{
		append([]byte{8, 10, 0, 0, 0}, make([]byte, 12+9)...),
		append([]byte{10, 192, 168, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 0, 0, 2, 0, 4, 2, 0, 8, 3, 1, 0, 8),
		append([]byte{0x80 | 9, 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 0, 1, 0, 0, 2, 1, 0, 64, 6),
		append([]byte{4, 255, 255, 255, 255, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 0, 15, 0, 0, 0, 4),
	}
}

func FuzzSetOps(f *testing.F) {
	for _, s := range worldSeeds() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		u, ps, ok := smallWorld(data)
		if !ok || len(ps) == 0 {
			return
		}
		// Summarize.
		for _, p := range ps {
			u.set(p, true)
		}
		if got, want := plan.Summarize(ps), u.prefixes(); !slices.Equal(got, want) {
			t.Fatalf("Summarize(%v) = %v; model says %v", ps, got, want)
		}
		// Supernet: the longest prefix holding every marked address.
		c, err := plan.Supernet(ps)
		if err != nil {
			t.Fatalf("Supernet(%v): %v", ps, err)
		}
		for i, in := range u.in {
			if in && !c.Prefix.Contains(u.addr(i)) {
				t.Fatalf("Supernet(%v) = %v misses %v", ps, c.Prefix, u.addr(i))
			}
		}
		if c.Covered != subnet.CountOf(uint64(u.count())) || c.Covered.Add(c.Extra) != subnet.Size(c.Prefix) {
			t.Fatalf("Supernet(%v) = %+v; model covers %d", ps, c, u.count())
		}
		if c.Prefix.Bits() < c.Prefix.Addr().BitLen() {
			half := netip.PrefixFrom(c.Prefix.Addr(), c.Prefix.Bits()+1)
			if !slices.ContainsFunc(ps, func(p netip.Prefix) bool { return !half.Contains(p.Addr()) || p.Bits() < half.Bits() }) {
				t.Fatalf("Supernet(%v) = %v, but %v also covers all", ps, c.Prefix, half)
			}
		}
		// Exclude the rest from the first.
		clear(u.in)
		u.set(ps[0], true)
		for _, p := range ps[1:] {
			u.set(p, false)
		}
		if got, want := plan.Exclude(ps[0], ps[1:]...), u.prefixes(); !slices.Equal(got, want) {
			t.Fatalf("Exclude(%v, %v) = %v; model says %v", ps[0], ps[1:], got, want)
		}
		// Gaps: what stays marked of the whole universe once ps are removed.
		for i := range u.in {
			u.in[i] = true
		}
		for _, p := range ps {
			u.set(p, false)
		}
		if got, want := plan.Gaps(u.base, ps), u.runs(); !slices.Equal(got, want) {
			t.Fatalf("Gaps(%v, %v) = %v; model says %v", u.base, ps, got, want)
		}
		// Range from the first address of one prefix to the last of another.
		first, last := ps[0].Addr(), netipx.PrefixLastIP(ps[len(ps)-1])
		if last.Less(first) {
			first, last = ps[len(ps)-1].Addr(), netipx.PrefixLastIP(ps[0])
		}
		if last.Less(first) {
			return
		}
		clear(u.in)
		u.setRange(first, last)
		got, err := plan.RangePrefixes(first, last)
		if want := u.prefixes(); err != nil || !slices.Equal(got, want) {
			t.Fatalf("RangePrefixes(%v, %v) = %v, %v; model says %v", first, last, got, err, want)
		}
	})
}

func FuzzSplit(f *testing.F) {
	f.Add([]byte{10, 0, 0, 0}, uint8(24), uint8(26), uint64(1), uint16(3))
	f.Add(make([]byte, 16), uint8(0), uint8(128), ^uint64(0), uint16(100))
	f.Add([]byte{255, 255, 255, 255}, uint8(20), uint8(32), uint64(4090), uint16(10))
	f.Fuzz(func(t *testing.T, raw []byte, bits, newBits uint8, offset uint64, limit uint16) {
		a, ok := netip.AddrFromSlice(raw)
		if !ok {
			return
		}
		p := netip.PrefixFrom(a, int(bits)%(a.BitLen()+1))
		s, err := plan.SplitBits(p, int(newBits))
		if err != nil {
			if int(newBits) >= p.Bits() && int(newBits) <= a.BitLen() {
				t.Fatalf("SplitBits(%v, %d): %v", p, newBits, err)
			}
			return
		}
		total := s.Total()
		if n, exact := total.Log2(); !exact || n != s.Bits()-p.Bits() {
			t.Fatalf("SplitBits(%v, %d).Total() = %v", p, newBits, total)
		}
		page := s.Page(subnet.CountOf(offset), int(limit%200))
		for k, q := range page {
			i := subnet.CountOf(offset).Add(subnet.CountOf(uint64(k)))
			if q != s.At(i) || !p.Contains(q.Addr()) || q.Bits() != s.Bits() || q != q.Masked() {
				t.Fatalf("SplitBits(%v, %d).Page(%d)[%d] = %v; At says %v", p, newBits, offset, k, q, s.At(i))
			}
			if j, ok := s.Index(q.Addr()); !ok || j != i {
				t.Fatalf("Index(%v) = %v, %v; want %v", q.Addr(), j, ok, i)
			}
			if k > 0 && page[k-1].Addr().Next() != q.Addr() && netipx.PrefixLastIP(page[k-1]).Next() != q.Addr() {
				t.Fatalf("Page not contiguous at %d: %v then %v", k, page[k-1], q)
			}
		}
		left, fits := total.Sub(subnet.CountOf(offset)).Uint64()
		if !fits {
			left = ^uint64(0)
		}
		if want := min(uint64(limit%200), left); uint64(len(page)) != want {
			t.Fatalf("SplitBits(%v, %d).Page(%d, %d) has %d; want %d", p, newBits, offset, limit%200, len(page), want)
		}
		// Brute force for small splits: walk every address.
		if n, _ := total.Log2(); n <= 10 && a.BitLen()-p.Bits() <= 12 {
			u := newUniverse(p)
			size := 1 << (a.BitLen() - s.Bits())
			var want []netip.Prefix
			for i := 0; i < len(u.addrs); i += size {
				want = append(want, netip.PrefixFrom(u.addr(i), s.Bits()))
			}
			if got := slices.Collect(s.All()); !slices.Equal(got, want) {
				t.Fatalf("SplitBits(%v, %d).All() = %v; model says %v", p, newBits, got, want)
			}
		}
	})
}

func FuzzVLSM(f *testing.F) {
	f.Add([]byte{10, 0, 0, 0}, uint8(24), []byte{50, 100, 2, 20})
	f.Add(make([]byte, 16), uint8(118), []byte{1, 2, 3, 128, 255})
	f.Fuzz(func(t *testing.T, raw []byte, bits uint8, hosts []byte) {
		a, ok := netip.AddrFromSlice(raw)
		if !ok || len(hosts) > 64 {
			return
		}
		within := netip.PrefixFrom(a, a.BitLen()-int(bits)%13).Masked()
		reqs := make([]plan.Request, len(hosts))
		for i, h := range hosts {
			reqs[i] = plan.Request{Name: "r" + string(rune('a'+i%26)), Hosts: uint64(h)}
		}
		l, err := plan.VLSM(within, reqs)
		if err != nil {
			return
		}
		u := newUniverse(within)
		waste := subnet.Count{}
		for _, al := range l.Allocations {
			if !within.Contains(al.Prefix.Addr()) || al.Prefix != al.Prefix.Masked() {
				t.Fatalf("VLSM(%v, %v): %v outside or unaligned", within, hosts, al.Prefix)
			}
			in, _ := subnet.FromPrefix(al.Prefix).Info(subnet.CloudNone)
			if al.Usable.Cmp(subnet.CountOf(al.Hosts)) < 0 {
				t.Fatalf("VLSM(%v, %v): %v holds %v < %d", within, hosts, al.Prefix, al.Usable, al.Hosts)
			}
			if a.Is4() && al.Prefix.Bits() <= 30 && al.Usable != in.Usable {
				t.Fatalf("VLSM usable %v; Info says %v", al.Usable, in.Usable)
			}
			for i, addr := range u.addrs {
				if al.Prefix.Contains(addr) {
					if u.in[i] {
						t.Fatalf("VLSM(%v, %v): %v overlaps another allocation", within, hosts, al.Prefix)
					}
					u.in[i] = true
				}
			}
			waste = waste.Add(al.Spare)
		}
		for _, p := range l.Free {
			u.set(p, true)
		}
		if u.count() != len(u.addrs) || waste != l.Waste {
			t.Fatalf("VLSM(%v, %v): allocations and free space cover %d of %d, waste %v vs %v", within, hosts, u.count(), len(u.addrs), waste, l.Waste)
		}
	})
}

func FuzzOverlaps(f *testing.F) {
	for _, s := range worldSeeds() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		_, ps, ok := smallWorld(data)
		if !ok {
			return
		}
		nets := make([]plan.Named, len(ps))
		for i, p := range ps {
			nets[i] = plan.Named{Name: "n" + strconv.Itoa(i), Prefix: p}
		}
		checkOverlaps(t, nets)
	})
}

func FuzzLookup(f *testing.F) {
	for _, s := range worldSeeds() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		u, ps, ok := smallWorld(data)
		if !ok {
			return
		}
		var routes []plan.Route
		seen := map[netip.Prefix]bool{}
		for i, p := range ps {
			if seen[p] {
				continue
			}
			seen[p] = true
			r := plan.Route{Prefix: p, Interface: "if" + string(rune('0'+i%10))}
			if i%2 == 1 {
				r.NextHop = u.addr(i % len(u.addrs))
			}
			routes = append(routes, r)
		}
		table, err := plan.NewTable(routes)
		if err != nil {
			t.Fatalf("NewTable(%v): %v", routes, err)
		}
		for _, dst := range u.addrs {
			h, ok := table.Lookup(dst)
			want, wantOK := lookupModel(routes, dst)
			if ok != wantOK || h.Route != want {
				t.Fatalf("Lookup(%v) = %v, %v; model says %v, %v", dst, h.Route, ok, want, wantOK)
			}
		}
	})
}

func FuzzParseList(f *testing.F) {
	f.Add("home = 192.168.1.0/24 # lan\n10.0.0.1\n\nvpc = 10.0.0.5-10.0.0.9\n")
	f.Add("= 1\r\n010.0.0.1/8\nx = y = z\n2001:db8::/32\n::ffff:1.2.3.4/120")
	f.Fuzz(func(t *testing.T, text string) {
		entries, errs := plan.ParseList(text)
		lines := strings.Count(text, "\n") + 1
		var rebuilt strings.Builder
		for _, e := range entries {
			if e.Line < 1 || e.Line > lines || len(e.Prefixes()) == 0 {
				t.Fatalf("ParseList(%q): bad entry %+v", text, e)
			}
			if e.Name != "" {
				rebuilt.WriteString(e.Name + " = ")
			}
			rebuilt.WriteString(e.Text + "\n")
		}
		for _, le := range errs {
			if le.Line < 1 || le.Line > lines || le.Err == nil {
				t.Fatalf("ParseList(%q): bad error %+v", text, le)
			}
		}
		again, errs2 := plan.ParseList(rebuilt.String())
		if len(errs2) != 0 || len(again) != len(entries) {
			t.Fatalf("ParseList(%q) rebuilt as %q: %d entries, %v", text, rebuilt.String(), len(again), errs2)
		}
		for i := range again {
			a, b := again[i], entries[i]
			if a.Name != b.Name || a.Text != b.Text || a.Subnet != b.Subnet || a.Range != b.Range {
				t.Fatalf("round trip of %+v gave %+v", b, a)
			}
		}
	})
}

func FuzzParseRequests(f *testing.F) {
	f.Add("office = 50 # upstairs\nlab = 12 hosts\n\n20\r\nhall=1 host\n")
	f.Add("= 5\nx = 0\nfifty\ny = -3\nz = 18446744073709551616\na = b = 4\n#only\n")
	f.Fuzz(func(t *testing.T, text string) {
		reqs, lines, errs := plan.ParseRequests(text)
		all := strings.Split(text, "\n")
		if len(lines) != len(reqs) {
			t.Fatalf("ParseRequests(%q): %d requests but %d lines", text, len(reqs), len(lines))
		}
		var rebuilt strings.Builder
		for i, r := range reqs {
			if lines[i] < 1 || lines[i] > len(all) || i > 0 && lines[i] <= lines[i-1] {
				t.Fatalf("ParseRequests(%q): request %d on line %d", text, i, lines[i])
			}
			if r.Hosts == 0 || r.Name == "" || strings.ContainsAny(r.Name, "=#\n") || strings.TrimSpace(r.Name) != r.Name {
				t.Fatalf("ParseRequests(%q): bad request %+v", text, r)
			}
			rebuilt.WriteString(r.Name + " = " + strconv.FormatUint(r.Hosts, 10) + "\n")
		}
		for _, le := range errs {
			if le.Line < 1 || le.Line > len(all) || le.Text != strings.TrimSuffix(all[le.Line-1], "\r") {
				t.Fatalf("ParseRequests(%q): error %+v names the wrong line", text, le)
			}
			value, _, _ := strings.Cut(le.Text, "#")
			msg := le.Err.Error()
			if quoted := strings.Index(msg, `"`); quoted >= 0 && !strings.HasPrefix(msg, `nothing before "="`) {
				q, err := strconv.QuotedPrefix(msg[quoted:])
				if uq, _ := strconv.Unquote(q); err != nil || !strings.Contains(value, uq) && !strings.HasPrefix(uq, "subnet ") {
					t.Fatalf("ParseRequests(%q): error %q does not quote line %q", text, msg, le.Text)
				}
			}
		}
		again, _, errs2 := plan.ParseRequests(rebuilt.String())
		if len(errs2) != 0 || !slices.Equal(again, reqs) {
			t.Fatalf("ParseRequests(%q) rebuilt as %q gave %+v, %v; want %+v", text, rebuilt.String(), again, errs2, reqs)
		}
	})
}
