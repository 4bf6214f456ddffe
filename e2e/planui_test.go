//go:build browser

package e2e

import (
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	keys "github.com/chromedp/chromedp/kb"
)

// planA11yPages are the Plan routes for the accessibility audit, with the
// field that shows the wasm has rendered them.
func planA11yPages() []struct{ path, field, want string } {
	return []struct{ path, field, want string }{
		{"plan?net=10.0.0.0/8&len=24&page=5", "total", "65536"},
		{"plan?mode=vlsm&net=10.0.0.0/24&list=a%3D100%0Ab%3D20%0Ac%3Dlots", "allocated", "2"},
		{"plan?mode=overlap", "overlaps-ipv4", "4"},
		{"embed/plan?mode=summarize&list=10.0.0.0/24%0A10.0.1.0/24&readonly=1", "prefixes-out", "1"},
		{"plan?mode=zzz&len=abc", "", ""},
		{"plan?mode=tree&net=10.0.0.0/24&tree=25,26x2&cloud=aws&names=office,lab", "tree-leaves", "3"},
	}
}

// waitPlanLive waits until the wasm has taken over the pre-rendered page.
func (b *browser) waitPlanLive() {
	b.t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if eval[bool](b, `!!document.querySelector('section.planui[data-live=true]')`) {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	b.t.Fatal("the Plan page never came alive")
}

// typeList replaces the text of the list textarea, key by key.
func (b *browser) typeList(text string) {
	b.t.Helper()
	sel := chromedp.CSS(`textarea[name=list]`)
	b.do(
		chromedp.WaitVisible(sel),
		chromedp.Focus(sel),
		chromedp.Evaluate[chromedp.Void](`document.querySelector('textarea[name=list]').select()`),
		chromedp.KeyEvent("\b"),
		chromedp.SendKeys(sel, text),
	)
}

func (b *browser) rowCount() int {
	b.t.Helper()
	return eval[int](b, `document.querySelectorAll('[data-field=row]').length`)
}

func TestPlanShareLinks(t *testing.T) {
	t.Parallel()
	s := siteServer(t)
	b := sharedTab(t)
	tests := []struct {
		path   string
		fields map[string]string // data-field → exact text
		prefix map[string]string // data-field → start of the text
		rows   int
	}{
		{"plan?mode=split&net=10.0.0.0/16&len=24", map[string]string{"total": "256", "prefix": "10.0.0.0/24", "first": "10.0.0.0", "last": "10.0.0.255", "size": "256", "index": "1"},
			map[string]string{"page-info": "Page 1 of 4, rows 1–64"}, 64},
		{"plan?mode=split&net=10.0.0.0/16&len=24&page=3", map[string]string{"total": "256", "prefix": "10.0.128.0/24", "index": "129"},
			map[string]string{"page-info": "Page 3 of 4, rows 129–192"}, 64},
		{"plan?net=10.0.0.0/24&parts=6", map[string]string{"total": "8", "prefix": "10.0.0.0/27"},
			map[string]string{"note": "6 parts rounded up to 8"}, 8},
		{"plan?mode=split&net=::/0&len=128", map[string]string{"total": "340282366920938463463374607431768211456", "prefix": "::/128"},
			map[string]string{"page-info": "Page 1 of 5316911983139663491615228241121378304"}, 64},
		{"plan?mode=vlsm&net=192.168.0.0/24&list=office%20%3D%2050%0Alab%20%3D%20100%0Alink%20%3D%202", map[string]string{"allocated": "3", "name": "lab", "prefix": "192.168.0.0/25", "usable": "126", "spare": "26"}, nil, 3},
		{"plan?mode=summarize&list=10.0.1.0/24%0A10.0.0.0/24%0A10.0.2.0/24", map[string]string{"prefixes-out": "2", "prefix": "10.0.0.0/23", "supernet": "10.0.0.0/22", "supernet-extra": "256"}, nil, 2},
		{"plan?mode=range&list=10.0.0.5-10.0.0.20", map[string]string{"prefix-count": "5", "prefix": "10.0.0.5/32"}, nil, 5},
		{"plan?mode=exclude&net=10.0.0.0/24&list=10.0.0.64/26", map[string]string{"prefix-count": "2", "prefix": "10.0.0.0/26", "removed": "64"}, nil, 2},
		{"plan?mode=overlap&list=home%3D192.168.1.0/24%0AVPC%3D172.16.0.0/12%0ADocker%3D172.17.0.0/16%0Aa%3D2001:db8::/32%0Ab%3D2001:db8::/32", map[string]string{
			"overlaps-ipv4": "1", "overlaps-ipv6": "1", "a-name": "VPC", "relation": "contains", "b-prefix": "172.17.0.0/16"}, nil, 2},
	}
	for _, tt := range tests {
		b.do(chromedp.Navigate(s.URL + tt.path))
		b.waitPlanLive()
		for name, want := range tt.fields {
			b.waitField(name, want)
		}
		for name, want := range tt.prefix {
			b.waitFieldPrefix(name, want)
		}
		if got := b.rowCount(); got != tt.rows {
			t.Errorf("%s: %d rows; want %d", tt.path, got, tt.rows)
		}
		if n := eval[int](b, `document.querySelectorAll('svg rect[data-field=block]').length`); n == 0 {
			t.Errorf("%s: the picture has no blocks", tt.path)
		}
	}
}

func TestPlanHugeSplitIsPaged(t *testing.T) {
	t.Parallel()
	s := siteServer(t)
	b := sharedTab(t)
	b.do(chromedp.Navigate(s.URL + "plan?net=10.0.0.0/8&len=24"))
	b.waitPlanLive()
	b.waitField("total", "65536")
	if n := b.rowCount(); n == 0 || n > 256 {
		t.Errorf("the DOM holds %d rows of 65536; want a page of at most 256", n)
	}
	if n := eval[int](b, `document.querySelectorAll('svg *').length`); n > 400 {
		t.Errorf("the picture has %d SVG elements; want a few hundred at most", n)
	}

	b.typeInto("find", "10.1.2.3")
	b.waitFieldPrefix("find-result", "10.1.2.3 is in row 259, 10.1.2.0/24")
	b.waitFieldPrefix("page-info", "Page 5 of 1024")
	if got := eval[string](b, `document.querySelector('tr[aria-current=true] [data-field=prefix]').textContent`); got != "10.1.2.0/24" {
		t.Errorf("highlighted row %q; want 10.1.2.0/24", got)
	}
	if got := queryParam(t, b, "page"); got != "5" {
		t.Errorf("URL page = %q; want 5", got)
	}

	b.typeInto("page", "1024")
	b.waitFieldPrefix("page-info", "Page 1024 of 1024, rows 65473–65536")
	if got := eval[string](b, `[...document.querySelectorAll('[data-field=row] [data-field=prefix]')].pop().textContent`); got != "10.255.255.0/24" {
		t.Errorf("last row %q; want 10.255.255.0/24", got)
	}
	b.do(chromedp.Click(chromedp.CSS(`button[data-action=first]`)))
	b.waitFieldPrefix("page-info", "Page 1 of 1024")

	// All of IPv6 into single addresses answers at once, on any page.
	b.do(chromedp.Navigate(s.URL + "plan?net=::/0&len=128"))
	b.waitPlanLive()
	b.waitField("total", "340282366920938463463374607431768211456")
	start := time.Now()
	b.typeInto("find", "ffff::1")
	b.waitFieldPrefix("find-result", "ffff::1 is in row")
	b.waitField("prefix", "ffff::/128")
	t.Logf("jumping to a row of 2^128 took %v", time.Since(start).Round(time.Millisecond))
	if n := b.rowCount(); n > 256 {
		t.Errorf("the DOM holds %d rows", n)
	}
	b.do(chromedp.Click(chromedp.CSS(`button[data-action=last]`)))
	b.waitField("index", "340282366920938463463374607431768211393")
}

func TestPlanTypingUpdatesRowsAndURL(t *testing.T) {
	t.Parallel()
	s := siteServer(t)
	b := sharedTab(t)
	b.do(chromedp.Navigate(s.URL + "plan?mode=summarize&list=192.168.0.0/24"))
	b.waitPlanLive()
	b.waitField("prefix", "192.168.0.0/24")
	historyLength := eval[int](b, `history.length`)

	list := "10.0.0.0/24 # first\nbogus\n10.0.1.0/24\nvpn = 10.8.0.0/33"
	b.typeList(list)
	b.waitField("prefix", "10.0.0.0/23")
	b.waitField("prefixes-in", "2")
	errs := eval[[]string](b, `[...document.querySelectorAll('[data-field=line-error]')].map(e => e.textContent)`)
	if len(errs) != 2 || !strings.HasPrefix(errs[0], "Line 2") || !strings.HasPrefix(errs[1], "Line 4") || !strings.Contains(errs[1], "33") {
		t.Errorf("line errors %q; want lines 2 and 4, each with its reason", errs)
	}
	if got := eval[string](b, `document.querySelector('textarea[name=list]').getAttribute('aria-invalid')`); got != "true" {
		t.Errorf("aria-invalid = %q; want true", got)
	}
	if got := queryParam(t, b, "list"); got != list {
		t.Errorf("URL list = %q; want the typed text", got)
	}
	if got := eval[int](b, `history.length`); got != historyLength {
		t.Errorf("typing grew the history from %d to %d", historyLength, got)
	}

	b.do(chromedp.Reload())
	b.waitPlanLive()
	b.waitField("prefix", "10.0.0.0/23")
	if got := eval[string](b, `document.querySelector('textarea[name=list]').value`); got != list {
		t.Errorf("after reload the list holds %q", got)
	}

	// Typing into the split inputs.
	b.do(chromedp.Navigate(s.URL + "plan?net=10.0.0.0/16&len=24"))
	b.waitPlanLive()
	b.waitField("total", "256")
	b.typeInto("len", "20")
	b.waitField("total", "16")
	b.typeInto("net", "10.0.0.0/33")
	b.waitFieldPrefix("net-error", `subnet "10.0.0.0/33"`)
	b.typeInto("net", "172.16.0.0/12")
	b.waitField("total", "256")
	b.waitField("prefix", "172.16.0.0/20")
	if got := queryParam(t, b, "net") + " " + queryParam(t, b, "len"); got != "172.16.0.0/12 20" {
		t.Errorf("URL net and len = %q", got)
	}
	b.typeInto("parts", "3")
	b.waitFieldPrefix("note", "3 parts rounded up to 4")
	if got := queryParam(t, b, "parts") + "/" + queryParam(t, b, "len"); got != "3/" {
		t.Errorf("URL parts/len = %q; want 3/", got)
	}
}

func TestPlanTabsBackAndForward(t *testing.T) {
	t.Parallel()
	s := siteServer(t)
	b := sharedTab(t)
	b.do(chromedp.Navigate(s.URL + "plan?net=10.0.0.0/16&len=24&page=2"))
	b.waitPlanLive()
	b.waitFieldPrefix("page-info", "Page 2 of 4")
	historyLength := eval[int](b, `history.length`)

	b.do(chromedp.Click(chromedp.CSS(`#planui-tab-vlsm`)))
	b.waitField("allocated", "4")
	if got := queryParam(t, b, "mode"); got != "vlsm" {
		t.Errorf("URL mode = %q; want vlsm", got)
	}
	if got := eval[int](b, `history.length`); got != historyLength+1 {
		t.Errorf("a tab made the history %d entries long; want %d", got, historyLength+1)
	}
	if got := eval[string](b, `document.querySelector('[role=tab][aria-selected=true]').id`); got != "planui-tab-vlsm" {
		t.Errorf("selected tab %q", got)
	}

	b.do(chromedp.NavigateBack())
	b.waitFieldPrefix("page-info", "Page 2 of 4")
	b.waitField("total", "256")
	if got := eval[string](b, `document.querySelector('[role=tab][aria-selected=true]').id`); got != "planui-tab-split" {
		t.Errorf("after back the selected tab is %q", got)
	}
	b.do(chromedp.NavigateForward())
	b.waitField("allocated", "4")

	// The arrow keys move between tabs, and focus follows.
	b.do(chromedp.Focus(chromedp.CSS(`#planui-tab-vlsm`)), chromedp.KeyEvent(keys.ArrowRight))
	b.waitField("prefixes-out", "2")
	if got := eval[string](b, `document.activeElement.id`); got != "planui-tab-summarize" {
		t.Errorf("focus on %q after ArrowRight; want planui-tab-summarize", got)
	}
	b.do(chromedp.KeyEvent(keys.End))
	b.waitField("tree-leaves", "7")
	b.do(chromedp.KeyEvent(keys.ArrowLeft))
	b.waitFieldPrefix("ula-prefix", "fd")
	b.do(chromedp.KeyEvent(keys.Home))
	b.waitField("total", "256")

	// A preset is a deliberate step too.
	b.do(chromedp.Click(chromedp.CSS(`#planui-tab-overlap`)))
	b.waitField("overlaps-ipv4", "4")
	before := eval[int](b, `history.length`)
	b.do(chromedp.Click(chromedp.CSS(`button[data-preset="1"]`)))
	if got := b.field("failure"); got != "" {
		t.Fatalf("the preset failed: %s on %s", got, b.field("failure-input"))
	}
	b.waitField("overlaps-ipv4", "1")
	if got := eval[int](b, `history.length`); got != before+1 {
		t.Errorf("a preset made the history %d entries long; want %d", got, before+1)
	}

	// Focusing a block of the picture names it.
	eval[bool](b, `(() => { document.querySelector('svg rect[data-field=block]').focus(); return true })()`)
	deadline := time.Now().Add(10 * time.Second)
	for b.field("block-name") == "" && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if got := b.field("block-name"); !strings.Contains(got, "/") {
		t.Errorf("a focused block is named %q; want its prefix", got)
	}
}

func TestPlanMalformedLink(t *testing.T) {
	t.Parallel()
	s := siteServer(t)
	b := sharedTab(t)
	b.do(chromedp.Navigate(s.URL + "plan?mode=zzz&len=abc&page=0&wat=1"))
	b.waitPlanLive()
	b.waitField("total", "256")
	problems := eval[[]string](b, `[...document.querySelectorAll('[data-field=link-problem]')].map(e => e.textContent)`)
	joined := strings.Join(problems, "\n")
	for _, want := range []string{"zzz", "abc", "wat"} {
		if !strings.Contains(joined, want) {
			t.Errorf("link problems %q do not mention %q", problems, want)
		}
	}

	b.do(chromedp.Navigate(s.URL + "plan?net=10.0.0.0/16&len=24&page=99"))
	b.waitPlanLive()
	b.waitFieldPrefix("page-error", "there is no page 99")
	b.waitFieldPrefix("page-info", "Page 4 of 4")
}

func TestPlanEmbedReadonly(t *testing.T) {
	t.Parallel()
	s := siteServer(t)
	b := sharedTab(t)
	b.do(chromedp.Navigate(s.URL + "embed/plan?mode=exclude&net=10.0.0.0/24&list=10.0.0.64/26&readonly=1"))
	b.waitPlanLive()
	b.waitField("prefix", "10.0.0.0/26")
	if !eval[bool](b, `document.querySelector('textarea[name=list]').readOnly && document.querySelector('input[name=net]').readOnly`) {
		t.Error("readonly=1 left the inputs editable")
	}
	if eval[bool](b, `!!document.querySelector('.site-header') || !!document.querySelector('.share')`) {
		t.Error("the embed shows site chrome or the share bar")
	}
	if got := eval[string](b, `document.querySelector('.embed-open a').getAttribute('href')`); !strings.Contains(got, "/plan?mode=exclude") {
		t.Errorf("Open in Netground links to %q", got)
	}
}

// TestPlanAccessibility runs axe-core on the Plan routes (the lead adds
// planA11yPages to the site-wide audit).
func TestPlanAccessibility(t *testing.T) {
	t.Parallel()
	if *axePath == "" {
		t.Skip("-axe not given")
	}
	axe, err := os.ReadFile(*axePath)
	if err != nil {
		t.Fatal(err)
	}
	s := siteServer(t)
	b := sharedTab(t)
	tour := b.stateTour(s.URL)
	for _, p := range planA11yPages() {
		tour.open(p.path, p.field, p.want)
		b.waitPlanLive()
		b.auditThemes(t, axe, "/"+p.path)
	}
}

func queryParam(t *testing.T, b *browser, name string) string {
	t.Helper()
	u, err := url.Parse(b.location())
	if err != nil {
		t.Fatal(err)
	}
	return u.Query().Get(name)
}

// treeRows returns the prefix and usable cells of the split tree's rows on
// the page, as "prefix usable".
func (b *browser) treeRows() []string {
	b.t.Helper()
	return eval[[]string](b, `[...document.querySelectorAll('[data-field=tree-leaf]')].map(r =>
		r.querySelector('[data-field=tree-prefix]').textContent + ' ' + r.querySelector('[data-field=tree-usable]').textContent)`)
}

// waitTree waits until the link carries the tree shape want and the page
// shows leaves subnets.
func (b *browser) waitTree(shape, leaves string) {
	b.t.Helper()
	b.waitField("tree-leaves", leaves)
	deadline := time.Now().Add(20 * time.Second)
	for queryParam(b.t, b, "tree") != shape && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if got := queryParam(b.t, b, "tree"); got != shape {
		b.t.Fatalf("URL tree = %q; want %q", got, shape)
	}
}

func TestPlanSplitTree(t *testing.T) {
	t.Parallel()
	s := siteServer(t)
	b := sharedTab(t)
	b.do(chromedp.Navigate(s.URL + "plan?mode=tree&net=10.0.0.0/24"))
	b.waitPlanLive()
	b.waitField("tree-leaves", "1")
	if got := b.treeRows(); strings.Join(got, "|") != "10.0.0.0/24 254" {
		t.Fatalf("undivided rows %q", got)
	}
	history := eval[int](b, `history.length`)

	// Divide with the button, then by clicking the block of the picture.
	b.do(chromedp.Click(chromedp.CSS(`button[data-action=divide][data-prefix="10.0.0.0/24"]`)))
	b.waitTree("25x2", "2")
	b.do(chromedp.Click(chromedp.CSS(`svg rect[data-prefix="10.0.0.128/25"]`)))
	b.waitTree("25,26x2", "3")
	if got := strings.Join(b.treeRows(), "|"); got != "10.0.0.0/25 126|10.0.0.128/26 62|10.0.0.192/26 62" {
		t.Errorf("rows after two divides: %s", got)
	}
	if got := eval[string](b, `document.querySelector('button[data-action=divide][data-prefix="10.0.0.192/26"]').getAttribute('aria-label')`); got != "Divide 10.0.0.192/26" {
		t.Errorf("the divide button is named %q", got)
	}
	// Join once.
	b.do(chromedp.Click(chromedp.CSS(`button[data-action=join][data-prefix="10.0.0.192/26"]`)))
	b.waitTree("25x2", "2")
	// The keyboard on the picture: Enter divides, Delete joins.
	b.do(chromedp.Focus(chromedp.CSS(`svg rect[data-prefix="10.0.0.0/25"]`)), chromedp.KeyEvent(keys.Enter))
	b.waitTree("26x2,25", "3")
	b.do(chromedp.Focus(chromedp.CSS(`svg rect[data-prefix="10.0.0.64/26"]`)), chromedp.KeyEvent(keys.Delete))
	b.waitTree("25x2", "2")
	if got := eval[int](b, `history.length`); got != history+5 {
		t.Errorf("five changes made the history %d entries long; want %d", got, history+5)
	}

	// Name a subnet: typing replaces the history entry.
	b.typeInto("tree-name", "office, 1st floor")
	deadline := time.Now().Add(20 * time.Second)
	for queryParam(t, b, "names") != `office\, 1st floor` && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if got := queryParam(t, b, "names"); got != `office\, 1st floor` {
		t.Errorf("URL names = %q", got)
	}
	if got := eval[int](b, `history.length`); got != history+5 {
		t.Errorf("typing a name grew the history to %d", got)
	}
	b.waitField("tree-named", "1")

	// Reload restores the tree and its names.
	b.do(chromedp.Reload())
	b.waitPlanLive()
	b.waitField("tree-named", "1")
	if got := eval[string](b, `document.querySelector('input[name=tree-name]').value`); got != "office, 1st floor" {
		t.Errorf("after reload the first name is %q", got)
	}
	if got := strings.Join(b.treeRows(), "|"); got != "10.0.0.0/25 126|10.0.0.128/25 126" {
		t.Errorf("rows after reload: %s", got)
	}

	// Back and forward follow the steps.
	b.do(chromedp.NavigateBack())
	b.waitTree("26x2,25", "3")
	b.do(chromedp.NavigateBack())
	b.waitTree("25x2", "2")
	b.do(chromedp.NavigateForward())
	b.waitTree("26x2,25", "3")
	b.do(chromedp.NavigateForward())
	b.waitTree("25x2", "2")
	b.waitField("tree-named", "1")

	// Cloud reservations change the usable counts.
	bindlabSelect(b, "cloud", "aws")
	b.waitField("tree-usable", "123")
	if got := queryParam(t, b, "cloud"); got != "aws" {
		t.Errorf("URL cloud = %q; want aws", got)
	}

	// An IPv6 root.
	b.do(chromedp.Navigate(s.URL + "plan?mode=tree&net=2001:db8::/48"))
	b.waitPlanLive()
	b.waitField("tree-leaves", "1")
	b.do(chromedp.Click(chromedp.CSS(`button[data-action=divide][data-prefix="2001:db8::/48"]`)))
	b.waitTree("49x2", "2")
	if got := strings.Join(b.treeRows(), "|"); got != "2001:db8::/49 604462909807314587353088|2001:db8:0:8000::/49 604462909807314587353088" {
		t.Errorf("IPv6 rows: %s", got)
	}

	// A huge tree is paged, and a change keeps its page.
	b.do(chromedp.Navigate(s.URL + "plan?mode=tree&net=10.0.0.0/16&tree=28x4096&page=2"))
	b.waitPlanLive()
	b.waitField("tree-leaves", "4096")
	b.waitFieldPrefix("page-info", "Page 2 of 64, rows 65–128")
	if n := eval[int](b, `document.querySelectorAll('[data-field=tree-leaf]').length`); n != 64 {
		t.Errorf("the DOM holds %d rows; want a page of 64", n)
	}
	if n := eval[int](b, `document.querySelectorAll('svg rect').length`); n > 80 {
		t.Errorf("the picture has %d blocks", n)
	}
	if !eval[bool](b, `document.querySelector('button[data-action=divide][data-prefix="10.0.4.0/28"]').disabled`) {
		t.Error("a divide button is enabled at 4096 subnets")
	}
	b.do(chromedp.Click(chromedp.CSS(`button[data-action=join][data-prefix="10.0.4.0/28"]`)))
	b.waitTree("28x64,27,28x4030", "4095")
	b.waitFieldPrefix("page-info", "Page 2 of 64")
	if got := b.treeRows()[0]; got != "10.0.4.0/27 30" {
		t.Errorf("first row of page 2 after the join: %q", got)
	}
}
