//go:build browser

package e2e

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/netground/netground/core/k8s"
	"github.com/netground/netground/core/scenario"
)

// k8slabWant returns the verdicts the core gives a scenario: starting the
// deployments, then each action.
func k8slabWant(t *testing.T, s k8s.Scenario) []string {
	tr, err := k8s.Run(s)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{tr.Setup.Verdict.String()}
	for _, st := range tr.Steps {
		want = append(want, st.Result.Verdict.String())
	}
	return want
}

// k8slabTexts returns the texts of every element with data-field=name.
func k8slabTexts(b *browser, name string) []string {
	b.t.Helper()
	return eval[[]string](b, `[...document.querySelectorAll('[data-field=`+name+`]')].map(e => e.textContent)`)
}

func TestK8slabEveryPresetLink(t *testing.T) {
	t.Parallel()
	s := siteServer(t)
	b := sharedTab(t)
	for _, p := range k8s.Presets() {
		b.do(chromedp.Navigate(s.URL + "k8s?preset=" + p.Name))
		steps := bindlabWaitSteps(b, k8slabWant(t, p.Scenario))
		// A preset opens on its symptom: the failing step is the headline.
		symptom := steps[p.Story.Symptom]
		if got, at := b.field("verdict"), b.field("step"); got != symptom.Verdict || at != fmt.Sprint(p.Story.Symptom) || got == "connected" || got == "done" {
			t.Errorf("%s: step %s, verdict %q; want the symptom, step %d, %q, a failure", p.Name, at, got, p.Story.Symptom, symptom.Verdict)
		}
		if len(k8slabTexts(b, "finding")) == 0 {
			t.Errorf("%s: no findings", p.Name)
		}
		switch p.Name {
		case "saved-pod-ip":
			if st := steps[3]; st.Verdict == "connected" || !strings.Contains(st.Action, "10.244.1.2:8080") || !strings.Contains(st.Reasons, "web-1") {
				t.Errorf("%s: the saved pod IP after the restart: %+v; want a failure naming the old pod", p.Name, st)
			}
			if st := steps[4]; st.Verdict != "connected" || !strings.Contains(st.Action, "web:80") {
				t.Errorf("%s: the Service name after the restart: %+v; want connected", p.Name, st)
			}
			if got := b.field("dns-name"); got != "web.default.svc.cluster.local" {
				t.Errorf("%s: dns-name = %q", p.Name, got)
			}
			if got := b.field("cluster-ip"); got != "10.96.0.2" {
				t.Errorf("%s: cluster-ip = %q", p.Name, got)
			}
			if got := k8slabTexts(b, "endpoint"); len(got) != 1 || !strings.HasPrefix(got[0], "10.244.0.3:8080") {
				t.Errorf("%s: endpoints = %q; want the new pod's address", p.Name, got)
			}
			if got := b.field("verdict"); got != "no route" {
				t.Errorf("%s: the default preset headlines %q; want no route, the saved address failing", p.Name, got)
			}
		case "nodeport":
			if st := steps[1]; st.Verdict != "timed out" {
				t.Errorf("%s: ClusterIP from outside: %+v; want timed out", p.Name, st)
			}
			if st := steps[5]; st.Verdict != "connected" || !strings.Contains(st.Reasons, "NodePort") {
				t.Errorf("%s: NodePort from outside: %+v; want connected", p.Name, st)
			}
		case "cidr-exhausted":
			if !strings.Contains(strings.Join(k8slabTexts(b, "finding"), " "), "node-e gets no pod CIDR") {
				t.Errorf("%s: findings %q do not report node-e", p.Name, k8slabTexts(b, "finding"))
			}
			if got := b.field("verdict"); got != "pending" {
				t.Errorf("%s: verdict %q; want pending", p.Name, got)
			}
		case "cidr-overlap":
			if !strings.Contains(strings.Join(k8slabTexts(b, "finding"), " "), "office VPN") {
				t.Errorf("%s: findings %q do not report the VPN overlap", p.Name, k8slabTexts(b, "finding"))
			}
		}
	}
}

