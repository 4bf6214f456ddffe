package course_test

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/netground/netground/core/course"
)

// FuzzParseDirective: no line panics, every directive read prints back to
// a line that reads the same, and every error quotes the line.
func FuzzParseDirective(f *testing.F) {
	for _, s := range []string{"::: widget /subnet?net=10.0.0.0/24 A /24", "::: question topic=subnet level=1 seed=4",
		"::: widget /a?b=%zz c", "::: question", "::: widget /x?q=\x00 y", ":::", "::: widget /nat?preset=reply The reply"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		d, err := course.ParseDirective(line)
		if err != nil {
			if !strings.Contains(err.Error(), strconv.Quote(line)) {
				t.Errorf("ParseDirective(%q) error %q does not quote the line", line, err)
			}
			return
		}
		back, err := course.ParseDirective(d.String())
		if err != nil || back != d {
			t.Errorf("ParseDirective(%q) = %+v; its String %q reads back as %+v, %v", line, d, d.String(), back, err)
		}
	})
}

// ownTag matches the tags HTML writes; the text cannot add others.
var ownTag = regexp.MustCompile(`^</?(div|p|em|strong|code|a|h2|h3|ul|ol|li|blockquote|pre|figure)[ >]`)

// FuzzChapter: no source panics, and a chapter that reads renders with no
// tag but its own: the text cannot smuggle one in.
func FuzzChapter(f *testing.F) {
	f.Add("---\ntitle: t\nsummary: s\n---\n\nText *a* **b** `c` [d](/e).\n\n::: widget /subnet?net=10.0.0.0/8 A /8\n- x\n1. y\n> z\n```\ncode\n```\n")
	f.Add("---\ntitle: t\nsummary: s\n---\n<script>alert(1)</script> [x](/y\"><script>) **<i>**")
	f.Fuzz(func(t *testing.T, src string) {
		c, err := course.ParseChapter("01-x.md", src)
		front, frontErr := course.ParseFront("01-x.md", src)
		if err != nil {
			if frontErr == nil && strings.HasPrefix(err.Error(), `chapter "01-x.md": the front matter`) {
				t.Fatalf("ParseFront of %q read a front matter ParseChapter refused: %v", src, err)
			}
			return
		}
		if frontErr != nil || front.Number != c.Number || front.Slug != c.Slug || front.Title != c.Title || front.Summary != c.Summary {
			t.Fatalf("ParseFront of %q = %+v, %v; ParseChapter read %d %q %q %q", src, front, frontErr, c.Number, c.Slug, c.Title, c.Summary)
		}
		html := course.HTML(c, func(p string) string { return p }, func(course.Widget) string { return "<figure></figure>" })
		for i := range len(html) {
			if html[i] == '<' && !ownTag.MatchString(html[i:]) {
				t.Fatalf("HTML of %q holds a tag of its text at %d:\n%s", src, i, html)
			}
		}
	})
}
