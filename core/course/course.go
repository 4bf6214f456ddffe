// Package course reads the chapters of Netground's course (/learn): short
// texts in a small Markdown with two directives, one that shows a live
// widget at a given link and one that asks a question of the practice
// engine (package practice), and renders them as HTML.
//
// A chapter's source is a file named NN-slug.md:
//
//	---
//	title: Masks and subnets
//	summary: /24 and /16, network and host bits, network and broadcast.
//	---
//
//	A paragraph with `code`, **strong**, *emphasis* and [a link](/subnet).
//
//	::: widget /subnet?net=192.168.1.0/24 A home network, 192.168.1.0/24
//
//	::: question topic=subnet level=1 seed=4
//
// The widget directive names an internal link (the widget's page and its
// state); the page shows its embed twin (/embed/subnet?net=…) with the
// rest of the line as its title. The question directive names a question
// by topic, level and seed: the engine generates the same question from
// them every time. Questions are asked at the end of the chapter, in the
// order of their directives.
package course

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/netground/netground/core/practice"
)

// Chapter is one chapter of the course. The zero Chapter is no chapter.
type Chapter struct {
	// Number is the chapter's place in the course, from 1.
	Number int
	// Slug names the chapter in its link: /learn/<slug>.
	Slug string
	// Title and Summary are the chapter's heading and its one-line
	// description in the list of chapters.
	Title, Summary string
	// Blocks are the chapter's text and widgets, in order.
	Blocks []Block
	// Questions are asked at the end of the chapter, in order.
	Questions []QuestionRef
}

// Block is a stretch of Markdown text or, when Widget is valid, a widget.
type Block struct {
	Markdown string
	Widget   Widget
}

// Widget is a live widget shown in a chapter: the page of its Link (such
// as /subnet?net=192.168.1.0/24), embedded, titled Title. The zero Widget
// is no widget.
type Widget struct {
	Link, Title string
}

// IsValid reports whether w names a widget.
func (w Widget) IsValid() bool { return w.Link != "" }

// Path returns the path of the widget's link, such as /subnet.
func (w Widget) Path() string {
	p, _, _ := strings.Cut(w.Link, "?")
	return p
}

// RawQuery returns the query of the widget's link, such as
// net=192.168.1.0/24.
func (w Widget) RawQuery() string {
	_, q, _ := strings.Cut(w.Link, "?")
	return q
}

// QuestionRef names one question of the practice engine. The zero
// QuestionRef is no question.
type QuestionRef struct {
	Topic practice.Topic
	Level int
	Seed  uint64
}

// Question generates the question.
func (r QuestionRef) Question() practice.Question {
	return practice.Generate(r.Topic, r.Level, r.Seed, 0)
}

// Directive is one directive line: a widget or a question.
type Directive struct {
	Widget   Widget
	Question QuestionRef
}

// String returns the directive as a chapter writes it; ParseDirective reads
// it back.
func (d Directive) String() string {
	if d.Widget.IsValid() {
		s := "::: widget " + d.Widget.Link
		if d.Widget.Title != "" {
			s += " " + d.Widget.Title
		}
		return s
	}
	return fmt.Sprintf("::: question topic=%s level=%d seed=%d", d.Question.Topic, d.Question.Level, d.Question.Seed)
}

// directivePrefix starts every directive line.
const directivePrefix = ":::"

// IsDirective reports whether a line of a chapter is a directive.
func IsDirective(line string) bool { return strings.HasPrefix(line, directivePrefix) }

// isLinkPath reports whether p is the path of a widget link: "/" and a
// lower-case name, then any number of "/" and a lower-case name that may
// hold hyphens, such as /subnet or /nat/cgnat.
func isLinkPath(p string) bool {
	if p == "" || p[0] != '/' {
		return false
	}
	for i, seg := range strings.Split(p[1:], "/") {
		if seg == "" {
			return false
		}
		for _, c := range []byte(seg) {
			if !isLowerDigit(c) && (c != '-' || i == 0) {
				return false
			}
		}
	}
	return true
}

