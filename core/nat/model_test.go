package nat_test

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/netground/netground/core/nat"
)

// TestSequentialPoolModel compares sequential port assignment, reuse,
// expiry and exhaustion against a slow, obviously correct model: a
// [65536]bool of used ports, a cursor, and a loop.
func TestSequentialPoolModel(t *testing.T) {
	const lo, hi, timeout = 2000, 2015, time.Minute
	r := rand.New(rand.NewPCG(9, 10))
	for iter := range 50 {
		sim := newSim(t, home(nat.Behavior{Ports: nat.PortSequential, PortMin: lo, PortMax: hi, UDPTimeout: timeout}))
		type mapping struct {
			pub  uint16
			last time.Duration
		}
		var (
			used   [65536]bool
			cursor = uint16(lo)
			live   = map[uint16]mapping{} // laptop source port → mapping
			now    time.Duration
		)
		for op := range 200 {
			if r.IntN(4) == 0 {
				by := time.Duration(1+r.IntN(70)) * time.Second
				now += by
				apply(t, sim, advance(by))
				for src, m := range live {
					if now-m.last >= timeout {
						used[m.pub] = false
						delete(live, src)
					}
				}
				continue
			}
			src := uint16(1 + r.IntN(40))
			want, ok := live[src]
			if ok {
				want.last = now
			} else {
				for i := range hi - lo + 1 {
					p := lo + (cursor-lo+uint16(i))%(hi-lo+1)
					if !used[p] {
						want, ok = mapping{p, now}, true
						used[p] = true
						cursor = p + 1
						if p == hi {
							cursor = lo
						}
						break
					}
				}
			}
			tr := apply(t, sim, send("laptop", nat.UDP, src, "93.184.216.34:80"))
			if !ok {
				if tr.Outcome() != nat.PoolExhausted {
					t.Fatalf("iter %d op %d: send from %d: outcome %v; model says the pool is exhausted", iter, op, src, tr.Outcome())
				}
				continue
			}
			live[src] = want
			if got := outside(t, tr).Port(); got != want.pub {
				t.Fatalf("iter %d op %d: send from %d got public port %d; model says %d", iter, op, src, got, want.pub)
			}
		}
	}
}
