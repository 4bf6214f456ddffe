//go:build browser

package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/netground/netground/core/practice"
)

// practiceSet is the set a practice link shows, computed the way the page
// computes it.
func practiceSet(seed uint64, topics []practice.Topic, level int) practice.Set {
	return practice.NewSet(seed, topics, level, practice.DefaultCount)
}

// answerCurrent reads the question on the page, finds it in the set, types
// answer (or the right answer if answer is "") and presses Enter.
func answerCurrent(t *testing.T, b *browser, set practice.Set, number int, answer string) practice.Question {
	t.Helper()
	b.waitField("number", strconv.Itoa(number))
	q := set.Questions[number-1]
	if got := b.field("question"); got != q.Text {
		t.Fatalf("question %d on the page = %q; want %q", number, got, q.Text)
	}
	if got := b.field("topic"); got != q.Topic.Title() {
		t.Errorf("topic of question %d = %q; want %q", number, got, q.Topic.Title())
	}
	if answer == "" {
		answer = q.Answer
	}
	b.typeInto("answer", answer)
	b.do(chromedp.KeyEvent("\r"))
	return q
}

func TestPracticeAnswerASet(t *testing.T) {
	t.Parallel()
	s := siteServer(t)
	b := storageTab(t)
	topics := []practice.Topic{practice.TopicSubnet, practice.TopicNAT}
	set := practiceSet(42, topics, 2)
	b.do(chromedp.Navigate(s.URL + "practice?topics=nat,subnet&level=2&seed=42"))
	b.waitLive()
	b.waitField("total", "10")

	for n := 1; n <= 3; n++ {
		answerCurrent(t, b, set, n, "")
		b.waitFieldPrefix("feedback", "correct")
		b.waitField("score", strconv.Itoa(n))
		b.waitField("streak", strconv.Itoa(n))
		b.waitField("answered", strconv.Itoa(n))
		if sol := b.field("solution"); sol == "" {
			t.Errorf("question %d: no worked solution after the answer", n)
		}
		b.do(chromedp.KeyEvent("\r")) // Enter again: the next open question
	}

	// A wrong answer of the question's own kind: another choice, or for a
	// written answer an address and port no question has (an answer that
	// is not one of the choices is asked again, not scored).
	wrong := "10.255.255.255:1"
	if q4 := set.Questions[3]; len(q4.Choices) > 0 {
		for _, c := range q4.Choices {
			if !q4.Check(c).Correct {
				wrong = c
				break
			}
		}
	}
	q := answerCurrent(t, b, set, 4, wrong)
	fb := b.waitFieldPrefix("feedback", "wrong")
	if want := q.Check(wrong).Message; fb != want {
		t.Errorf("feedback = %q; want %q", fb, want)
	}
	b.waitField("streak", "0")
	b.waitField("score", "3")
	b.waitField("answered", "4")
	if sol := b.field("solution"); !strings.Contains(sol, q.Answer) {
		t.Errorf("solution %q does not show the answer %q", sol, q.Answer)
	}
	if loc := b.location(); !strings.Contains(loc, "topics=nat,subnet&level=2&seed=42") {
		t.Errorf("location = %s; want the link it opened with", loc)
	}

	// Progress survives a reload.
	b.do(chromedp.Reload())
	b.waitLive()
	b.waitField("answered", "4")
	b.waitField("score", "3")
	b.waitField("number", "4")

	// Keyboard: N goes to the next question, outside the answer field.
	b.do(chromedp.Evaluate[chromedp.Void](`document.activeElement && document.activeElement.blur()`))
	b.do(chromedp.KeyEvent("n"))
	b.waitField("number", "5")
}

func TestPracticeChoiceByNumberKey(t *testing.T) {
	t.Parallel()
	s := siteServer(t)
	b := storageTab(t)
	topics := []practice.Topic{practice.TopicNeighbours}
	set := practiceSet(5, topics, 1)
	b.do(chromedp.Navigate(s.URL + "practice?topics=neighbours&level=1&seed=5"))
	b.waitLive()
	b.waitField("number", "1")
	q := set.Questions[0]
	b.do(chromedp.Evaluate[chromedp.Void](`document.activeElement && document.activeElement.blur()`))
	b.do(chromedp.KeyEvent(strconv.Itoa(q.ChoiceIndex() + 1)))
	b.waitFieldPrefix("feedback", "correct")
	b.waitField("score", "1")
}

