package course_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/netground/netground/core/course"
	"github.com/netground/netground/core/practice"
)

func TestParseDirective(t *testing.T) {
	for _, tc := range []struct {
		line string
		want course.Directive
		err  string // a part of the error; "" for none
	}{
		{"::: widget /subnet?net=10.0.0.0/24 A /24", course.Directive{Widget: course.Widget{Link: "/subnet?net=10.0.0.0/24", Title: "A /24"}}, ""},
		{"::: widget /nat?preset=reply   The   reply ", course.Directive{Widget: course.Widget{Link: "/nat?preset=reply", Title: "The reply"}}, ""},
		{"::: widget /addr?ip=2001:db8::1 IPv6", course.Directive{Widget: course.Widget{Link: "/addr?ip=2001:db8::1", Title: "IPv6"}}, ""},
		{"::: question topic=subnet level=1 seed=4", course.Directive{Question: course.QuestionRef{Topic: practice.TopicSubnet, Level: 1, Seed: 4}}, ""},
		{"::: question seed=0 level=3 topic=nat", course.Directive{Question: course.QuestionRef{Topic: practice.TopicNAT, Level: 3, Seed: 0}}, ""},
		{"::: widget /subnet?net=10.0.0.0/24", course.Directive{}, "needs a title"},
		{"::: widget", course.Directive{}, "needs a link"},
		{"::: widget https://example.com/ x", course.Directive{}, "not a page of the site"},
		{"::: widget //example.com/x x", course.Directive{}, "not a page of the site"},
		{"::: widget /embed/subnet?net=10.0.0.0/8 x", course.Directive{}, "embed page"},
		{"::: widget /subnet#s=1 x", course.Directive{}, "not a page of the site"},
		{"::: widget /Subnet x", course.Directive{}, "not a page of the site"},
		{"::: question topic=bogus level=1 seed=1", course.Directive{}, `unknown topic "bogus"`},
		{"::: question topic=nat level=4 seed=1", course.Directive{}, `level "4"`},
		{"::: question topic=nat level=01 seed=1", course.Directive{}, `level "01"`},
		{"::: question topic=nat level=1 seed=-1", course.Directive{}, `seed "-1"`},
		{"::: question topic=nat level=1 seed=9007199254740992", course.Directive{}, "seed"},
		{"::: question topic=nat level=1", course.Directive{}, "needs topic, level and seed"},
		{"::: question topic=nat topic=addr level=1 seed=1", course.Directive{}, "given twice"},
		{"::: question topic=nat level=1 seed=1 count=3", course.Directive{}, `unknown setting "count=3"`},
		{"::: video /x y", course.Directive{}, `unknown directive "video"`},
		{":::widget /subnet x", course.Directive{}, "starts with"},
	} {
		got, err := course.ParseDirective(tc.line)
		switch {
		case tc.err == "" && err != nil:
			t.Errorf("ParseDirective(%q) = %v", tc.line, err)
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("ParseDirective(%q) error = %v; want one containing %q", tc.line, err, tc.err)
		case err == nil && got != tc.want:
			t.Errorf("ParseDirective(%q) = %+v; want %+v", tc.line, got, tc.want)
		case err == nil:
			if back, err := course.ParseDirective(got.String()); err != nil || back != got {
				t.Errorf("ParseDirective(%q) = %+v, %v; want it to round-trip", got.String(), back, err)
			}
		}
		if err != nil && !strings.Contains(err.Error(), strconv.Quote(tc.line)) {
			t.Errorf("ParseDirective(%q) error %q does not quote the line", tc.line, err)
		}
	}
}

const sample = `---
title: Masks & subnets
summary: Network and host bits.
---

A *subnet* is a **block**: ` + "`10.0.0.0/8`" + ` <b>, see [the widget](/subnet?net=10.0.0.0/8).

::: widget /subnet?net=10.0.0.0/8 A /8
::: question topic=subnet level=1 seed=4

## Lists

- one
  continued
- two

1. first
2. second

> a quote

` + "```" + `
::: widget not a directive <here>
` + "```" + `
::: question topic=nat level=1 seed=1
`

