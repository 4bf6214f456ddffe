package main

import (
	"net"
	"syscall"
)

// setCork sets or clears TCP_CORK on c: while it is set, the kernel holds
// partial segments back, so that a response written in several writes
// leaves in as few segments as it fills (nginx's tcp_nopush).
func setCork(c net.Conn, on bool) bool {
	tc, ok := c.(*net.TCPConn)
	if !ok {
		return false
	}
	rc, err := tc.SyscallConn()
	if err != nil {
		return false
	}
	v := 0
	if on {
		v = 1
	}
	var serr error
	if err := rc.Control(func(fd uintptr) {
		serr = syscall.SetsockoptInt(int(fd), syscall.IPPROTO_TCP, syscall.TCP_CORK, v)
	}); err != nil || serr != nil {
		return false
	}
	return true
}