func TestPracticeLinkProblems(t *testing.T) {
	t.Parallel()
	s := siteServer(t)
	b := sharedTab(t)
	b.do(chromedp.Navigate(s.URL + "practice?topics=subnet,dns&level=7&seed=3"))
	b.waitLive()
	b.waitField("topic", "Subnet facts")
	got := eval[string](b, `[...document.querySelectorAll('[data-field="link-problem"]')].map(e => e.textContent).join("\n")`)
	for _, want := range []string{`unknown topic "dns"`, "level=7"} {
		if !strings.Contains(got, want) {
			t.Errorf("link problems %q do not mention %q", got, want)
		}
	}
}

func TestPracticeCorruptProgressIgnored(t *testing.T) {
	t.Parallel()
	s := siteServer(t)
	b := storageTab(t)
	b.do(chromedp.Navigate(s.URL + "practice?topics=subnet&level=1&seed=11"))
	b.waitLive()
	b.waitField("total", "10")
	b.do(chromedp.Evaluate[chromedp.Void](`localStorage.setItem("netground-practice:11:subnet:1", '{"v":1,"answers":"oops"')`))
	b.do(chromedp.Reload())
	b.waitLive()
	b.waitFieldPrefix("storage-notice", "Saved progress for this set could not be read")
	b.waitField("answered", "0")
}