func TestParseChapter(t *testing.T) {
	c, err := course.ParseChapter("03-masks-and-subnets.md", sample)
	if err != nil {
		t.Fatal(err)
	}
	if c.Number != 3 || c.Slug != "masks-and-subnets" || c.Title != "Masks & subnets" || c.Summary != "Network and host bits." {
		t.Errorf("ParseChapter = %d %q %q %q", c.Number, c.Slug, c.Title, c.Summary)
	}
	if len(c.Blocks) != 3 || !c.Blocks[1].Widget.IsValid() || c.Blocks[1].Widget.Path() != "/subnet" || c.Blocks[1].Widget.RawQuery() != "net=10.0.0.0/8" {
		t.Fatalf("blocks = %+v; want text, widget, text", c.Blocks)
	}
	want := []course.QuestionRef{{Topic: practice.TopicSubnet, Level: 1, Seed: 4}, {Topic: practice.TopicNAT, Level: 1, Seed: 1}}
	if len(c.Questions) != 2 || c.Questions[0] != want[0] || c.Questions[1] != want[1] {
		t.Errorf("questions = %+v; want %+v", c.Questions, want)
	}
	if q := c.Questions[0].Question(); q.Text == "" || !q.Check(q.Answer).Correct {
		t.Errorf("question %+v: %q answered %q is not right", c.Questions[0], q.Text, q.Answer)
	}

	for _, tc := range []struct{ name, src, err string }{
		{"3-x.md", sample, "NN-slug.md"},
		{"03-X.md", sample, "NN-slug.md"},
		{"03-x.txt", sample, "NN-slug.md"},
		{"03-x.md", "no front matter", "front matter"},
		{"03-x.md", "---\ntitle: x\nsummary: y\n", "no closing"},
		{"03-x.md", "---\ntitle: x\n---\n", "title and a summary"},
		{"03-x.md", "---\ntitle: x\nsummary: y\nauthor: z\n---\n", `unknown front matter key "author"`},
		{"03-x.md", "---\ntitle x\n---\n", "not key: value"},
		{"03-x.md", "---\ntitle: x\nsummary: y\n---\n::: widget /x\n", "line 5"},
		{"03-x.md", "---\ntitle: x\nsummary: y\n---\n```\ncode\n", "not closed"},
	} {
		if _, err := course.ParseChapter(tc.name, tc.src); err == nil || !strings.Contains(err.Error(), tc.err) {
			t.Errorf("ParseChapter(%q, %q) error = %v; want one containing %q", tc.name, tc.src, err, tc.err)
		}
	}
}

func TestHTML(t *testing.T) {
	c, err := course.ParseChapter("03-masks.md", sample)
	if err != nil {
		t.Fatal(err)
	}
	got := course.HTML(c, func(p string) string { return "/base" + p }, func(w course.Widget) string { return "<figure>" + w.Link + "</figure>" })
	for _, want := range []string{
		`<div class="learn-prose" id="learn-prose" data-chapter="masks">`,
		`<p>A <em>subnet</em> is a <strong>block</strong>: <code>10.0.0.0/8</code> &lt;b&gt;, see <a href="/base/subnet?net=10.0.0.0/8">the widget</a>.</p>`,
		`</p><figure>/subnet?net=10.0.0.0/8</figure>`,
		`<h2>Lists</h2>`,
		`<ul><li>one continued</li><li>two</li></ul>`,
		`<ol><li>first</li><li>second</li></ol>`,
		`<blockquote><p>a quote</p></blockquote>`,
		`<pre><code>::: widget not a directive &lt;here&gt;` + "\n" + `</code></pre>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("HTML does not contain\n%s\nin\n%s", want, got)
		}
	}
	if strings.Contains(got, "question") || strings.Contains(got, "Masks") {
		t.Errorf("HTML holds the questions or the title, which the page renders itself:\n%s", got)
	}
}

func TestInline(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"a `b < c` d", "<p>a <code>b &lt; c</code> d</p>"},
		{"2 * 3 * 4", "<p>2 <em> 3 </em> 4</p>"},
		{"unclosed `code and **bold", "<p>unclosed `code and **bold</p>"},
		{"[x](javascript:alert(1))", "<p>[x](javascript:alert(1))</p>"},
		{"[x](//evil.example/)", "<p>[x](//evil.example/)</p>"},
		{"[RFC 1918](https://www.rfc-editor.org/rfc/rfc1918)", `<p><a href="https://www.rfc-editor.org/rfc/rfc1918">RFC 1918</a></p>`},
		{`[a "b"](/x) & <i>`, `<p><a href="/x">a &#34;b&#34;</a> &amp; &lt;i&gt;</p>`},
	} {
		c := course.Chapter{Slug: "x", Blocks: []course.Block{{Markdown: tc.in}}}
		got := strings.TrimSuffix(strings.TrimPrefix(course.HTML(c, func(p string) string { return p }, nil), `<div class="learn-prose" id="learn-prose" data-chapter="x">`), "</div>")
		if got != tc.want {
			t.Errorf("HTML(%q) = %s; want %s", tc.in, got, tc.want)
		}
	}
}
