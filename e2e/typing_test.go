//go:build browser

package e2e

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// recordTyping watches the page while a test types: every error shown under
// the input named input, and the smallest height of the page, at every
// frame and mutation.
func recordTyping(b *browser, input string) {
	b.t.Helper()
	eval[bool](b, fmt.Sprintf(`(() => {
		window.__typing = {errors: [], minHeight: document.documentElement.scrollHeight, staleFor: []};
		const input = document.querySelector('input[name=%q]');
		const look = () => {
			const t = window.__typing;
			const msg = document.getElementById(input.getAttribute('aria-describedby'));
			const err = msg && msg.querySelector('.error');
			if (err && err.checkVisibility()) t.errors.push(input.value + ' → ' + err.textContent);
			t.minHeight = Math.min(t.minHeight, document.documentElement.scrollHeight);
			const stale = document.querySelector('[data-stale-for]');
			if (stale && !t.staleFor.includes(stale.dataset.staleFor)) t.staleFor.push(stale.dataset.staleFor);
		};
		const frame = () => { look(); requestAnimationFrame(frame); };
		requestAnimationFrame(frame);
		new MutationObserver(look).observe(document, {subtree: true, childList: true, characterData: true, attributes: true});
		return true;
	})()`, input))
}

type typingRecord struct {
	Errors    []string `json:"errors"`
	MinHeight float64  `json:"minHeight"`
	StaleFor  []string `json:"staleFor"`
}

// TestTypingKeepsTheLastAnswer types a new address, subnet and query key by
// key into the running app: no error flashes on the way, the page keeps its
// height (the last answer stays, dimmed and marked as for its input), and an
// incomplete input left alone shows its error after a pause. The typing
// stops once where the input is incomplete until the page shows the last
// answer as stale: keys typed in one go may all reach the app before it
// renders, on a busy machine as on a slow phone, and the page then rightly
// shows no state in between.
func TestTypingKeepsTheLastAnswer(t *testing.T) {
	s := siteServer(t)
	b := sharedTab(t)
	for _, tt := range []struct {
		link, input        string
		incomplete, finish string // typed one after the other
		field, want, rest  string
	}{
		{"addr?ip=10.1.2.3", "ip", "8.8.", "8.8", "canonical", "8.8.8.8", "1.2.3"},
		{"subnet?net=192.168.1.0/24", "net", "10.20.0.0/", "16", "network", "10.20.0.0", "10.20.0.0/"},
		{"ports?q=5432", "q", "10.0.0.5:", "8080", "port", "8080", "10.0.0.5:"},
	} {
		typed := tt.incomplete + tt.finish
		b.do(chromedp.Navigate(s.URL + tt.link))
		b.waitLive()
		height := eval[float64](b, `document.documentElement.scrollHeight`)
		recordTyping(b, tt.input)
		b.typeKeys(tt.input, tt.incomplete)
		for start := time.Now(); len(eval[typingRecord](b, `window.__typing`).StaleFor) == 0; time.Sleep(20 * time.Millisecond) {
			if time.Since(start) > 20*time.Second {
				t.Fatalf("%s: typing %q never showed the last answer as for its input", tt.link, tt.incomplete)
			}
		}
		b.appendKeys(tt.input, tt.finish)
		b.waitField(tt.field, tt.want)
		rec := eval[typingRecord](b, `window.__typing`)
		if len(rec.Errors) > 0 {
			t.Errorf("%s: typing %q showed errors on the way: %q", tt.link, typed, rec.Errors)
		}
		if rec.MinHeight < height*0.8 {
			t.Errorf("%s: typing %q shrank the page from %.0f to %.0f px", tt.link, typed, height, rec.MinHeight)
		}
		if got := b.field(tt.field); got != tt.want || eval[int](b, `document.querySelectorAll('[data-stale-for]').length`) != 0 {
			t.Errorf("%s: after typing %q, %s = %q with a stale answer shown", tt.link, typed, tt.field, got)
		}

		// Left incomplete, the input says what is wrong after a pause.
		b.typeKeys(tt.input, tt.rest)
		start := time.Now()
		msg := fmt.Sprintf(`document.getElementById(document.querySelector('input[name=%q]').getAttribute('aria-describedby')).querySelector('.error')`, tt.input)
		for eval[bool](b, msg+` === null`) {
			if time.Since(start) > 20*time.Second {
				t.Fatalf("%s: %q left alone shows no error", tt.link, tt.rest)
			}
			time.Sleep(50 * time.Millisecond)
		}
		if got := eval[string](b, fmt.Sprintf(`document.querySelector('input[name=%q]').getAttribute('aria-invalid')`, tt.input)); got != "true" {
			t.Errorf("%s: %q left alone: aria-invalid = %q", tt.link, tt.rest, got)
		}
		if text := eval[string](b, msg+`.textContent`); !strings.Contains(text, tt.rest) {
			t.Errorf("%s: the error %q does not quote %q", tt.link, text, tt.rest)
		}
	}
}
