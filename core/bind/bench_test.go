package bind_test

import (
	"fmt"
	"math/rand/v2"
	"net/netip"
	"testing"

	"github.com/netground/netground/core/bind"
)

// largeScenario has 64 containers with 3 sockets each and 60 host sockets.
func largeScenario() bind.Scenario {
	s := bind.Scenario{V: bind.Version}
	for i := range bind.MaxContainers {
		name := fmt.Sprintf("c%d", i)
		s.Containers = append(s.Containers, bind.Container{Name: name})
		for j, a := range []netip.Addr{any4, lo4, any6} {
			s.Sockets = append(s.Sockets, bind.Socket{Process: "app", In: name, Addr: a, Port: 8000 + j, V6Only: map[bool]bind.Toggle{true: bind.On, false: bind.Default}[a.Is6()]})
		}
	}
	for i := range 60 {
		s.Sockets = append(s.Sockets, bind.Socket{Process: "svc", Addr: []netip.Addr{any4, lo4, lan}[i%3], Port: 9000 + i})
	}
	return s
}

func BenchmarkMatrixLarge(b *testing.B) {
	tr, err := bind.Run(largeScenario())
	if err != nil {
		b.Fatal(err)
	}
	m := tr.Initial.Matrix()
	b.ReportMetric(float64(len(m.Vantages)*len(m.Targets)), "cells")
	for b.Loop() {
		tr.Initial.Matrix()
	}
}

func BenchmarkRun1000(b *testing.B) {
	s := randomScenario(rand.New(rand.NewPCG(3, 3)), bind.MaxActions)
	for b.Loop() {
		if _, err := bind.Run(s); err != nil {
			b.Fatal(err)
		}
	}
}
