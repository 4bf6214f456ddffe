package paste

import (
	"strings"
)

// RefURL returns the address of the document a Diagnosis reference names:
// a manual page such as "bind(2): EADDRINUSE" at man7.org, "RFC 9293 §3.10.7"
// at the RFC Editor, Microsoft's Windows Sockets error codes, curl's error
// codes. It returns "" for a reference it does not know the place of.
func RefURL(ref string) string {
	switch {
	case strings.HasPrefix(ref, "RFC "):
		num := ref[len("RFC "):]
		if i := strings.IndexFunc(num, func(r rune) bool { return r < '0' || r > '9' }); i >= 0 {
			num = num[:i]
		}
		if num == "" {
			return ""
		}
		return "https://www.rfc-editor.org/rfc/rfc" + num
	case strings.HasPrefix(ref, "curl:"):
		return "https://curl.se/libcurl/c/libcurl-errors.html"
	case strings.Contains(ref, "learn.microsoft.com/"):
		u := ref[strings.Index(ref, "learn.microsoft.com/"):]
		if i := strings.IndexAny(u, " ,;)"); i >= 0 {
			u = u[:i]
		}
		return "https://" + u
	}
	name, section, ok := manPage(ref)
	if !ok {
		return ""
	}
	return "https://man7.org/linux/man-pages/man" + section + "/" + name + "." + section + ".html"
}

// manPage reads the "name(N)" a reference starts with.
func manPage(ref string) (name, section string, ok bool) {
	open := strings.IndexByte(ref, '(')
	if open <= 0 || open+3 > len(ref) || ref[open+2] != ')' {
		return "", "", false
	}
	name, section = ref[:open], ref[open+1:open+2]
	if section[0] < '1' || section[0] > '8' {
		return "", "", false
	}
	for _, r := range name {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.') {
			return "", "", false
		}
	}
	return name, section, true
}
