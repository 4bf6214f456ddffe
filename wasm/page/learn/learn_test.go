package learn_test

import (
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
	"github.com/netground/netground/core/course"
	"github.com/netground/netground/core/scenario"
	"github.com/netground/netground/wasm/page/learn"
	"github.com/netground/netground/wasm/site"
	"github.com/netground/netground/wasm/ui"
)

// order is the course's chapters in the order the course teaches them.
var order = []string{"addresses", "private-public", "subnets", "gateway", "ports", "sockets", "nat", "binding", "kubernetes"}

// TestChapters: every chapter reads, in the course's order, with two or
// three questions whose answers the engine accepts.
func TestChapters(t *testing.T) {
	cs, err := learn.Chapters()
	if err != nil {
		t.Fatal(err)
	}
	var slugs []string
	for _, c := range cs {
		slugs = append(slugs, c.Slug)
		if n := len(c.Questions); n < 2 || n > 3 {
			t.Errorf("chapter %s asks %d questions; want 2 or 3", c.Slug, n)
		}
		seen := map[course.QuestionRef]bool{}
		for _, r := range c.Questions {
			if seen[r] {
				t.Errorf("chapter %s asks %+v twice", c.Slug, r)
			}
			seen[r] = true
			q := r.Question()
			if q.Text == "" || !q.Check(q.Answer).Correct {
				t.Errorf("chapter %s, question %+v: %q with answer %q is not answerable", c.Slug, r, q.Text, q.Answer)
			}
			if err := q.Verify(); err != nil {
				t.Errorf("chapter %s, question %+v: %v", c.Slug, r, err)
			}
		}
		widgets := 0
		for _, b := range c.Blocks {
			if b.Widget.IsValid() {
				widgets++
			}
		}
		if widgets == 0 {
			t.Errorf("chapter %s shows no widget", c.Slug)
		}
	}
	if !slices.Equal(slugs, order) {
		t.Errorf("chapters = %v; want %v", slugs, order)
	}
}

// TestWidgetLinks: every widget directive names a page of the registry
// that has an embed page, with a link the page reads without a problem.
func TestWidgetLinks(t *testing.T) {
	cs, err := learn.Chapters()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		for _, b := range c.Blocks {
			w := b.Widget
			if !w.IsValid() {
				continue
			}
			p, ok := ui.PageAt(w.Path())
			if !ok || p.Path != w.Path() {
				t.Errorf("chapter %s: widget %s names no page of the registry", c.Slug, w.Link)
				continue
			}
			if !p.Embed || p.Widget == "" {
				t.Errorf("chapter %s: widget %s names a page with no embeddable widget", c.Slug, w.Link)
				continue
			}
			q, err := url.ParseQuery(w.RawQuery())
			if err != nil {
				t.Errorf("chapter %s: widget %s: %v", c.Slug, w.Link, err)
				continue
			}
			if problems := linkProblems(p, q); len(problems) > 0 {
				t.Errorf("chapter %s: widget %s: the page cannot use its link: %v", c.Slug, w.Link, problems)
			}
		}
	}
}

// linkProblems returns what a page would report about a link's query.
func linkProblems(p ui.Page, q url.Values) []string {
	var out []string
	add := func(ps []scenario.Problem) {
		for _, x := range ps {
			out = append(out, x.Param+": "+x.Reason)
		}
	}
	if len(p.Presets) > 0 {
		for k := range q {
			if k != "preset" {
				out = append(out, "a lab link takes only preset, not "+k)
			}
		}
		if !slices.Contains(p.Presets, q.Get("preset")) {
			out = append(out, "unknown preset "+q.Get("preset"))
		}
		return out
	}
	switch p.Widget {
	case scenario.WidgetAddr:
		s, ps := scenario.ParseAddrState(q)
		add(ps)
		if s.IP == "" {
			out = append(out, "no address")
		}
	case scenario.WidgetSubnet:
		s, ps := scenario.ParseSubnetState(q)
		add(ps)
		if s.Net == "" {
			out = append(out, "no subnet")
		}
	case scenario.WidgetPorts:
		s, ps := scenario.ParsePortsState(q)
		add(ps)
		if s.Q == "" {
			out = append(out, "no query")
		}
	case scenario.WidgetPlan:
		_, ps := scenario.ParsePlanState(q)
		add(ps)
	default:
		out = append(out, "the check does not know widget "+string(p.Widget)+"; teach it")
	}
	return out
}