func TestK8slabRestartChangesPodIP(t *testing.T) {
	t.Parallel()
	s := siteServer(t)
	b := sharedTab(t)
	p := k8s.Presets()[0]
	b.do(chromedp.Navigate(s.URL + "k8s?preset=" + p.Name))
	before := bindlabWaitSteps(b, k8slabWant(t, p.Scenario))
	ips := k8slabTexts(b, "pod-ip")
	bindlabClick(b, `button[data-action="restart-pod"][aria-label="Restart pod web-2"]`)
	b.waitFieldPrefix("latest-action", "restart pod web-2")
	if got := b.field("verdict"); got != "done" {
		t.Errorf("verdict = %q; want done", got)
	}
	after := k8slabTexts(b, "pod-ip")
	if len(after) != len(ips) || after[len(after)-1] == "10.244.0.3" {
		t.Errorf("pod IPs %q after the restart; before %q: want web-2's replacement on a new address", after, ips)
	}
	if got := len(bindlabSteps(b)); got != len(before)+1 {
		t.Errorf("%d steps; want %d", got, len(before)+1)
	}
	// The Service follows: connecting by name still works.
	bindlabSelect(b, "connect-from", "deploy:client")
	b.typeInto("connect-to", "web.default.svc.cluster.local:80")
	bindlabClick(b, `button[data-action="connect"]`)
	b.waitField("verdict", "connected")
	if !strings.Contains(b.location(), "#s=1.") {
		t.Errorf("location = %q; want the scenario in the fragment", b.location())
	}
	// An invalid target is reported at its field.
	b.typeInto("connect-to", "web")
	bindlabClick(b, `button[data-action="connect"]`)
	deadline := time.Now().Add(30 * time.Second)
	msg := ""
	for time.Now().Before(deadline) && !strings.Contains(msg, "HOST:PORT") {
		msg = eval[string](b, `(document.querySelector('#connect-to-error [data-field=error]') || {textContent: ""}).textContent`)
		time.Sleep(50 * time.Millisecond)
	}
	if !strings.Contains(msg, "HOST:PORT") {
		t.Errorf("error under connect-to = %q", msg)
	}
}

func TestK8slabTamperedLinks(t *testing.T) {
	t.Parallel()
	s := siteServer(t)
	b := sharedTab(t)
	def := k8s.Presets()[0]
	state, _ := json.Marshal(k8s.Scenario{V: k8s.Version})
	frag, err := scenario.Fragment(scenario.Document{Widget: scenario.WidgetK8s, State: state})
	if err != nil {
		t.Fatal(err)
	}
	bindState, _ := json.Marshal(map[string]int{"v": 1})
	foreign, _ := scenario.Fragment(scenario.Document{Widget: scenario.WidgetBind, State: bindState})
	for _, tc := range []struct{ path, want string }{
		{"k8s#s=1.zz" + strings.Repeat("Q", 30), "s:"},
		{"k8s#" + frag, "nodes"},
		{"k8s#" + foreign, "bind"},
		{"k8s?preset=nope", "preset=nope"},
	} {
		b.do(chromedp.Navigate(s.URL + tc.path))
		got := ""
		deadline := time.Now().Add(30 * time.Second)
		for time.Now().Before(deadline) && !strings.Contains(got, tc.want) {
			time.Sleep(50 * time.Millisecond)
			got = b.field("link-problem")
		}
		if !strings.Contains(got, tc.want) {
			t.Errorf("%s: link-problem = %q; want it to mention %q", tc.path, got, tc.want)
		}
		bindlabWaitSteps(b, k8slabWant(t, def.Scenario))
	}
}

func TestK8slabEmbed(t *testing.T) {
	t.Parallel()
	s := siteServer(t)
	b := sharedTab(t)
	p := k8s.Presets()[2]
	b.do(chromedp.Navigate(s.URL + "embed/k8s?preset=" + p.Name + "&readonly=1"))
	bindlabWaitSteps(b, k8slabWant(t, p.Scenario))
	if eval[bool](b, `!!document.querySelector('.site-header')`) {
		t.Error("the embed page has the site header")
	}
	if !eval[bool](b, `[...document.querySelectorAll('input, select, button[data-action], button[data-preset]')].every(e => e.disabled || e.closest('fieldset[disabled]') || e.closest('.lab-step-controls'))`) {
		t.Error("readonly=1 left controls enabled")
	}
}

// TestK8slabAccessibility runs axe-core on the lab's pages.
func TestK8slabAccessibility(t *testing.T) {
	t.Parallel()
	labAxe(t, []string{"k8s?preset=saved-pod-ip", "k8s?preset=cidr-overlap", "embed/k8s?preset=nodeport", "k8s?preset=nope"})
}

// TestK8sStepping steps through the default preset with the buttons and the
// keyboard; the link follows, back and forward restore the step, and a
// reload keeps it.
func TestK8sStepping(t *testing.T) {
	t.Parallel()
	first, second := k8s.Presets()[1], k8s.Presets()[0]
	labStepTour(t, "k8s", first.Name, len(first.Scenario.Actions), first.Story.Symptom, second.Name, second.Story.Symptom)
}