func isLowerDigit(c byte) bool { return 'a' <= c && c <= 'z' || '0' <= c && c <= '9' }

// ParseDirective reads a directive line, such as
// "::: widget /subnet?net=10.0.0.0/8 A /8" or
// "::: question topic=subnet level=1 seed=4".
func ParseDirective(line string) (Directive, error) {
	rest, ok := strings.CutPrefix(line, directivePrefix+" ")
	if !ok {
		return Directive{}, fmt.Errorf("directive %q: a directive starts with %q", line, directivePrefix+" ")
	}
	kind, args, _ := strings.Cut(strings.TrimSpace(rest), " ")
	args = strings.TrimSpace(args)
	switch kind {
	case "widget":
		link, title, _ := strings.Cut(args, " ")
		title = strings.Join(strings.Fields(title), " ")
		if link == "" {
			return Directive{}, fmt.Errorf("directive %q: a widget needs a link, such as /subnet?net=10.0.0.0/24", line)
		}
		u, err := url.Parse(link)
		if err != nil || u.Scheme != "" || u.Host != "" || u.Fragment != "" || u.RawPath != "" || !isLinkPath(u.Path) {
			return Directive{}, fmt.Errorf("directive %q: widget link %q is not a page of the site with a query, such as /subnet?net=10.0.0.0/24", line, link)
		}
		if strings.HasPrefix(u.Path, "/embed/") {
			return Directive{}, fmt.Errorf("directive %q: widget link %q names an embed page; name the page itself, the chapter embeds it", line, link)
		}
		if title == "" {
			return Directive{}, fmt.Errorf("directive %q: a widget needs a title after its link, saying what it shows", line)
		}
		return Directive{Widget: Widget{Link: link, Title: title}}, nil
	case "question":
		var r QuestionRef
		seen := map[string]bool{}
		for _, f := range strings.Fields(args) {
			k, v, _ := strings.Cut(f, "=")
			if seen[k] {
				return Directive{}, fmt.Errorf("directive %q: %s is given twice", line, k)
			}
			seen[k] = true
			switch k {
			case "topic":
				r.Topic = practice.Topic(v)
				if !r.Topic.IsValid() {
					return Directive{}, fmt.Errorf("directive %q: unknown topic %q; the topics are %s", line, v, practice.JoinTopics(practice.Topics()))
				}
			case "level":
				n, err := strconv.Atoi(v)
				if err != nil || n < practice.MinLevel || n > practice.MaxLevel || strconv.Itoa(n) != v {
					return Directive{}, fmt.Errorf("directive %q: level %q is not %d to %d", line, v, practice.MinLevel, practice.MaxLevel)
				}
				r.Level = n
			case "seed":
				n, err := strconv.ParseUint(v, 10, 64)
				if err != nil || n > practice.MaxSeed || strconv.FormatUint(n, 10) != v {
					return Directive{}, fmt.Errorf("directive %q: seed %q is not a whole number from 0 to %d", line, v, uint64(practice.MaxSeed))
				}
				r.Seed = n
			default:
				return Directive{}, fmt.Errorf("directive %q: unknown setting %q; a question takes topic, level and seed", line, f)
			}
		}
		if !seen["topic"] || !seen["level"] || !seen["seed"] {
			return Directive{}, fmt.Errorf("directive %q: a question needs topic, level and seed, such as topic=subnet level=1 seed=4", line)
		}
		return Directive{Question: r}, nil
	}
	return Directive{}, fmt.Errorf("directive %q: unknown directive %q; the directives are widget and question", line, kind)
}

