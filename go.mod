module github.com/netground/netground

go 1.26

require (
	github.com/andybalholm/brotli v1.2.0
	github.com/chromedp/cdproto v0.159.0
	github.com/chromedp/chromedp v0.23.0
	github.com/hack-pad/hackpadfs v0.2.4
	github.com/maxence-charriere/go-app/v9 v9.8.0
	go4.org/netipx v0.0.0-20260823151212-3075585bcbeb
)

require (
	github.com/go-json-experiment/json v0.0.0-20260213210345-44df1a37e875 // indirect
	github.com/google/uuid v1.3.0 // indirect
	github.com/hack-pad/go-indexeddb v0.3.2 // indirect
	github.com/hack-pad/safejs v0.1.0 // indirect
)

replace (
	github.com/maxence-charriere/go-app/v9 => ./third_party/go-app
	go4.org/netipx => ./third_party/netipx
)
