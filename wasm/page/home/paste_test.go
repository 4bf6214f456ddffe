package home

import (
	"regexp"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// renderWith renders the home page with text in its paste box.
func renderWith(t *testing.T, text string) string {
	t.Helper()
	p := &homePage{}
	p.box.set(text, hasNewline(text))
	p.compute()
	if p.Failed() {
		t.Fatalf("paste %q: %s", text, p.Failure())
	}
	var b strings.Builder
	app.PrintHTML(&b, p.Render())
	return b.String()
}

func TestPasteRendersEveryKind(t *testing.T) {
	for _, tt := range []struct {
		text string
		want []string
	}{
		{"", []string{`name="paste"`, `data-link="paste"`, "stays in this browser"}},
		{"8.8.8.8", []string{"paste-kind=address", `data-field="paste-open"`, `href="/addr?ip=8.8.8.8"`}},
		{"Error: connect ECONNREFUSED 127.0.0.1:5432", []string{"paste-kind=error", "paste-errno=ECONNREFUSED",
			"paste-addr=127.0.0.1", "paste-port=5432", `data-field="paste-cause"`, "paste-verdict=refused",
			`href="https://man7.org/linux/man-pages/man2/connect.2.html"`, `href="/bind?step=1#s=1.`, `data-field="paste-fix"`}},
		{"State  Recv-Q Send-Q Local Address:Port Peer Address:Port Process\nLISTEN 0 4096 0.0.0.0:5432 0.0.0.0:* users:((\"postgres\",pid=1,fd=3))",
			[]string{"paste-kind=sockets", `name="paste-lines"`, "paste-listeners=1", `data-field="paste-finding"`,
				`data-kind="database-exposed"`, `data-field="paste-socket"`}},
		{"NAME   ENDPOINTS   AGE\nweb    <none>      1d", []string{"paste-kind=cluster", "paste-endpoints=1", `href="/k8s#s=1.`}},
		{"hello world", []string{"paste-kind=unknown", `data-field="paste-unknown"`, `data-field="paste-form"`}},
		{"\x00\x01binary", []string{"paste-kind=unknown", `data-field="paste-note"`}},
	} {
		html := renderWith(t, tt.text)
		for _, w := range tt.want {
			if name, value, ok := strings.Cut(w, "="); ok && !strings.HasPrefix(value, `"`) {
				if got := fieldText(html, name); got != value {
					t.Errorf("paste %q: field %s = %q; want %q", tt.text, name, got, value)
				}
				continue
			}
			if !strings.Contains(html, w) {
				t.Errorf("paste %q: the page lacks %s", tt.text, w)
			}
		}
		if tt.text == "" && strings.Contains(html, "paste-kind") {
			t.Errorf("an empty box shows a kind")
		}
	}
}

func TestPasteBoxLines(t *testing.T) {
	var b pasteBox
	for _, tt := range []struct {
		text  string
		lines int
		first string
	}{
		{"", 1, ""},
		{"one", 1, "one"},
		{"one\ntwo", 2, "one"},
		{"one\r\ntwo\r\n", 2, "one"},
		{"a\rb\rc", 3, "a"},
	} {
		b.set(tt.text, true)
		if got := b.lineCount(); got != tt.lines {
			t.Errorf("lineCount(%q) = %d; want %d", tt.text, got, tt.lines)
		}
		if got := b.firstLine(); got != tt.first {
			t.Errorf("firstLine(%q) = %q; want %q", tt.text, got, tt.first)
		}
	}
	b.set(strings.Repeat("x\n", 100_000), true)
	if got := b.lineCount(); got <= 20_000 {
		t.Errorf("lineCount(100,000 lines) = %d; want it to stop past 20,000", got)
	}
}

func TestSentence(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"", ""}, {"the socket 1.2.3.4:80", "The socket 1.2.3.4:80."}, {"Done.", "Done."}, {"é", "é."},
	} {
		if got := sentence(tt.in); got != tt.want {
			t.Errorf("sentence(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

// fieldText returns the text of the first element with data-field=name
// (attributes come in any order), or "".
func fieldText(html, name string) string {
	m := regexp.MustCompile(`<[^>]*data-field="` + regexp.QuoteMeta(name) + `"[^>]*>([^<]*)<`).FindStringSubmatch(html)
	if m == nil {
		return ""
	}
	return m[1]
}
