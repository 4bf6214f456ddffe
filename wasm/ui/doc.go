// Package ui holds what every Netground page shares: the site layout and
// embed mode, the error boundary that keeps a panic from killing the app,
// link state, the share bar, and small rendering helpers.
package ui
