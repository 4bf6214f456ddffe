//go:build browser

package e2e

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBackAndForwardOnEveryPage: on each page whose state has a deliberate
// step (a preset, a new practice set), the step is a history entry, and
// back and forward show the state of the link they return to. The Subnet
// (cloud), Plan (mode), Bind (preset) and Address pages have theirs in
// their own tests.
func TestBackAndForwardOnEveryPage(t *testing.T) {
	t.Parallel()
	s := siteServer(t)
	tests := []struct {
		link   string
		click  string // the selector of the step's button
		field  string // a field whose text tells the two states apart
		before string // the field's text at link; "" reads it
		param  string // what the URL holds after the step
	}{
		{"nat?preset=home", `button[data-preset="cgnat"]`, "scenario-name", "", "preset=cgnat"},
		{"k8s?preset=saved-pod-ip", `button[data-preset="nodeport"]`, "lesson", "", "preset=nodeport"},
		// Two sets may share their first question, the one shown: the
		// seed tells them apart.
		{"practice?seed=7&topics=subnet", `button[data-action="new-set"]`, "seed.value", "", "seed="},
	}
	for _, tt := range tests {
		t.Run(strings.SplitN(tt.link, "?", 2)[0], func(t *testing.T) {
			b := sharedTab(t)
			b.do(chromedp.Navigate(s.URL + tt.link))
			b.waitLive()
			before := waitFieldNot(b, tt.field, "")
			start := b.location()
			if !eval[bool](b, fmt.Sprintf(`(() => { const e = document.querySelector(%q); if (!e) return false; e.click(); return true })()`, tt.click)) {
				t.Fatalf("nothing matches %s", tt.click)
			}
			after := waitFieldNot(b, tt.field, before)
			stepped := b.location()
			if stepped == start || !strings.Contains(stepped, tt.param) {
				t.Fatalf("after the step the URL is %q; want a new one holding %q", stepped, tt.param)
			}
			b.do(chromedp.NavigateBack())
			waitFieldIs(b, tt.field, before)
			if got := b.location(); got != start {
				t.Errorf("back: URL %q; want %q", got, start)
			}
			b.do(chromedp.NavigateForward())
			waitFieldIs(b, tt.field, after)
			if got := b.location(); got != stepped {
				t.Errorf("forward: URL %q; want %q", got, stepped)
			}
		})
	}
}

// waitFieldNot waits until data-field=name shows text other than old and
// returns it.
func waitFieldNot(b *browser, name, old string) string {
	b.t.Helper()
	for range 600 {
		if got := fieldText(b, name); got != "" && got != old {
			return got
		}
		b.do(chromedp.Sleep(50e6))
	}
	b.t.Fatalf("data-field %q still shows %q", name, old)
	return ""
}

// waitFieldIs waits until fieldText(name) is want.
func waitFieldIs(b *browser, name, want string) {
	b.t.Helper()
	got := ""
	for range 600 {
		if got = fieldText(b, name); got == want {
			return
		}
		b.do(chromedp.Sleep(50e6))
	}
	b.t.Fatalf("data-field %q shows %q; want %q", name, got, want)
}

// fieldText is b.field(name), or with a trailing ".value" the value of
// that input.
func fieldText(b *browser, name string) string {
	b.t.Helper()
	if n, ok := strings.CutSuffix(name, ".value"); ok {
		return eval[string](b, fmt.Sprintf(`(document.querySelector('[data-field=%q]') || {value: ""}).value`, n))
	}
	return b.field(name)
}
