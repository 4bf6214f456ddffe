//go:build !linux

package main

import "net"

// setCork does nothing where TCP_CORK does not exist.
func setCork(c net.Conn, on bool) bool { return false }
