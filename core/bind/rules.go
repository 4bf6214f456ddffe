package bind

import (
	"fmt"
	"net/netip"
)

// v6only reports whether the socket is IPv6-only under the OS's default.
func (so Socket) v6only(o OS) bool {
	switch so.V6Only {
	case On:
		return true
	case Off:
		return false
	}
	return o.V6OnlyDefault()
}

// dualStack reports whether the socket is an IPv6 wildcard that also takes
// IPv4 (IPV6_V6ONLY off).
func (so Socket) dualStack(o OS) bool {
	return so.Addr.Is6() && so.Addr.IsUnspecified() && !so.v6only(o)
}

// covers reports whether a socket bound to so.Addr receives connections
// to dst: the same address, the wildcard of dst's family, or a dual-stack
// IPv6 wildcard for an IPv4 dst.
func (so Socket) covers(o OS, dst netip.Addr) bool {
	switch {
	case so.Addr == dst:
		return true
	case so.Addr.Is4() == dst.Is4():
		return so.Addr.IsUnspecified()
	case dst.Is4():
		return so.dualStack(o)
	}
	return false
}

// overlaps reports whether two bound addresses share some destination: the
// same address, a wildcard and anything of its family, or a dual-stack IPv6
// wildcard and any IPv4 address (man 7 ipv6, IPV6_V6ONLY).
func overlaps(o OS, a, b Socket) bool {
	switch {
	case a.Addr == b.Addr:
		return true
	case a.Addr.Is4() == b.Addr.Is4():
		return a.Addr.IsUnspecified() || b.Addr.IsUnspecified()
	case a.Addr.Is6():
		return a.dualStack(o)
	}
	return b.dualStack(o)
}

// sameAddr reports whether two sockets are bound to exactly the same
// address, counting a dual-stack IPv6 wildcard as 0.0.0.0 too, as BSD's
// in6_pcbbind does when it also checks the IPv4 table.
func sameAddr(o OS, a, b Socket) bool {
	if a.Addr == b.Addr {
		return true
	}
	any4 := netip.IPv4Unspecified()
	return (a.dualStack(o) && b.Addr == any4) || (b.dualStack(o) && a.Addr == any4)
}

func sockName(o OS, so Socket) string {
	s := netip.AddrPortFrom(so.Addr, uint16(so.Port)).String()
	if so.dualStack(o) {
		s += " (dual-stack)"
	}
	return s
}

// Conflict reports whether a socket can bind as second while first is bound
// in the same network namespace, following the bind rules of o. It returns
// OK, AddrInUse or Access, and the reason in plain words. Both sockets'
// ports are the bound ones; first may be in TIME_WAIT.
//
// Linux (man 7 socket): SO_REUSEPORT lets both bind when both set it and
// have the same effective user (or the first is in TIME_WAIT); SO_REUSEADDR
// lets both bind when both set it and the first is not listening (a UDP
// socket, a bound TCP socket, a TIME_WAIT). Otherwise overlapping addresses
// conflict, a dual-stack [::] overlapping every IPv4 address.
//
// macOS (BSD in_pcbbind; W. R. Stevens, UNIX Network Programming vol. 1,
// §7.5): only the second socket's options count. Without SO_REUSEADDR or
// SO_REUSEPORT any overlapping socket conflicts, TIME_WAIT included; with
// either, only a socket on exactly the same address does, unless both set
// SO_REUSEPORT.
//
// Windows (Microsoft, "Using SO_REUSEADDR and SO_EXCLUSIVEADDRUSE" and
// the table in "Sharing Transport Addresses"): the outcome is looked up by
// each socket's option (none, SO_REUSEADDR, SO_EXCLUSIVEADDRUSE) and address
// kind (wildcard or specific). A specific address can join a wildcard one
// without options if both belong to the same user; the same address needs
// SO_REUSEADDR on both; SO_EXCLUSIVEADDRUSE refuses everyone. A TIME_WAIT
// blocks only a port that had SO_EXCLUSIVEADDRUSE.
func Conflict(o OS, first, second Socket) (Verdict, string) {
	if first.Proto != second.Proto || first.Port != second.Port || !overlaps(o, first, second) {
		return OK, ""
	}
	switch o {
	case MacOS:
		return conflictBSD(first, second)
	case Windows:
		return conflictWindows(first, second)
	}
	return conflictLinux(first, second)
}

