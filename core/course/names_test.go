package course

import (
	"regexp"
	"strconv"
	"testing"
)

// The grammars of a widget link's path and of a chapter's file name, as
// regular expressions: the hand-written readers must agree with them.
var (
	linkPathRE = regexp.MustCompile(`^/[a-z0-9]+(?:/[a-z0-9-]+)*$`)
	fileNameRE = regexp.MustCompile(`^([0-9]{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\.md$`)
)

var nameSamples = []string{
	"", "/", "//", "/subnet", "/nat/cgnat", "/nat/-", "/-nat", "/a/b-c/d", "/a/", "/A", "/a b", "/é",
	"/embed/learn/private-public", "subnet", "/subnet?x", "/1/2/3",
	"03-subnets.md", "01-private-public.md", "1-a.md", "001-a.md", "03-.md", "03--a.md", "03-a-.md",
	"03-a.MD", "03-A.md", "ab-c.md", "03_a.md", "03-a.md.md", "03-a", "99-z9.md", "03-a--b.md", "03-a-b-c.md",
}

func TestIsLinkPath(t *testing.T) {
	for _, s := range nameSamples {
		if got, want := isLinkPath(s), linkPathRE.MatchString(s); got != want {
			t.Errorf("isLinkPath(%q) = %v; the grammar says %v", s, got, want)
		}
	}
}

func TestSplitFileName(t *testing.T) {
	for _, s := range nameSamples {
		checkFileName(t, s)
	}
}

func checkFileName(t *testing.T, s string) {
	n, slug, ok := splitFileName(s)
	m := fileNameRE.FindStringSubmatch(s)
	if ok != (m != nil) {
		t.Fatalf("splitFileName(%q) ok = %v; the grammar says %v", s, ok, m != nil)
	}
	if m == nil {
		return
	}
	if want, _ := strconv.Atoi(m[1]); n != want || slug != m[2] {
		t.Errorf("splitFileName(%q) = %d, %q; want %d, %q", s, n, slug, want, m[2])
	}
}

func FuzzNames(f *testing.F) {
	for _, s := range nameSamples {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := isLinkPath(s), linkPathRE.MatchString(s); got != want {
			t.Errorf("isLinkPath(%q) = %v; the grammar says %v", s, got, want)
		}
		checkFileName(t, s)
	})
}
