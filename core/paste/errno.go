package paste

import "github.com/netground/netground/core/internal/enum"

// Errno is the socket error an error message reports. The zero Errno is
// NoErrno: the text reports none of them.
type Errno uint8

// Socket errors the package recognises, by their POSIX names; EmptyReply
// is curl's error 52, the server closing without a byte.
const (
	NoErrno      Errno = iota
	AddrInUse          // EADDRINUSE, WSAEADDRINUSE 10048
	ConnRefused        // ECONNREFUSED, WSAECONNREFUSED 10061
	TimedOut           // ETIMEDOUT, WSAETIMEDOUT 10060
	HostUnreach        // EHOSTUNREACH, WSAEHOSTUNREACH 10065
	NetUnreach         // ENETUNREACH, WSAENETUNREACH 10051
	AddrNotAvail       // EADDRNOTAVAIL, WSAEADDRNOTAVAIL 10049
	Access             // EACCES, WSAEACCES 10013
	EmptyReply         // curl (52) Empty reply from server
	ConnReset          // ECONNRESET, WSAECONNRESET 10054
)

var errnoNames = enum.Set[Errno]{Kind: "errno", List: enum.Or, Names: []string{
	"", "EADDRINUSE", "ECONNREFUSED", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH",
	"EADDRNOTAVAIL", "EACCES", "empty reply", "ECONNRESET"}}

// String returns the error's POSIX name, such as "EADDRINUSE", "empty
// reply" for EmptyReply, and "" for NoErrno.
func (e Errno) String() string { return errnoNames.Text(e) }

// Verdict returns the word the labs show for the error: "EADDRINUSE",
// "refused", "timed out", "no route", "EADDRNOTAVAIL", "EACCES", "empty
// reply" or "reset", and "" for NoErrno.
func (e Errno) Verdict() string {
	switch e {
	case ConnRefused:
		return "refused"
	case TimedOut:
		return "timed out"
	case HostUnreach, NetUnreach:
		return "no route"
	case ConnReset:
		return "reset"
	}
	return e.String()
}

// WSACode returns the Windows Sockets error code of the error, such as
// 10048 for AddrInUse, or 0 if it has none.
func (e Errno) WSACode() int {
	switch e {
	case AddrInUse:
		return 10048
	case ConnRefused:
		return 10061
	case TimedOut:
		return 10060
	case HostUnreach:
		return 10065
	case NetUnreach:
		return 10051
	case AddrNotAvail:
		return 10049
	case Access:
		return 10013
	case ConnReset:
		return 10054
	}
	return 0
}