func conflictLinux(e, n Socket) (Verdict, string) {
	o := Linux
	if n.ReusePort && e.ReusePort {
		if e.State == TimeWait || e.User == n.User {
			return OK, fmt.Sprintf("both sockets set SO_REUSEPORT with the same user, so they share %s and the kernel spreads connections between them (man 7 socket)", sockName(o, n))
		}
		return AddrInUse, fmt.Sprintf("both set SO_REUSEPORT, but %s belongs to another user (%q, not %q); Linux requires the same effective user to prevent port hijacking (man 7 socket)", sockName(o, e), userName(e.User), userName(n.User))
	}
	if n.ReuseAddr && e.ReuseAddr && (e.State != Listening || e.Proto == UDP) {
		if e.State == TimeWait {
			return OK, fmt.Sprintf("%s is only in TIME_WAIT and both sockets set SO_REUSEADDR, so the new socket may bind (man 7 socket)", sockName(o, e))
		}
		if e.Proto == UDP {
			return OK, fmt.Sprintf("both UDP sockets set SO_REUSEADDR, so they share %s; each datagram goes to one of them (man 7 socket)", sockName(o, e))
		}
		return OK, fmt.Sprintf("both sockets set SO_REUSEADDR and %s is not listening, so Linux lets both bind (man 7 socket)", sockName(o, e))
	}
	why := overlapWhy(o, e, n)
	switch {
	case e.State == TimeWait && !n.ReuseAddr:
		return AddrInUse, fmt.Sprintf("connections of the previous server on %s are still in TIME_WAIT (60 s on Linux) and the new socket did not set SO_REUSEADDR; most servers set it for exactly this reason (man 7 socket)", sockName(o, e))
	case e.State == TimeWait:
		return AddrInUse, fmt.Sprintf("connections on %s are still in TIME_WAIT, and Linux honours SO_REUSEADDR only when the old socket had set it too (man 7 socket)", sockName(o, e))
	case n.ReuseAddr && e.ReuseAddr:
		return AddrInUse, fmt.Sprintf("%s is listening; on Linux SO_REUSEADDR never lets a socket bind over a listening one (man 7 socket)%s", sockName(o, e), why)
	case n.ReusePort != e.ReusePort:
		return AddrInUse, fmt.Sprintf("%s is in use; SO_REUSEPORT helps only when every socket on the address sets it before bind (man 7 socket)%s", sockName(o, e), why)
	}
	return AddrInUse, fmt.Sprintf("%s is already bound by another socket%s", sockName(o, e), why)
}

func conflictBSD(e, n Socket) (Verdict, string) {
	o := MacOS
	reuse := n.ReuseAddr || n.ReusePort
	switch {
	case e.State == TimeWait && reuse:
		return OK, fmt.Sprintf("the connections on %s are only in TIME_WAIT, and the new socket set SO_REUSEADDR, which lets it bind anyway (UNIX Network Programming §7.5)", sockName(o, e))
	case e.State == TimeWait:
		return AddrInUse, fmt.Sprintf("connections of the previous server on %s are still in TIME_WAIT and the new socket did not set SO_REUSEADDR", sockName(o, e))
	case !reuse:
		return AddrInUse, fmt.Sprintf("%s is already bound%s; on BSD and macOS setting SO_REUSEADDR on the new socket would let a different address share the port", sockName(o, e), overlapWhy(o, e, n))
	case !sameAddr(o, e, n):
		return OK, fmt.Sprintf("the new socket set SO_REUSEADDR, and BSD then refuses only exactly the same address: %s and %s differ", sockName(o, e), sockName(o, n))
	case n.ReusePort && e.ReusePort:
		return OK, fmt.Sprintf("both sockets set SO_REUSEPORT, so they share exactly %s", sockName(o, n))
	}
	return AddrInUse, fmt.Sprintf("%s is bound to exactly the same address; sharing it needs SO_REUSEPORT on both sockets", sockName(o, e))
}

// winOutcome is a cell of Microsoft's table.
type winOutcome uint8

const (
	winSuccess winOutcome = iota
	winInUse
	winDenied // WSAEACCES
	winCheck  // success if both sockets belong to the same user, else WSAEACCES
)