// TestRoutes: the registry has the course, every chapter and their embed
// pages, each titled.
func TestRoutes(t *testing.T) {
	var paths []string
	for _, r := range site.Routes() {
		paths = append(paths, r.Path)
	}
	want := []string{"/learn", "/embed/learn"}
	for _, s := range order {
		want = append(want, "/learn/"+s, "/embed/learn/"+s)
	}
	for _, w := range want {
		if !slices.Contains(paths, w) {
			t.Errorf("no route %s", w)
		}
	}
	if got := ui.PageTitle("/embed/learn/nat"); got != "NAT — Learn — Netground" {
		t.Errorf("PageTitle(/embed/learn/nat) = %q", got)
	}
	if got := ui.PageTitle("/learn"); got != "Learn — Netground" {
		t.Errorf("PageTitle(/learn) = %q", got)
	}
}

// render returns the HTML the pre-renderer writes for path.
func render(t *testing.T, path string) string {
	t.Helper()
	c := learn.New()
	d := app.NewClientTester(c)
	defer d.Close()
	u, _ := url.Parse("https://netground.test" + path)
	d.Nav(u)
	d.Consume()
	return app.HTMLString(c)
}

// TestRender: the list links every chapter in order, and every chapter
// renders its prose, its widgets as embed frames and its questions.
func TestRender(t *testing.T) {
	list := render(t, "/learn")
	last := -1
	for _, s := range order {
		i := strings.Index(list, `href="/learn/`+s+`"`)
		if i < 0 || i < last {
			t.Errorf("/learn: the link to %s is missing or out of order", s)
		}
		last = i
	}
	if n := strings.Count(list, `data-field="chapter"`); n != len(order) {
		t.Errorf("/learn lists %d chapters; want %d", n, len(order))
	}
	// Rendered outside the browser, as the bundle pre-renders it, the page
	// cannot know the learner's progress, and claims none: the app fills
	// it in once it has read what the browser keeps.
	if !strings.Contains(list, `data-field="course-progress"`) || strings.Count(list, `data-field="chapter-progress"`) != len(order) {
		t.Errorf("/learn has no place for the learner's progress")
	}
	if strings.Contains(list, "chapters done") || strings.Contains(list, "Not started") {
		t.Errorf("the pre-rendered /learn claims a progress it cannot know")
	}
	cs, _ := learn.Chapters()
	for _, c := range cs {
		for _, path := range []string{"/learn/" + c.Slug, "/embed/learn/" + c.Slug} {
			page := render(t, path)
			for _, want := range []string{
				`data-chapter="` + c.Slug + `"`,
				`data-field="chapter-title"`,
				">" + c.Title + "<",
				`data-field="chapter-widget"`,
				`Check yourself`,
			} {
				if !strings.Contains(page, want) {
					t.Errorf("%s does not contain %s", path, want)
				}
			}
			if n := strings.Count(page, `data-field="question"`); n != len(c.Questions) {
				t.Errorf("%s asks %d questions; want %d", path, n, len(c.Questions))
			}
			for _, b := range c.Blocks {
				if b.Widget.IsValid() && !strings.Contains(page, `src="/embed`+strings.ReplaceAll(b.Widget.Link, "&", "&amp;")+`"`) {
					t.Errorf("%s does not frame %s", path, b.Widget.Link)
				}
			}
		}
	}
	if page := render(t, "/embed/learn/subnets"); !strings.Contains(page, `href="/embed/learn/gateway"`) {
		t.Errorf("an embedded chapter links the next chapter's page, not its embed page")
	}
}
