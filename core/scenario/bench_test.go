package scenario_test

import (
	"testing"

	"github.com/netground/netground/core/scenario"
)

func BenchmarkFragment(b *testing.B) {
	for _, bc := range []struct {
		name string
		doc  scenario.Document
	}{
		{"nat-small", natDoc()},
		{"nat-100-devices", bigNAT(100)},
		{"plan-1000-lines", scenario.NewDocument(scenario.PlanState{List: planList(1000)}, "")},
	} {
		f, err := scenario.Fragment(bc.doc)
		if err != nil {
			b.Fatal(err)
		}
		b.Run("encode/"+bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := scenario.Fragment(bc.doc); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("decode/"+bc.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(f)))
			for b.Loop() {
				if _, err := scenario.DecodeFragment(f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkParsePlanState(b *testing.B) {
	raw := scenario.PlanState{Mode: scenario.PlanOverlap, List: planList(1000)}.Encode()
	b.ReportAllocs()
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		q, _ := scenario.SplitQuery(raw)
		scenario.ParsePlanState(q)
	}
}
