package course

import (
	"html"
	"strings"
)

// HTML renders the chapter's text and widgets, without its title and
// questions, as one <div class="learn-prose"> element. href turns an
// internal path (/subnet?net=…) into the URL the page links to, so that a
// bundle served under a sub-path keeps its links; widget returns the HTML
// of a widget (the page frames its embed page).
//
// The Markdown is a small subset: paragraphs, ## and ### headings, lists
// (lines starting "- " or "1. "), ``` code blocks, > quotes, and inline
// `code`, **strong**, *emphasis* and [links](/path). Everything else is
// text, escaped.
func HTML(c Chapter, href func(string) string, widget func(Widget) string) string {
	var b strings.Builder
	b.WriteString(`<div class="learn-prose" id="learn-prose" data-chapter="` + html.EscapeString(c.Slug) + `">`)
	for _, bl := range c.Blocks {
		if bl.Widget.IsValid() {
			b.WriteString(widget(bl.Widget))
		} else {
			writeMarkdown(&b, bl.Markdown, href)
		}
	}
	b.WriteString(`</div>`)
	return b.String()
}

// writeMarkdown writes a stretch of Markdown text.
func writeMarkdown(b *strings.Builder, md string, href func(string) string) {
	lines := strings.Split(md, "\n")
	var para []string
	flush := func() {
		if len(para) > 0 {
			writeParagraph(b, para, href)
			para = nil
		}
	}
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		switch {
		case strings.HasPrefix(line, "```"):
			flush()
			b.WriteString(`<pre><code>`)
			for i++; i < len(lines) && !strings.HasPrefix(lines[i], "```"); i++ {
				b.WriteString(html.EscapeString(lines[i]) + "\n")
			}
			b.WriteString(`</code></pre>`)
		case strings.TrimSpace(line) == "":
			flush()
		case strings.HasPrefix(line, "### "):
			flush()
			b.WriteString(`<h3>` + inline(line[4:], href) + `</h3>`)
		case strings.HasPrefix(line, "## "):
			flush()
			b.WriteString(`<h2>` + inline(line[3:], href) + `</h2>`)
		default:
			para = append(para, line)
		}
	}
	flush()
}

// writeParagraph writes a block of lines: a list, a quote or a paragraph.
func writeParagraph(b *strings.Builder, lines []string, href func(string) string) {
	switch {
	case listItem(lines[0], false) != "":
		writeList(b, "ul", lines, false, href)
	case listItem(lines[0], true) != "":
		writeList(b, "ol", lines, true, href)
	case strings.HasPrefix(lines[0], "> "):
		var text []string
		for _, l := range lines {
			text = append(text, strings.TrimPrefix(strings.TrimPrefix(l, ">"), " "))
		}
		b.WriteString(`<blockquote><p>` + inline(strings.Join(text, " "), href) + `</p></blockquote>`)
	default:
		b.WriteString(`<p>` + inline(strings.Join(lines, " "), href) + `</p>`)
	}
}

// writeList writes list items; a line that starts no item continues the
// one before.
func writeList(b *strings.Builder, tag string, lines []string, ordered bool, href func(string) string) {
	var items []string
	for _, l := range lines {
		if it := listItem(l, ordered); it != "" {
			items = append(items, it)
		} else {
			items[len(items)-1] += " " + strings.TrimSpace(l)
		}
	}
	b.WriteString("<" + tag + ">")
	for _, it := range items {
		b.WriteString(`<li>` + inline(it, href) + `</li>`)
	}
	b.WriteString("</" + tag + ">")
}

// listItem returns the text of a list item line ("- text", or "1. text"
// when ordered), or "".
func listItem(line string, ordered bool) string {
	if !ordered {
		if strings.HasPrefix(line, "- ") {
			return strings.TrimSpace(line[2:])
		}
		return ""
	}
	i := 0
	for i < len(line) && i < 3 && line[i] >= '0' && line[i] <= '9' {
		i++
	}
	if i > 0 && strings.HasPrefix(line[i:], ". ") {
		return strings.TrimSpace(line[i+2:])
	}
	return ""
}

// inline renders the inline Markdown of one block: `code`, **strong**,
// *emphasis* and [text](link); everything else is escaped text. A marker
// without its closing twin is text.
func inline(s string, href func(string) string) string {
	var b strings.Builder
	for len(s) > 0 {
		switch {
		case s[0] == '`':
			if end := strings.IndexByte(s[1:], '`'); end >= 0 {
				b.WriteString(`<code>` + html.EscapeString(s[1:1+end]) + `</code>`)
				s = s[2+end:]
				continue
			}
		case strings.HasPrefix(s, "**"):
			if end := strings.Index(s[2:], "**"); end > 0 {
				b.WriteString(`<strong>` + inline(s[2:2+end], href) + `</strong>`)
				s = s[4+end:]
				continue
			}
		case s[0] == '*':
			if end := strings.IndexByte(s[1:], '*'); end > 0 {
				b.WriteString(`<em>` + inline(s[1:1+end], href) + `</em>`)
				s = s[2+end:]
				continue
			}
		case s[0] == '[':
			if text, link, rest, ok := cutLink(s); ok {
				if strings.HasPrefix(link, "/") {
					link = href(link)
				}
				b.WriteString(`<a href="` + html.EscapeString(link) + `">` + inline(text, href) + `</a>`)
				s = rest
				continue
			}
		}
		n := 1
		for n < len(s) && !strings.ContainsRune("`*[", rune(s[n])) {
			n++
		}
		b.WriteString(html.EscapeString(s[:n]))
		s = s[n:]
	}
	return b.String()
}

// cutLink reads "[text](link)" at the start of s. Only internal paths and
// https links are links; anything else stays text.
func cutLink(s string) (text, link, rest string, ok bool) {
	close := strings.Index(s, "](")
	if close < 1 {
		return "", "", "", false
	}
	end := strings.IndexByte(s[close+2:], ')')
	if end < 0 {
		return "", "", "", false
	}
	text, link = s[1:close], s[close+2:close+2+end]
	if strings.ContainsAny(text, "[]") || link == "" || strings.ContainsAny(link, " \"'<>") ||
		!(strings.HasPrefix(link, "/") && !strings.HasPrefix(link, "//") || strings.HasPrefix(link, "https://")) {
		return "", "", "", false
	}
	return text, link, s[close+3+end:], true
}
