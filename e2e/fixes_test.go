//go:build browser

package e2e

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/netground/netground/core/bind"
	"github.com/netground/netground/core/practice"
)

// choiceFirst returns a seed whose set on topics at level 1 opens on a
// multiple-choice question.
func choiceFirst(t *testing.T, topics []practice.Topic) (uint64, practice.Set) {
	t.Helper()
	for seed := uint64(1); seed < 500; seed++ {
		set := practiceSet(seed, topics, 1)
		if set.Questions[0].Kind == practice.Choice {
			return seed, set
		}
	}
	t.Fatalf("no set on %v opens on a multiple-choice question", topics)
	return 0, practice.Set{}
}

// TestPracticeNotAChoiceAsksAgain: text that names no choice is not scored;
// the page says why, and a real choice is scored afterwards.
func TestPracticeNotAChoiceAsksAgain(t *testing.T) {
	t.Parallel()
	s := startServer(t, *distDir, "/")
	b := newBrowser(t)
	topics := []practice.Topic{practice.TopicBind}
	seed, set := choiceFirst(t, topics)
	b.do(chromedp.Navigate(s.URL + fmt.Sprintf("practice?topics=bind&level=1&seed=%d", seed)))
	b.waitLive()
	answerCurrent(t, b, set, 1, "10.0.0.1")
	b.waitFieldPrefix("not-counted", `not counted: "10.0.0.1" is not one of the choices`)
	b.waitField("answered", "0")
	b.waitField("streak", "0")
	if n := eval[int](b, `document.querySelectorAll('[data-field=feedback]').length`); n != 0 {
		t.Errorf("text naming no choice got a verdict")
	}
	answerCurrent(t, b, set, 1, "")
	b.waitFieldPrefix("feedback", "correct")
	b.waitField("answered", "1")
	if n := eval[int](b, `document.querySelectorAll('[data-field=not-counted]').length`); n != 0 {
		t.Errorf("the not-counted note stays after a real choice")
	}
}

// TestPracticeSaveAndReopen: a practice set saves into the library under its
// own name and reopens as the same set.
func TestPracticeSaveAndReopen(t *testing.T) {
	t.Parallel()
	s := startServer(t, *distDir, "/")
	b := newBrowser(t)
	b.do(chromedp.Navigate(s.URL + "practice?topics=nat,subnet&level=2&seed=4242"))
	b.waitLive()
	b.waitField("total", "10")
	name := "Practice set 4242, level 2: Subnet facts, NAT"
	if got := eval[string](b, `document.querySelector('input[name=save-name]').placeholder`); got != name {
		t.Errorf("default name = %q; want %q", got, name)
	}
	b.do(chromedp.Click(chromedp.CSS(`button[name=save]`)))
	b.waitFieldPrefix("save-status", `Saved "`+name+`"`)

	b.do(chromedp.Navigate(s.URL + "library"))
	b.waitRows(1)
	b.do(chromedp.Click(chromedp.CSS(`a[data-field=scenario-name]`)))
	b.waitLive()
	waitInputValue(b, "seed", "4242")
	if loc := b.location(); !strings.Contains(loc, "/practice") || !strings.Contains(loc, "lib=") {
		t.Errorf("open went to %s", loc)
	}
	if got := eval[string](b, `[...document.querySelectorAll('input[name=topics]:checked')].map(e => e.value).join(',')`); got != "subnet,nat" {
		t.Errorf("reopened topics = %q; want subnet,nat", got)
	}
	if got := eval[string](b, `document.querySelector('select[name=level]').value`); got != "2" {
		t.Errorf("reopened level = %q; want 2", got)
	}
	set := practiceSet(4242, []practice.Topic{practice.TopicSubnet, practice.TopicNAT}, 2)
	b.waitField("question", set.Questions[0].Text)
	waitInputValue(b, "save-name", name)
}

// TestLibraryKeepsLabStep: a lab saved at a step reopens at that step, under
// its scenario's own name.
func TestLibraryKeepsLabStep(t *testing.T) {
	t.Parallel()
	s := startServer(t, *distDir, "/")
	b := newBrowser(t)
	natOpen(t, b, s.URL, "nat?preset=cgnat&step=3", "3")
	name := "Double NAT behind a carrier-grade NAT"
	if got := eval[string](b, `document.querySelector('input[name=save-name]').placeholder`); got != name {
		t.Errorf("NAT default name = %q; want %q", got, name)
	}
	b.do(chromedp.Click(chromedp.CSS(`button[name=save]`)))
	b.waitFieldPrefix("save-status", `Saved "`+name+`"`)

	var bp bind.Preset
	for _, p := range bind.Presets() {
		if len(p.Scenario.Actions) >= 2 {
			bp = p
			break
		}
	}
	b.do(chromedp.Navigate(s.URL + "bind?preset=" + bp.Name + "&step=1"))
	b.waitLive()
	if got := eval[string](b, `document.querySelector('input[name=save-name]').placeholder`); got != bp.Title {
		t.Errorf("Bind default name = %q; want %q", got, bp.Title)
	}
	b.do(chromedp.Click(chromedp.CSS(`button[name=save]`)))
	b.waitFieldPrefix("save-status", `Saved "`+bp.Title+`"`)

	for _, tc := range []struct{ name, path, step string }{{name, "/nat", "3"}, {bp.Title, "/bind", "1"}} {
		b.do(chromedp.Navigate(s.URL + "library"))
		b.waitRows(2)
		b.do(chromedp.Click(chromedp.CSS(fmt.Sprintf(`[data-field=scenario-row] a[data-field=scenario-name][href^=%q]`, tc.path))))
		b.waitLive()
		waitInputValue(b, "save-name", tc.name)
		if tc.path == "/nat" {
			b.waitField("step", tc.step)
		}
		u, err := url.Parse(b.location())
		if err != nil || u.Path != tc.path || u.Query().Get("step") != tc.step {
			t.Errorf("%s reopened at %s; want step=%s", tc.name, b.location(), tc.step)
		}
	}
}