// winTable is the table in Microsoft's "Sharing Transport Addresses"
// (learn.microsoft.com, Windows drivers, network), which repeats the one in
// "Using SO_REUSEADDR and SO_EXCLUSIVEADDRUSE". Rows: the second bind's
// option (none, SO_REUSEADDR, SO_EXCLUSIVEADDRUSE) × (wildcard, specific).
// Columns: the first bind's, in the same order. A specific second and a
// specific first means the same address.
var winTable = [6][6]winOutcome{
	{winInUse, winSuccess, winInUse, winSuccess, winInUse, winSuccess},
	{winCheck, winInUse, winCheck, winDenied, winDenied, winInUse},
	{winDenied, winSuccess, winSuccess, winSuccess, winDenied, winSuccess},
	{winCheck, winDenied, winSuccess, winSuccess, winDenied, winDenied},
	{winInUse, winInUse, winInUse, winInUse, winInUse, winInUse},
	{winCheck, winInUse, winCheck, winInUse, winDenied, winInUse},
}

func winIndex(so Socket) int {
	i := 0
	switch {
	case so.ExclusiveAddrUse:
		i = 4
	case so.ReuseAddr:
		i = 2
	}
	if !so.Addr.IsUnspecified() {
		i++
	}
	return i
}

func winDescribe(so Socket) string {
	opt := "no option"
	switch {
	case so.ExclusiveAddrUse:
		opt = "SO_EXCLUSIVEADDRUSE"
	case so.ReuseAddr:
		opt = "SO_REUSEADDR"
	}
	kind := "specific"
	if so.Addr.IsUnspecified() {
		kind = "wildcard"
	}
	return fmt.Sprintf("%s, %s", kind, opt)
}

func conflictWindows(e, n Socket) (Verdict, string) {
	o := Windows
	if e.State == TimeWait {
		if e.ExclusiveAddrUse {
			return AddrInUse, fmt.Sprintf("%s had SO_EXCLUSIVEADDRUSE and its connections are still in TIME_WAIT; Windows keeps such a port reserved until they end", sockName(o, e))
		}
		return OK, fmt.Sprintf("the connections on %s in TIME_WAIT do not block a new socket on Windows unless SO_EXCLUSIVEADDRUSE was set", sockName(o, e))
	}
	cell := winTable[winIndex(n)][winIndex(e)]
	table := fmt.Sprintf("first %s (%s), second %s (%s), per Microsoft's SO_REUSEADDR/SO_EXCLUSIVEADDRUSE table", sockName(o, e), winDescribe(e), sockName(o, n), winDescribe(n))
	if cell == winCheck {
		if e.User == n.User {
			return OK, "Windows lets a more specific bind share the port with a socket of the same user: " + table
		}
		return Access, fmt.Sprintf("Windows lets a more specific bind share the port only within one user, and %s belongs to %q: %s", sockName(o, e), userName(e.User), table)
	}
	switch cell {
	case winSuccess:
		return OK, "Windows allows it: " + table
	case winDenied:
		return Access, "Windows refuses with WSAEACCES: " + table
	}
	return AddrInUse, "Windows refuses with WSAEADDRINUSE: " + table
}

func userName(u string) string {
	if u == "" {
		return "the default user"
	}
	return u
}

// overlapWhy explains why two different addresses overlap.
func overlapWhy(o OS, e, n Socket) string {
	switch {
	case e.Addr == n.Addr:
		return ""
	case e.dualStack(o) && n.Addr.Is4():
		return fmt.Sprintf(": %v with IPV6_V6ONLY off also takes every IPv4 address, so it covers %s (man 7 ipv6; set IPV6_V6ONLY on the IPv6 socket to separate them)", e.Addr, sockName(o, n))
	case n.dualStack(o) && e.Addr.Is4():
		return fmt.Sprintf(": the new socket %v with IPV6_V6ONLY off would also take every IPv4 address, including %s (man 7 ipv6; set IPV6_V6ONLY to separate them)", n.Addr, sockName(o, e))
	case e.Addr.IsUnspecified():
		return fmt.Sprintf(": %v is the wildcard, so it already covers %v", e.Addr, n.Addr)
	}
	return fmt.Sprintf(": %v would cover %v, which is taken", n.Addr, e.Addr)
}
