package natlab

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/netground/netground/core/nat"
	"github.com/netground/netground/core/scenario"
)

// TestWholePresetIsThePreset: a link that carries a preset's scenario whole
// (as the library opens a saved preset) opens as that preset; the same
// scenario with one more step does not.
func TestWholePresetIsThePreset(t *testing.T) {
	for _, p := range nat.Presets() {
		doc, err := document(p.Scenario)
		if err != nil {
			t.Fatal(err)
		}
		frag, err := scenario.Fragment(doc)
		if err != nil {
			t.Fatal(err)
		}
		st, problems := readLink(url.Values{}, frag, nil)
		if st.Preset != p.Name || len(problems) > 0 {
			t.Errorf("%s whole: preset %q, problems %v; want %q and none", p.Name, st.Preset, problems, p.Name)
		}
		more := p.Scenario
		more.Steps = append(append([]nat.Step(nil), p.Scenario.Steps...), nat.Step{Kind: nat.StepAdvance, By: time.Second})
		doc, err = document(more)
		if err != nil {
			t.Fatal(err)
		}
		frag, _ = scenario.Fragment(doc)
		if st, _ := readLink(url.Values{}, frag, nil); st.Preset != "" {
			t.Errorf("%s with one more step: preset %q; want none", p.Name, st.Preset)
		}
		if !strings.Contains(strings.Join(PresetNames(), " "), p.Name) {
			t.Errorf("PresetNames lacks %s", p.Name)
		}
	}
}
