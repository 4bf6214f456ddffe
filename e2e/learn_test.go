//go:build browser

package e2e

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/netground/netground/core/course"
	"github.com/netground/netground/core/practice"
	"github.com/netground/netground/wasm/page/learn"
)

// widgetAnswer names, for each widget's page, the fields that show its
// answer: the embedded widget has computed when one of them holds text.
var widgetAnswer = map[string][]string{
	"/addr":   {"canonical"},
	"/subnet": {"network"},
	"/ports":  {"port", "service"},
	"/nat":    {"outcome"},
	"/bind":   {"verdict"},
	"/k8s":    {"verdict"},
}

// A chapter page starts an app in every widget's frame: on a busy machine
// it takes longer than the harness's minute, so these tests wait longer.
const learnTimeout = 4 * time.Minute

// slow runs actions as do does, with learnTimeout.
func (b *browser) slow(actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, learnTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		b.t.Fatalf("browser: %v", err)
	}
}

// evalSlow is eval with learnTimeout.
func evalSlow[T any](b *browser, expr string) T {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, learnTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		b.t.Fatalf("evaluating %s: %v", expr, err)
	}
	return v
}

// withoutWidgetFrames makes the chapter pages the tab opens from now on,
// until the test ends, leave their widgets' frames empty (about:blank),
// keeping the frame's link in data-test-src: each frame starts an app of
// its own, which a test of the questions, the progress or the chapter's
// own page does not look at. With under, only pages whose path starts
// with it. TestEveryRoute, TestLearnEmbed and TestOfflineAfterOneVisit check the
// frames.
func (b *browser) withoutWidgetFrames(under string) {
	b.t.Helper()
	id := b.onEveryPage(`(() => {
			if (!location.pathname.startsWith(` + strconv.Quote(under) + `)) return;
			const empty = root => {
				const frames = root.matches?.("iframe[data-netground]") ? [root] : root.querySelectorAll?.("iframe[data-netground]") ?? [];
				for (const f of frames) {
					if (f.getAttribute("src") === "about:blank") continue;
					f.dataset.testSrc = f.getAttribute("src");
					f.setAttribute("src", "about:blank");
				}
			};
			new MutationObserver(records => { for (const r of records) r.addedNodes.forEach(empty); })
				.observe(document, {childList: true, subtree: true});
		})()`)
	b.t.Cleanup(func() { b.forgetOnEveryPage(id) }) // before the tab is closed or lent to the next test
}

// live waits, with learnTimeout, until the app runs the page.
func (b *browser) live() {
	b.t.Helper()
	b.slow(chromedp.WaitReady(chromedp.CSS(`[data-live="true"]`)))
}

func chapters(t *testing.T) []course.Chapter {
	t.Helper()
	cs, err := learn.Chapters()
	if err != nil {
		t.Fatal(err)
	}
	return cs
}

// chapterLinks returns the text and the path of every chapter link.
func (b *browser) chapterLinks() []string {
	b.t.Helper()
	return eval[[]string](b, `[...document.querySelectorAll('[data-field="chapter"]')].map(a => a.textContent + " " + new URL(a.href).pathname)`)
}

