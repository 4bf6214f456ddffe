// Package markup builds HTML as a tree of nodes and writes it as text.
//
// The answers of the simple widgets are built once with it (package
// answer) and shown by both the small first-answer binary, which sets them
// as innerHTML of the pre-rendered page, and the go-app app, which shows
// the same text with app.Raw. It has no dependency on go-app or syscall/js.
package markup

import (
	"html"
	"strings"
)

// Node is an element, a text or nothing. The zero Node is nothing: it
// writes no text, so If can leave out a part.
type Node struct {
	tag   string // "" for a text or nothing
	text  string
	raw   bool // text is HTML, written as it is
	attrs []attr
	kids  []Node
}

type attr struct{ name, value string }

// El returns an element with children.
func El(tag string, kids ...Node) Node { return Node{tag: tag, kids: kids} }

// Text returns a text node; it is escaped when written.
func Text(s string) Node { return Node{text: s} }

// Markup returns a node of HTML that this package wrote (Node.String),
// written as it is: it lets an answer hold another answer, as a page that
// keeps its last answer while the next is typed does.
func Markup(html string) Node { return Node{text: html, raw: true} }

// Name returns a dotted or snake_case name, such as
// net.ipv4.ip_local_port_range, as text that may wrap only after a dot or
// an underscore: a <wbr> follows each.
func Name(s string) Node {
	var kids []Node
	for s != "" {
		i := strings.IndexAny(s, "._")
		if i < 0 {
			kids = append(kids, Text(s))
			break
		}
		kids = append(kids, Text(s[:i+1]), El("wbr"))
		s = s[i+1:]
	}
	return Node{kids: kids}
}

// If returns n when cond holds, and nothing otherwise.
func If(cond bool, n Node) Node {
	if !cond {
		return Node{}
	}
	return n
}

// Each returns the nodes f makes for 0 ≤ i < n, as a list without an
// element of its own.
func Each(n int, f func(i int) Node) Node {
	kids := make([]Node, n)
	for i := range kids {
		kids[i] = f(i)
	}
	return Node{kids: kids}
}

// IsZero reports whether n is nothing.
func (n Node) IsZero() bool { return n.tag == "" && n.text == "" && len(n.kids) == 0 }

// Attr returns n with one more attribute.
func (n Node) Attr(name, value string) Node {
	n.attrs = append(n.attrs[:len(n.attrs):len(n.attrs)], attr{name, value})
	return n
}

// Class sets the class attribute.
func (n Node) Class(c string) Node { return n.Attr("class", c) }

// Field sets data-field, the name course pages and tests read a value by.
func (n Node) Field(name string) Node { return n.Attr("data-field", name) }

// Body returns n with more children.
func (n Node) Body(kids ...Node) Node {
	n.kids = append(n.kids[:len(n.kids):len(n.kids)], kids...)
	return n
}

// String returns n as HTML.
func (n Node) String() string {
	var b strings.Builder
	n.write(&b)
	return b.String()
}

// void elements have no end tag.
var void = map[string]bool{"br": true, "hr": true, "img": true, "input": true, "wbr": true}

func (n Node) write(b *strings.Builder) {
	if n.tag == "" {
		if n.raw {
			b.WriteString(n.text)
		} else {
			b.WriteString(html.EscapeString(n.text))
		}
		for _, k := range n.kids {
			k.write(b)
		}
		return
	}
	b.WriteByte('<')
	b.WriteString(n.tag)
	for _, a := range n.attrs {
		b.WriteByte(' ')
		b.WriteString(a.name)
		b.WriteString(`="`)
		b.WriteString(html.EscapeString(a.value))
		b.WriteByte('"')
	}
	b.WriteByte('>')
	if void[n.tag] {
		return
	}
	for _, k := range n.kids {
		k.write(b)
	}
	b.WriteString("</")
	b.WriteString(n.tag)
	b.WriteByte('>')
}