// splitFileName reads the name of a chapter's source, two digits, a
// hyphen, the slug and ".md" (such as "03-subnets.md"): the slug is
// lower-case words and digits joined by single hyphens.
func splitFileName(name string) (number int, slug string, ok bool) {
	rest, ok := strings.CutSuffix(name, ".md")
	if !ok || len(rest) < 4 || !isDigit(rest[0]) || !isDigit(rest[1]) || rest[2] != '-' {
		return 0, "", false
	}
	slug = rest[3:]
	for _, w := range strings.Split(slug, "-") {
		if w == "" {
			return 0, "", false
		}
		for _, c := range []byte(w) {
			if !isLowerDigit(c) {
				return 0, "", false
			}
		}
	}
	return int(rest[0]-'0')*10 + int(rest[1]-'0'), slug, true
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// ParseChapter reads the source of a chapter from the file name (such as
// "03-subnets.md", which gives its number and slug) and its text.
func ParseChapter(name, src string) (Chapter, error) {
	c, lines, end, err := parseFront(name, src)
	if err != nil {
		return Chapter{}, err
	}
	return parseBody(c, name, lines, end)
}

// ParseFront reads only what names a chapter: the number and slug of its
// file name and the title and summary of its front matter, with the same
// checks as ParseChapter. Listing the chapters needs no more.
func ParseFront(name, src string) (Chapter, error) {
	c, _, _, err := parseFront(name, src)
	return c, err
}

// parseFront reads the file name and the front matter, and returns the
// chapter so far, its lines and the index of the front matter's closing
// line.
func parseFront(name, src string) (c Chapter, lines []string, end int, err error) {
	n, slug, ok := splitFileName(name)
	if !ok {
		return Chapter{}, nil, 0, fmt.Errorf("chapter %q: the file name must be NN-slug.md, such as 03-subnets.md", name)
	}
	c = Chapter{Number: n, Slug: slug}
	lines = strings.Split(strings.ReplaceAll(src, "\r\n", "\n"), "\n")
	if len(lines) == 0 || lines[0] != "---" {
		return Chapter{}, nil, 0, fmt.Errorf("chapter %q: it must start with a front matter between --- lines (title, summary)", name)
	}
	end = -1
	for i := 1; i < len(lines); i++ {
		if lines[i] == "---" {
			end = i
			break
		}
		k, v, ok := strings.Cut(lines[i], ":")
		v = strings.TrimSpace(v)
		switch {
		case strings.TrimSpace(lines[i]) == "":
		case !ok:
			return Chapter{}, nil, 0, fmt.Errorf("chapter %q: front matter line %d %q is not key: value", name, i+1, lines[i])
		case k == "title":
			c.Title = v
		case k == "summary":
			c.Summary = v
		default:
			return Chapter{}, nil, 0, fmt.Errorf("chapter %q: unknown front matter key %q; the keys are title and summary", name, k)
		}
	}
	if end < 0 {
		return Chapter{}, nil, 0, fmt.Errorf("chapter %q: the front matter has no closing --- line", name)
	}
	if c.Title == "" || c.Summary == "" {
		return Chapter{}, nil, 0, fmt.Errorf("chapter %q: the front matter needs a title and a summary", name)
	}
	return c, lines, end, nil
}

// parseBody reads a chapter's text after its front matter, which ends at
// line end.
func parseBody(c Chapter, name string, lines []string, end int) (Chapter, error) {
	var text []string
	flush := func() {
		if md := strings.Trim(strings.Join(text, "\n"), "\n"); strings.TrimSpace(md) != "" {
			c.Blocks = append(c.Blocks, Block{Markdown: md})
		}
		text = nil
	}
	fenced := false
	for i := end + 1; i < len(lines); i++ {
		line := lines[i]
		if strings.HasPrefix(line, "```") {
			fenced = !fenced
		}
		if fenced || !IsDirective(line) {
			text = append(text, line)
			continue
		}
		d, err := ParseDirective(line)
		if err != nil {
			return Chapter{}, fmt.Errorf("chapter %q, line %d: %w", name, i+1, err)
		}
		if d.Widget.IsValid() {
			flush()
			c.Blocks = append(c.Blocks, Block{Widget: d.Widget})
		} else {
			c.Questions = append(c.Questions, d.Question)
		}
	}
	flush()
	if fenced {
		return Chapter{}, fmt.Errorf("chapter %q: a ``` code block is not closed", name)
	}
	return c, nil
}
