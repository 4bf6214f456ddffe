package paste

import (
	"fmt"
	"strings"
	"unicode"
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
	l.text = make([]string, 0, min(strings.Count(text, "\n")+1, MaxLines))
	// nl and cr are the next LF and CR at or after pos, len(text) when
	// there is none: each is searched for once per line it ends, so that
	// a paste whose lines end in CR alone is read in linear time too.
	nl, cr := -1, -1
	for pos := 0; pos < len(text); {
		if len(l.text) == MaxLines {
			l.notes = append(l.notes, fmt.Sprintf("the paste has more than %d lines; only the first %d were read", MaxLines, MaxLines))
			break
		}
		if nl < pos {
			nl = indexFrom(text, pos, '\n')
		}
		if cr < pos {
			cr = indexFrom(text, pos, '\r')
		}
		i := min(nl, cr)
		line := text[pos:i]
		pos = i + 1
		if i == cr && i+1 == nl {
			pos++
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

// indexFrom returns the index of the first c in text at or after from,
// or len(text).
func indexFrom(text string, from int, c byte) int {
	if i := strings.IndexByte(text[from:], c); i >= 0 {
		return from + i
	}
	return len(text)
}

// commands are the programs whose output the package reads; a shell prompt
// followed by one of them starts a new listing.
var commands = []string{"ss", "netstat", "lsof", "docker", "podman", "ip", "ifconfig", "ipconfig", "kubectl", "k", "oc", "sudo"}

// isPrompt reports whether line is a shell prompt with one of the commands,
// such as "$ ss -ltn", "alice@box:~$ sudo ss -ltnp", "PS C:\> netstat -ano"
// or "C:\Users\alice>ipconfig".
func isPrompt(line string) bool {
	t := strings.TrimSpace(line)
	// A prompt's separator comes within its first 80 bytes: most lines
	// of a listing have none of its characters there.
	if !hasPromptByte(t[:min(len(t), 82)]) {
		return false
	}
	for _, sep := range promptSeps {
		i := strings.Index(t[:min(len(t), 80+len(sep))], sep)
		if i < 0 {
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

var promptSeps = []string{"$ ", "# ", "% ", "> ", ">"}

// hasPromptByte reports whether s holds the first byte of a prompt's
// separator.
func hasPromptByte(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '$', '#', '%', '>':
			return true
		}
	}
	return false
}

// fields splits a line at runs of white space, as strings.Fields does.
func fields(s string) []string { return appendFields(nil, s) }

// appendFields appends the fields of s, split as strings.Fields splits
// them, to dst: a parser reuses one slice for every line.
func appendFields(dst []string, s string) []string {
	start := -1
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if asciiSpace[c] {
				if start >= 0 {
					dst = append(dst, s[start:i])
					start = -1
				}
			} else if start < 0 {
				start = i
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			if start >= 0 {
				dst = append(dst, s[start:i])
				start = -1
			}
		} else if start < 0 {
			start = i
		}
		i += size
	}
	if start >= 0 {
		dst = append(dst, s[start:])
	}
	return dst
}

// asciiSpace are the ASCII bytes unicode.IsSpace reports.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// wideFields splits a line at tabs and at runs of two or more spaces, the
// way tabwriter-aligned tables (kubectl, docker) separate columns while
// values such as "2 hours ago" keep their single spaces.
func wideFields(s string) []string { return appendWideFields(nil, s) }

// appendWideFields appends the fields wideFields gives to out.
func appendWideFields(out []string, s string) []string {
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