// TestLearnList: /learn lists the chapters in order, each a chapter link,
// and none started.
func TestLearnList(t *testing.T) {
	t.Parallel()
	s := siteServer(t)
	b := sharedTab(t)
	b.slow(chromedp.Navigate(s.URL + "learn"))
	b.live()
	cs := chapters(t)
	var want []string
	for _, c := range cs {
		want = append(want, c.Title+" /learn/"+c.Slug)
	}
	if got := b.chapterLinks(); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("chapter links:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	b.waitField("course-progress", fmt.Sprintf("0 of %d chapters done", len(cs)))
	if got := eval[[]string](b, `[...document.querySelectorAll('[data-field="chapter-progress"]')].map(e => e.textContent)`); len(got) != len(cs) || got[0] != "Not started" {
		t.Errorf("chapter-progress = %q; want %d times Not started", got, len(cs))
	}
	if got := eval[string](b, `document.querySelector('nav a[aria-current="page"]')?.textContent ?? ""`); got != "Learn" {
		t.Errorf("the navigation marks %q as the current page; want Learn", got)
	}
}

// checkChapter checks the chapter on the page: its title, prose, widgets
// (each the embed page of its link, computing its answer in its frame,
// unless withoutWidgetFrames emptied the frame) and questions.
func (b *browser) checkChapter(c course.Chapter, base string) {
	b.t.Helper()
	b.live()
	b.waitField("chapter-title", c.Title)
	b.waitField("chapter-number", fmt.Sprint(c.Number))
	b.slow(chromedp.WaitReady(chromedp.CSS(`#learn-prose[data-chapter="` + c.Slug + `"] p`)))
	if prose := eval[string](b, `document.getElementById("learn-prose").textContent`); len(prose) < 400 {
		b.t.Errorf("%s: the prose is %d characters: %q", c.Slug, len(prose), prose)
	}
	var widgets []course.Widget
	for _, bl := range c.Blocks {
		if bl.Widget.IsValid() {
			widgets = append(widgets, bl.Widget)
		}
	}
	frames := eval[[]struct {
		Src     string // the frame's link and title
		Emptied bool   // by withoutWidgetFrames
	}](b, `[...document.querySelectorAll('iframe[data-field="chapter-widget"]')].map(f => ({src: (f.dataset.testSrc ?? f.getAttribute("src")) + " " + f.title, emptied: "testSrc" in f.dataset}))`)
	if len(frames) != len(widgets) {
		b.t.Fatalf("%s: %d widget frames %+v; want %d", c.Slug, len(frames), frames, len(widgets))
	}
	for i, w := range widgets {
		if want := base + "embed" + w.Link + " " + w.Title; frames[i].Src != want {
			b.t.Errorf("%s: widget %d is %q; want %q", c.Slug, i+1, frames[i].Src, want)
		}
		if frames[i].Emptied {
			continue
		}
		fields := widgetAnswer[w.Path()]
		got := evalSlow[string](b, fmt.Sprintf(`(async () => {
			const fields = %q.split(" ");
			for (let k = 0; k < 4000; k++) {
				const f = document.querySelectorAll('iframe[data-field="chapter-widget"]')[%d];
				f.scrollIntoView();
				const d = f.contentDocument;
				if (d && d.querySelector('[data-live="true"]')) {
					for (const name of fields) {
						const el = d.querySelector('[data-field="' + name + '"]');
						if (el && el.textContent.trim()) return name + ": " + el.textContent.trim();
					}
				}
				await new Promise(r => setTimeout(r, 50));
			}
			return "";
		})()`, strings.Join(fields, " "), i))
		if got == "" {
			b.t.Errorf("%s: widget %s shows none of %v in its frame", c.Slug, w.Link, fields)
		}
	}
	if n := eval[int](b, `document.querySelectorAll('[data-field="learn-question"] [data-field="question"]').length`); n != len(c.Questions) {
		b.t.Errorf("%s: %d questions; want %d", c.Slug, n, len(c.Questions))
	}
	for i, r := range c.Questions {
		want := r.Question().Text
		if got := eval[string](b, fmt.Sprintf(`document.querySelectorAll('[data-field="question"]')[%d].textContent`, i)); got != want {
			b.t.Errorf("%s: question %d = %q; want %q", c.Slug, i+1, got, want)
		}
	}
}

// TestLearnChapters opens the first chapters from their links on /learn
// and from the chapter before (inside the app, the first with the
// keyboard), and finds every chapter linked at its own URL.
func TestLearnChapters(t *testing.T) {
	t.Parallel()
	s := siteServer(t)
	b := sharedTab(t)
	cs := chapters(t)

	b.slow(chromedp.Navigate(s.URL + "learn"))
	b.live()
	b.do(chromedp.Focus(chromedp.CSS(`a[data-field="chapter"]`)), chromedp.KeyEvent("\r"))
	b.checkChapter(cs[0], "/")
	if got := b.location(); got != s.URL+"learn/"+cs[0].Slug {
		t.Errorf("the first chapter link opened %s", got)
	}
	b.do(chromedp.Click(chromedp.CSS(`[data-field="chapter-next"]`)))
	b.checkChapter(cs[1], "/")

	// Every other link leads to its chapter's own URL, which TestEveryRoute
	// opens and checks as checkChapter does.
	b.slow(chromedp.Navigate(s.URL + "learn"))
	b.live()
	hrefs := eval[[]string](b, `[...document.querySelectorAll('[data-field="chapter"]')].map(a => a.href)`)
	if len(hrefs) != len(cs) {
		t.Fatalf("/learn links %d chapters; want %d", len(hrefs), len(cs))
	}
	for _, c := range cs {
		if want := s.URL + "learn/" + c.Slug; hrefs[c.Number-1] != want {
			t.Errorf("chapter %d links to %s; want %s", c.Number, hrefs[c.Number-1], want)
		}
	}
}

// wrongAnswer returns an answer the question counts, and judges wrong.
func wrongAnswer(t *testing.T, q practice.Question) string {
	t.Helper()
	candidates := append([]string{}, q.Choices...)
	candidates = append(candidates, "10.0.0.1", "192.168.1.255", "255.0.0.0", "/8", "1", "80", "0")
	for _, a := range candidates {
		if f := q.Check(a); !f.Correct && !f.Blank && !f.Invalid {
			return a
		}
	}
	t.Fatalf("no wrong answer found for %q", q.Text)
	return ""
}

// answer types text as the answer to question i and presses Enter.
func (b *browser) answer(i int, text string) {
	b.t.Helper()
	b.live()
	sel := chromedp.CSS(fmt.Sprintf(`input[name="answer-%d"]`, i+1))
	b.slow(chromedp.WaitVisible(sel), chromedp.Focus(sel), chromedp.SendKeys(sel, text+"\r"))
}

// feedback returns the verdict shown for question i, waiting for one.
func (b *browser) feedback(i int) string {
	b.t.Helper()
	return evalSlow[string](b, fmt.Sprintf(`(async () => {
		for (let k = 0; k < 2400; k++) {
			const el = document.querySelectorAll('[data-field="learn-question"]')[%d].querySelector('[data-field="feedback"]');
			if (el) return el.textContent;
			await new Promise(r => setTimeout(r, 50));
		}
		return "";
	})()`, i))
}

// TestLearnProgress answers a chapter's questions, right, wrong and again,
// and finds the progress on the chapter and on /learn after reloads.
func TestLearnProgress(t *testing.T) {
	t.Parallel()
	s := siteServer(t)
	b := storageTab(t)
	b.withoutWidgetFrames("/")
	cs := chapters(t)
	c := cs[2] // subnets: answers typed
	qs := make([]practice.Question, len(c.Questions))
	for i, r := range c.Questions {
		qs[i] = r.Question()
	}
	n := len(qs)

	b.slow(chromedp.Navigate(s.URL + "learn/" + c.Slug))
	b.live()
	b.waitField("chapter-score", "Not started")
	b.answer(0, qs[0].Answer)
	if got := b.feedback(0); !strings.HasPrefix(got, "correct") {
		t.Errorf("right answer %q: feedback %q", qs[0].Answer, got)
	}
	wrong := wrongAnswer(t, qs[1])
	b.answer(1, wrong)
	if got := b.feedback(1); !strings.HasPrefix(got, "wrong: ") {
		t.Errorf("wrong answer %q: feedback %q", wrong, got)
	}
	if got := eval[int](b, `document.querySelectorAll('[data-field="learn-question"]')[1].querySelectorAll('[data-field="solution"] [data-field="step"]').length`); got == 0 {
		t.Errorf("a wrong answer shows no worked solution")
	}
	b.waitField("chapter-score", fmt.Sprintf("1 of %d answered right", n))

	b.slow(chromedp.Reload())
	b.live()
	b.waitField("chapter-score", fmt.Sprintf("1 of %d answered right", n))
	if got := b.feedback(1); !strings.HasPrefix(got, "wrong: ") {
		t.Errorf("after a reload, the wrong answer's feedback is %q", got)
	}
	b.slow(chromedp.Navigate(s.URL + "learn"))
	b.live()
	b.waitField("course-progress", fmt.Sprintf("0 of %d chapters done", len(cs)))
	if got := eval[string](b, fmt.Sprintf(`document.querySelectorAll('[data-field="chapter-progress"]')[%d].textContent`, c.Number-1)); got != fmt.Sprintf("1 of %d answered right", n) {
		t.Errorf("/learn: chapter %s progress %q", c.Slug, got)
	}

	// Try again, by keyboard, and finish the chapter.
	b.slow(chromedp.Navigate(s.URL + "learn/" + c.Slug))
	b.live()
	b.do(chromedp.Focus(chromedp.CSS(`[data-field="try-again"]`)), chromedp.KeyEvent("\r"))
	b.do(chromedp.WaitReady(chromedp.CSS(`input[name="answer-2"]`)))
	if got := eval[string](b, `(async () => {
		for (let k = 0; k < 40 && document.activeElement?.name !== "answer-2"; k++) await new Promise(r => setTimeout(r, 50));
		return document.activeElement?.name ?? document.activeElement?.tagName ?? "";
	})()`); got != "answer-2" {
		t.Errorf("after Try again the focus is on %q; want the answer field", got)
	}
	for i := 1; i < n; i++ {
		b.answer(i, qs[i].Answer)
		if got := b.feedback(i); !strings.HasPrefix(got, "correct") {
			t.Errorf("question %d, answer %q: feedback %q", i+1, qs[i].Answer, got)
		}
	}
	b.waitField("chapter-score", fmt.Sprintf("Done: all %d answered right", n))
	b.slow(chromedp.Navigate(s.URL + "learn"))
	b.live()
	b.waitField("course-progress", fmt.Sprintf("1 of %d chapters done", len(cs)))

	// A choice, picked with the keyboard.
	g := cs[3]
	q := g.Questions[0].Question()
	b.slow(chromedp.Navigate(s.URL + "learn/" + g.Slug))
	b.live()
	// The questions come once the chapter's progress is read, after the app is live.
	if r := b.waitUntil(fmt.Sprintf(`() => {
		const c = [...document.querySelector('[data-field="learn-question"]')?.querySelectorAll('[data-field="choice"]') ?? []].find(c => c.textContent === %q);
		c?.focus();
		return {ok: !!c && document.activeElement === c};
	}`, q.Answer)); !r.OK {
		t.Fatalf("%s: no choice %q to focus in the first question", g.Slug, q.Answer)
	}
	b.do(chromedp.KeyEvent("\r"))
	if got := b.feedback(0); !strings.HasPrefix(got, "correct") {
		t.Errorf("%s: choice %q: feedback %q", g.Slug, q.Answer, got)
	}
	b.slow(chromedp.Reload())
	b.live()
	b.waitField("chapter-score", fmt.Sprintf("1 of %d answered right", len(g.Questions)))
}

// TestLearnEmbed: a chapter's embed page shows the chapter alone, with its
// widgets and questions, and links to the full page and embed pages.
func TestLearnEmbed(t *testing.T) {
	t.Parallel()
	s := siteServer(t)
	b := sharedTab(t)
	cs := chapters(t)
	c := cs[6]
	// TestEveryRoute checks the chapter itself on this page (checkChapter).
	b.slow(chromedp.Navigate(s.URL + "embed/learn/" + c.Slug))
	b.live()
	b.waitField("chapter-title", c.Title)
	if eval[bool](b, `!!document.querySelector(".site-header")`) {
		t.Errorf("the embed page shows the site header")
	}
	if got := eval[string](b, `new URL(document.querySelector('[data-field="chapter-next"]').href).pathname`); got != "/embed/learn/"+cs[7].Slug {
		t.Errorf("the embedded chapter's next link is %s", got)
	}
	if got := eval[string](b, `new URL(document.querySelector(".embed-open a").href).pathname`); got != "/learn/"+c.Slug {
		t.Errorf("the embed page opens %s in Netground", got)
	}
	b.slow(chromedp.Navigate(s.URL + "embed/learn"))
	b.live()
	if got := b.chapterLinks(); len(got) != len(cs) || !strings.HasSuffix(got[0], "/embed/learn/"+cs[0].Slug) {
		t.Errorf("embedded list links %q", got)
	}
}

// learnOffline: with the server gone (TestOfflineAfterOneVisit), chapters
// open from the list and from their links, their widgets included.
func learnOffline(b *browser, s *server) {
	t := b.t
	t.Helper()
	cs := chapters(t)
	for _, c := range []course.Chapter{cs[8], cs[0]} {
		b.slow(chromedp.Navigate(s.URL + "learn/" + c.Slug))
		b.checkChapter(c, "/")
	}
	// Inside the app, a chapter's prose comes from its cached page.
	b.slow(chromedp.Navigate(s.URL + "learn"))
	b.live()
	b.do(chromedp.Focus(chromedp.CSS(`a[href="/learn/`+cs[4].Slug+`"]`)), chromedp.KeyEvent("\r"))
	b.checkChapter(cs[4], "/")
	b.slow(chromedp.Navigate(s.URL + "embed/learn/" + cs[1].Slug))
	b.checkChapter(cs[1], "/")
}

// TestLearnUnderSubPath: links and frames carry the sub-path.
func TestLearnUnderSubPath(t *testing.T) {
	t.Parallel()
	if *subDistDir == "" {
		t.Skip("-subdist is not set")
	}
	s := siteServerOf(t, *subDistDir, "/netground/")
	b := sharedTab(t)
	cs := chapters(t)
	b.slow(chromedp.Navigate(s.URL + "learn"))
	b.live()
	if got := b.chapterLinks(); len(got) != len(cs) || !strings.HasSuffix(got[0], "/netground/learn/"+cs[0].Slug) {
		t.Errorf("chapter links %q", got)
	}
	b.slow(chromedp.Navigate(s.URL + "learn/" + cs[2].Slug))
	b.checkChapter(cs[2], "/netground/")
}

// TestLearnAccessibility audits the list and a chapter with an answer
// right and one wrong, light and dark, at phone and desktop sizes, and
// checks that nothing is wider than a 360 px phone.
func TestLearnAccessibility(t *testing.T) {
	t.Parallel()
	if *axePath == "" {
		t.Fatal("-axe is required")
	}
	axe, err := os.ReadFile(*axePath)
	if err != nil {
		t.Fatal(err)
	}
	s := siteServer(t)
	b := storageTab(t)
	b.withoutWidgetFrames("/")
	cs := chapters(t)
	c := cs[7]
	b.slow(chromedp.Navigate(s.URL + "learn/" + c.Slug))
	b.live()
	q0, q1 := c.Questions[0].Question(), c.Questions[1].Question()
	b.answer(0, q0.Answer)
	b.feedback(0)
	b.answer(1, wrongAnswer(t, q1))
	b.feedback(1)
	// One load of a page serves both sizes: its layout is CSS alone.
	for _, path := range []string{"learn", "learn/" + c.Slug, "embed/learn/" + c.Slug} {
		b.slow(chromedp.Navigate(s.URL + path))
		b.live()
		for _, v := range viewports {
			b.setViewport(v)
			if v.width == 360 {
				if w := eval[int](b, `document.documentElement.scrollWidth`); w > 360 {
					t.Errorf("/%s at 360 px is %d px wide", path, w)
				}
			}
			b.auditThemes(t, axe, "/"+path+" ("+v.name+")")
		}
	}
}