// TestPracticeEmbeddedReportsToHost frames the practice page in a course
// page on another origin with embed.js and reads the events the course page
// receives after each answer.
func TestPracticeEmbeddedReportsToHost(t *testing.T) {
	t.Parallel()
	s := siteServer(t)
	page := hostPage(t, `<!DOCTYPE html><html lang="en"><head><title>Course</title></head><body>
<h1>Lesson 2: subnets</h1>
<iframe id="quiz" src="`+s.URL+`embed/practice?topics=subnet&level=1&seed=7" title="Practice" data-netground style="width:100%;border:0;height:600px"></iframe>
<script>window.events = []; document.getElementById("quiz").addEventListener("netground:practice", e => window.events.push(e.detail));</script>
<script src="`+s.URL+`web/embed.js"></script>
</body></html>`)
	b := newBrowser(t)
	b.do(chromedp.Navigate(page))
	set := practiceSet(7, []practice.Topic{practice.TopicSubnet}, 1)

	frameDo := func(action func(ctx context.Context, n *chromedp.Node) error) {
		t.Helper()
		deadline := time.Now().Add(60 * time.Second)
		var err error
		for time.Now().Before(deadline) {
			ctx, cancel := context.WithTimeout(b.ctx, 2*time.Second)
			var nodes []*chromedp.Node
			nodes, err = chromedp.Run(ctx, chromedp.Nodes(chromedp.CSS("#quiz")))
			if err == nil && len(nodes) == 1 && nodes[0].ContentDocument != nil {
				err = action(ctx, nodes[0])
			}
			cancel()
			if err == nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
		t.Fatalf("in the iframe: %v", err)
	}
	frameText := func(field string) string {
		t.Helper()
		var text string
		frameDo(func(ctx context.Context, n *chromedp.Node) error {
			v, err := chromedp.Run(ctx, chromedp.TextContent(chromedp.CSS(`[data-field="`+field+`"]`), chromedp.FromNode(n)))
			text = v
			return err
		})
		return text
	}
	waitFrame := func(field, want string) {
		t.Helper()
		deadline := time.Now().Add(60 * time.Second)
		var got string
		for time.Now().Before(deadline) {
			if got = frameText(field); strings.HasPrefix(got, want) {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
		t.Fatalf("iframe data-field %q = %q; want it to start with %q", field, got, want)
	}

	frameDo(func(ctx context.Context, n *chromedp.Node) error {
		return chromedp.Do(ctx, chromedp.WaitReady(chromedp.CSS(`[data-live="true"]`), chromedp.FromNode(n)))
	})
	for i, answer := range []string{"", "no such answer", ""} {
		number := strconv.Itoa(i + 1)
		waitFrame("number", number)
		q := set.Questions[i]
		if got := frameText("question"); got != q.Text {
			t.Fatalf("question %s in the iframe = %q; want %q", number, got, q.Text)
		}
		if answer == "" {
			answer = q.Answer
		}
		// frameDo retries an action cut short by its timeout: the field is
		// emptied first, so that a retry types the answer once.
		frameDo(func(ctx context.Context, n *chromedp.Node) error {
			return chromedp.Do(ctx,
				chromedp.Clear(chromedp.CSS(`input[name="answer"]`), chromedp.FromNode(n)),
				chromedp.SendKeys(chromedp.CSS(`input[name="answer"]`), answer+"\r", chromedp.FromNode(n)))
		})
		if i == 1 {
			waitFrame("feedback", "wrong")
		} else {
			waitFrame("feedback", "correct")
		}
		deadline := time.Now().Add(30 * time.Second)
		for time.Now().Before(deadline) && eval[int](b, `window.events.length`) < i+1 {
			time.Sleep(100 * time.Millisecond)
		}
		if i < 2 {
			frameDo(func(ctx context.Context, n *chromedp.Node) error {
				return chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS(`input[name="answer"]`), "\r", chromedp.FromNode(n)))
			})
		}
	}

	raw := eval[string](b, `JSON.stringify(window.events)`)
	var events []struct {
		Answered, Correct, Total, Level int
		Seed                            float64
		Topics                          []string
	}
	if err := json.Unmarshal([]byte(raw), &events); err != nil {
		t.Fatalf("events %s: %v", raw, err)
	}
	if len(events) != 3 {
		t.Fatalf("the host page received %d netground:practice events; want 3: %s", len(events), raw)
	}
	wantCorrect := []int{1, 1, 2}
	for i, e := range events {
		if e.Answered != i+1 || e.Correct != wantCorrect[i] || e.Total != 10 || e.Seed != 7 || e.Level != 1 || strings.Join(e.Topics, ",") != "subnet" {
			t.Errorf("event %d = %+v; want answered %d, correct %d, total 10, seed 7, topics [subnet]", i, e, i+1, wantCorrect[i])
		}
	}
}

// TestPracticeAccessibility runs axe-core on the practice pages, before and
// after an answer (the solution, its table and the feedback).
func TestPracticeAccessibility(t *testing.T) {
	t.Parallel()
	if *axePath == "" {
		t.Skip("-axe not given")
	}
	axe, err := os.ReadFile(*axePath)
	if err != nil {
		t.Fatal(err)
	}
	s := siteServer(t)
	b := storageTab(t)
	for _, path := range []string{"practice?topics=subnet,nat&level=2&seed=42", "embed/practice?topics=nat&level=1&seed=3", "practice?topics=dns"} {
		b.do(chromedp.Navigate(s.URL + path))
		b.waitLive()
		b.waitField("number", "1")
		// The question as it opens, then answered, on the one load.
		for _, answered := range []bool{false, true} {
			if answered {
				b.typeInto("answer", "1")
				b.do(chromedp.KeyEvent("\r"))
				deadline := time.Now().Add(30 * time.Second)
				for b.field("feedback") == "" && time.Now().Before(deadline) {
					time.Sleep(50 * time.Millisecond)
				}
			}
			b.audit(t, axe, fmt.Sprintf("/%s (answered %v)", path, answered))
		}
	}
}

// TestPracticeFirstAnswer opens practice links with the app held back: the
// Practice page's own first-answer binary shows the link's question and
// the score, with the progress the browser keeps, and the app, once it
// runs, shows the same.
func TestPracticeFirstAnswer(t *testing.T) {
	t.Parallel()
	g := newGateFor(t, siteServer(t).URL, "/web/app.")
	b := newBrowser(t) // its own storage, for the progress below
	b.firstVisits(true)
	// Progress kept from an earlier visit: two answers, the third question shown.
	s := practice.State{Seed: 7, Topics: []practice.Topic{practice.TopicSubnet}, Level: 1}
	set := practiceSet(s.Seed, s.Topics, s.Level)
	answers := make([]string, len(set.Questions))
	answers[0], answers[1] = set.Questions[0].Answer, "surely not this"
	kept, err := json.Marshal(practice.Progress{V: practice.ProgressVersion, Current: 2, Answers: answers, Streak: 0, Best: 1})
	if err != nil {
		t.Fatal(err)
	}
	// A page of the site (the app held back), for its origin's storage:
	// a bare file would make the browser ask for /favicon.ico.
	g.shut()
	b.do(chromedp.Navigate(g.URL + "learn"))
	b.do(chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`localStorage.setItem(%q, %q)`, practice.ProgressKey(s), kept)))

	for _, tt := range []struct {
		link                    string
		q                       practice.Question
		number, score, answered string
	}{
		{"practice?seed=7&topics=subnet", set.Questions[2], "3", "1", "2"},
		{"embed/practice?seed=7&topics=subnet&level=1", set.Questions[2], "3", "1", "2"},
		{"practice?seed=42&topics=nat,subnet&level=2", practiceSet(42, []practice.Topic{practice.TopicSubnet, practice.TopicNAT}, 2).Questions[0], "1", "0", "0"},
	} {
		g.shut()
		b.do(chromedp.Navigate(g.URL + tt.link))
		b.do(chromedp.WaitReady(chromedp.CSS(`html.ng-answered`)))
		if eval[bool](b, `!!document.querySelector('[data-live="true"]')`) {
			t.Fatalf("%s: the app ran though it was held back", tt.link)
		}
		st := readPending(b)
		if st.Note {
			t.Errorf("%s: still says it is computing after the first answer", tt.link)
		}
		for field, want := range map[string]string{"number": tt.number, "question": tt.q.Text, "topic": tt.q.Topic.Title(), "score": tt.score, "answered": tt.answered, "total": "10"} {
			if !slices.Contains(st.Visible, field) {
				t.Errorf("%s: %s is not shown", tt.link, field)
			}
			if got := b.field(field); got != want {
				t.Errorf("%s: %s = %q before the app; want %q", tt.link, field, got, want)
			}
		}
		if n := eval[int](b, `document.querySelectorAll('[data-answered] [data-field="choice"]').length`); n != len(tt.q.Choices) {
			t.Errorf("%s: %d choices shown; want %d", tt.link, n, len(tt.q.Choices))
		}
		ids := []string{"practice-score", "practice-question"}
		first := regionFields(b, ids)
		g.open()
		b.waitLive()
		app := regionFields(b, ids)
		for _, id := range ids {
			if first[id] != app[id] {
				t.Errorf("%s: region %s differs:\nfirst answer:\n%s\n\napp:\n%s", tt.link, id, first[id], app[id])
			}
		}
	}

	// A link the app must explain, and a new set, wait for the app.
	for _, link := range []string{"practice?seed=7&topics=subnet,bogus", "practice?topics=subnet"} {
		g.shut()
		b.do(chromedp.Navigate(g.URL + link))
		eval[bool](b, `window.netgroundFirstAnswer.then(() => true)`) // the first-answer binary has run
		if st := readPending(b); !st.Note || slices.Contains(st.Visible, "question") {
			t.Errorf("%s: shows %v before the app (computing note %v); want only the note", link, st.Visible, st.Note)
		}
		g.open()
		b.waitLive()
	}

	// A repeat visit: the service worker keeps the binary this browser
	// has fetched, and the page answers first from it again.
	b.firstVisits(false)
	b.do(chromedp.Navigate(g.URL + "practice?seed=7&topics=subnet"))
	b.waitOfflineReady()
	b.do(chromedp.Navigate(g.URL + "practice?seed=9&topics=ports"))
	b.waitLive()
	if !eval[bool](b, `!!navigator.serviceWorker.controller && document.documentElement.classList.contains("ng-answered")`) {
		t.Error("a repeat visit did not answer first from the kept first-answer binary")
	}
	b.waitField("question", practiceSet(9, []practice.Topic{practice.TopicPorts}, 1).Questions[0].Text)
}
