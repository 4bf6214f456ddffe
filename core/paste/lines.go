package paste

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Limits on a paste, so that hostile input cannot freeze the page.
const (
	MaxBytes     = 1 << 20 // bytes read; the rest is left out
	MaxLines     = 20_000  // lines read; the rest are left out
	MaxLineBytes = 4096    // longer lines are cut to this many bytes
)

// lines is a paste cut into lines, with what was left out said in notes.
type lines struct {
	text   []string
	notes  []string
	binary bool
}

// split cuts text into lines within the limits: CR LF and lone CR end
// lines too, invalid UTF-8 becomes U+FFFD, and a NUL byte stops reading as
// binary input.
func split(text string) lines {
	var l lines
	if len(text) > MaxBytes {
		cut := strings.LastIndexByte(text[:MaxBytes], '\n')
		l.notes = append(l.notes, fmt.Sprintf("the paste is %d bytes; only the first %d were read", len(text), MaxBytes))
		text = text[:max(cut, 0)]
	}
	if i := strings.IndexByte(text, 0); i >= 0 {
		l.binary = true
		l.notes = append(l.notes, "the paste holds binary data (a NUL byte); only the text before it was read")
		text = text[:i]
	}
	long := 0
	for len(text) > 0 {
		if len(l.text) == MaxLines {
			l.notes = append(l.notes, fmt.Sprintf("the paste has more than %d lines; only the first %d were read", MaxLines, MaxLines))
			break
		}
		i := strings.IndexAny(text, "\r\n")
		var line string
		if i < 0 {
			line, text = text, ""
		} else {
			line = text[:i]
			if text[i] == '\r' && i+1 < len(text) && text[i+1] == '\n' {
				i++
			}
			text = text[i+1:]
		}
		if len(line) > MaxLineBytes {
			long++
			line = line[:MaxLineBytes]
			for len(line) > 0 && !utf8.RuneStart(line[len(line)-1]) {
				line = line[:len(line)-1]
			}
		}
		if !utf8.ValidString(line) {
			line = strings.ToValidUTF8(line, "\uFFFD")
		}
		l.text = append(l.text, line)
	}
	if long > 0 {
		l.notes = append(l.notes, fmt.Sprintf("%d lines longer than %d bytes were cut", long, MaxLineBytes))
	}
	return l
}

// commands are the programs whose output the package reads; a shell prompt
// followed by one of them starts a new listing.
var commands = []string{"ss", "netstat", "lsof", "docker", "podman", "ip", "ifconfig", "ipconfig", "kubectl", "k", "oc", "sudo"}

// isPrompt reports whether line is a shell prompt with one of the commands,
// such as "$ ss -ltn", "alice@box:~$ sudo ss -ltnp", "PS C:\> netstat -ano"
// or "C:\Users\alice>ipconfig".
func isPrompt(line string) bool {
	t := strings.TrimSpace(line)
	for _, sep := range []string{"$ ", "# ", "% ", "> ", ">"} {
		i := strings.Index(t, sep)
		if i < 0 || i > 80 {
			continue
		}
		rest := strings.TrimSpace(t[i+len(sep):])
		word, _, _ := strings.Cut(rest, " ")
		for _, c := range commands {
			if word == c || strings.EqualFold(word, c+".exe") {
				return true
			}
		}
	}
	return false
}

// fields splits a line at runs of spaces and tabs.
func fields(s string) []string { return strings.Fields(s) }

// wideFields splits a line at tabs and at runs of two or more spaces, the
// way tabwriter-aligned tables (kubectl, docker) separate columns while
// values such as "2 hours ago" keep their single spaces.
func wideFields(s string) []string {
	var out []string
	start := -1
	for i := 0; i < len(s); i++ {
		c := s[i]
		sep := c == '\t' || c == ' ' && (i+1 < len(s) && s[i+1] == ' ' || i+1 == len(s))
		if c == ' ' && i > 0 && s[i-1] == ' ' {
			sep = true
		}
		if sep {
			if start >= 0 {
				out = append(out, s[start:i])
				start = -1
			}
			continue
		}
		if start < 0 {
			if c == ' ' {
				continue
			}
			start = i
		}
	}
	if start >= 0 {
		out = append(out, s[start:])
	}
	return out
}
