# Netground. `make run` serves the playground, `make test` checks everything.

GO       ?= go
ADDR     ?= 127.0.0.1:8080
BASE     ?= /
DIST     ?= static/dist
FUZZTIME ?= 1m
## BROTLI: brotli's quality for the bundle's .br files. 11, the smallest, takes about
## a minute of one core for app.wasm; the browser tests' bundles use 5 (below).
BROTLI   ?= 11
CHROMIUM ?= $(shell command -v chromium 2>/dev/null || command -v chromium-browser 2>/dev/null || command -v google-chrome 2>/dev/null)

GOROOT      := $(shell $(GO) env GOROOT)
WASM_EXEC   := $(GOROOT)/lib/wasm/wasm_exec.js
WASM_RUNNER := $(GOROOT)/lib/wasm/go_js_wasm_exec
## unit-js runs the test binaries as go_js_wasm_exec does, with V8's baseline compiler only:
## short test runs spent more time optimizing than running (CPU 62 s against 39 s here, the
## same tests passing). The benchmarks keep WASM_RUNNER and its optimizing compiler. A Node
## whose V8 does not know the flag runs them as go_js_wasm_exec does.
WASM_TEST_RUNNER = node --stack-size=8192 $(shell node --liftoff-only -e 0 >/dev/null 2>&1 && echo --liftoff-only) \
  $(GOROOT)/lib/wasm/wasm_exec_node.js
WASM_OUT    := build/wasm/app.wasm
FIRST_OUT   := build/wasm/first.wasm
PAGE_FIRST  := build/wasm/page
AXE         := build/axe/node_modules/axe-core/axe.min.js

.PHONY: run static wasm test vet unit unit-js browser e2e-ready bench screenshots fuzz generate chromium node clean

run: static
	$(GO) run $(NATIVE) ./server -addr $(ADDR) -dir $(DIST) -base $(BASE)

## static: the bundle in $(DIST): pre-rendered pages, app.wasm, service worker, precompressed.
static: wasm
	$(GO) run $(NATIVE) ./wasm -out $(DIST) -wasm $(WASM_OUT) -first $(FIRST_OUT) -pagefirst $(PAGE_FIRST) -wasmexec $(WASM_EXEC) -base $(BASE) -cache build/compressed -brotli $(BROTLI)

## wasm: the app (go-app), the small first-answer binary of the simple widgets, and the
## Practice page's own (its questions come from every engine).
## The UI's packages, the course and the practice generators are compiled without inlining:
## they run once per click or keystroke, not in loops, and inlining them made app.wasm
## 110 KB (4 %) and first.wasm 13 KB larger after brotli, with no difference measured in
## make bench's paste and NAT-step timings.
NOINLINE := -gcflags='github.com/netground/netground/wasm/...=-l' \
  -gcflags='github.com/netground/netground/core/practice=-l' -gcflags='github.com/netground/netground/core/course=-l'
## Every GOOS=js step builds as the bundle is built (-trimpath, NOINLINE): what vet and unit-js
## compile is then what the bundle links, and a cold build cache compiles the standard
## library for the browser once instead of twice (make test: ~30 s less).
JS_BUILD := -trimpath $(NOINLINE)
## Native steps build with -trimpath too: their cached compiles then serve a clone of the
## repository in any folder (without it, a new folder recompiles every package of the module).
NATIVE := -trimpath

wasm:
	@mkdir -p build/wasm
	GOOS=js GOARCH=wasm $(GO) build $(JS_BUILD) -ldflags="-s -w" -o $(WASM_OUT) ./wasm
	GOOS=js GOARCH=wasm $(GO) build $(JS_BUILD) -ldflags="-s -w" -o $(FIRST_OUT) ./wasm/first
	@mkdir -p $(PAGE_FIRST)
	GOOS=js GOARCH=wasm $(GO) build $(JS_BUILD) -ldflags="-s -w" -o $(PAGE_FIRST)/practice.wasm ./wasm/first/practice

## test: everything below. The browser tests keep the two cores about three quarters
## busy; vet, the unit tests and unit-js run beside them from the start, at the lowest
## priority (SCHED_IDLE with chrt where the system allows it, else nice 19), in the time
## the rest leaves idle, and their output follows when they end. The server's tests, which
## time their connections, run alone at normal priority. IDLE is worked out when test
## uses it, not by every make.
IDLE = $(shell chrt -i 0 true >/dev/null 2>&1 && echo chrt -i 0 || echo nice -n 19)
test: chromium node $(AXE)
	@mkdir -p build; \
	( $(IDLE) $(MAKE) --no-print-directory vet unit unit-js UNIT_PKGS="$$($(GO) list ./... | grep -v '/server$$' | tr '\n' ' ')" \
	    > build/checks.log 2>&1; rc=$$?; cat build/checks.log; exit $$rc ) & checks=$$!; \
	echo "vet, unit and unit-js run beside the rest at the lowest priority; their output follows when they end"; \
	$(MAKE) --no-print-directory e2e-ready && $(GO) test $(NATIVE) -count=1 ./server/ && $(E2E_RUN); browser=$$?; \
	wait $$checks; checked=$$?; \
	[ $$checked = 0 ] || echo "make test: vet, unit or unit-js failed (their output is above)" >&2; \
	[ $$browser = 0 ] || echo "make test: the bundles, the server's tests or the browser tests failed (above)" >&2; \
	[ $$checked = 0 ] && [ $$browser = 0 ]

## vet: natively, the browser tests, and the UI under GOOS=js (the core has no file of its
## own for js: its native vet checks the same files).
vet:
	$(GO) vet $(NATIVE) ./...
	$(GO) vet $(NATIVE) -tags browser ./e2e/
	GOOS=js GOARCH=wasm $(GO) vet $(JS_BUILD) ./wasm/...

## unit: every package's Go tests, natively; UNIT_PKGS names fewer.
UNIT_PKGS ?= ./...
unit:
	$(GO) test $(NATIVE) -count=1 $(UNIT_PKGS)

## unit-js: the core and the UI's packages whose tests need no browser (answers, markup, the
## views of the NAT lab, the library, the practice view, the address widget and the plan view, the site's pages)
## again under GOOS=js in Node, so the browser runs logic that was tested. -short: the
## property tests that generate thousands of cases (practice, NAT, bind) try a sample of
## them here; `make unit` tries them all.
UNIT_JS := ./core/... ./wasm/answer/... ./wasm/markup/... ./wasm/lab/natlab/... ./wasm/page/library/... \
  ./wasm/page/practiceview/... ./wasm/site/... ./wasm/widget/addrui/... ./wasm/widget/planview/...
unit-js: node
	GOOS=js GOARCH=wasm $(GO) test -count=1 -short $(JS_BUILD) -exec="$(WASM_TEST_RUNNER)" $(UNIT_JS)

## browser: the real bundle behind the real server, driven in headless Chromium.
## Its .br files are brotli quality 5: the bytes a page reads are the same, and
## compressing the binaries takes about 3 s of CPU instead of 130 (app.wasm.br is 18 %
## larger; make bench measures the sizes of quality 11).
## E2E_FLAGS passes more flags to the test binary: -test.run REGEXP, -test.v, -race-runs N.
TEST_BROTLI := 5
E2E_FLAGS   ?=
E2E_RUN = cd e2e && NETGROUND_CHROMIUM=$(CHROMIUM) ../build/e2e.test -test.timeout 60m -test.parallel 1 \
  -dist $(CURDIR)/build/e2e-dist -subdist $(CURDIR)/build/e2e-dist-sub -axe $(CURDIR)/$(AXE) $(E2E_FLAGS)
browser: chromium node $(AXE) e2e-ready
	$(E2E_RUN)

## e2e-ready: the two bundles the browser tests serve (at / and under /netground/) and
## their test binary.
e2e-ready:
	$(MAKE) static DIST=build/e2e-dist BASE=/ BROTLI=$(TEST_BROTLI)
	$(MAKE) static DIST=build/e2e-dist-sub BASE=/netground/ BROTLI=$(TEST_BROTLI)
	$(GO) test $(NATIVE) -c -tags browser -o build/e2e.test ./e2e/

$(AXE):
	npm install --silent --no-audit --no-fund --prefix build/axe axe-core@4.10.2

## bench: Go benchmarks and browser timings; the report goes to build/bench.txt.
## BEFORE=<git ref> measures that commit's bundle too, in a column beside this one.
LIGHTHOUSE := build/lighthouse/node_modules/lighthouse/cli/index.js
BEFORE     ?=
bench: chromium node
	$(MAKE) static DIST=build/bench-dist BASE=/
	@rm -rf build/bench-before build/before-src
	@if [ -n "$(BEFORE)" ]; then \
	  mkdir -p build/before-src && git archive $(BEFORE) | tar -x -C build/before-src && \
	  $(MAKE) -C build/before-src static DIST=$(CURDIR)/build/bench-before BASE=/; \
	fi
	@mkdir -p build
	$(GO) test -run='^$$' -bench=. -benchmem ./core/... | tee build/bench-go.txt
	GOOS=js GOARCH=wasm $(GO) test -run='^$$' -bench='Translate|Replay10000|Step100x1000' -benchmem -exec="$(WASM_RUNNER)" ./core/nat/ | tee build/bench-js.txt
	GOOS=js GOARCH=wasm $(GO) test -run='^$$' -bench='Classify10kLines' -benchmem -exec="$(WASM_RUNNER)" ./core/paste/ | tee -a build/bench-js.txt
	@[ -f $(LIGHTHOUSE) ] || npm install --silent --no-audit --no-fund --prefix build/lighthouse lighthouse@12.2.3
	NETGROUND_CHROMIUM=$(CHROMIUM) $(GO) test -count=1 -tags browser -timeout 120m -run '^TestBenchReport$$' ./e2e/ \
	  -dist $(CURDIR)/build/bench-dist $(if $(BEFORE),-before $(CURDIR)/build/bench-before) \
	  -report $(CURDIR)/build/bench.txt -lighthouse $(CURDIR)/$(LIGHTHOUSE)
	@cat build/bench.txt
	$(GO) test -count=1 -run '^TestServerVersusNginx$$' ./server/ -args -bundle $(CURDIR)/build/bench-dist -report $(CURDIR)/build/bench-server.txt
	$(GO) test -run='^$$' -bench='^BenchmarkServe$$' -benchmem ./server/ | tee -a build/bench-server.txt
	@cat build/bench-server.txt

## screenshots: every route at 360×740 and 1280×800, light and dark, into build/screenshots.
screenshots: chromium
	$(MAKE) static DIST=build/e2e-dist BASE=/ BROTLI=$(TEST_BROTLI)
	NETGROUND_CHROMIUM=$(CHROMIUM) $(GO) test -count=1 -tags browser -timeout 30m -run '^TestScreenshots$$' ./e2e/ \
	  -dist $(CURDIR)/build/e2e-dist -screenshots $(CURDIR)/build/screenshots
	@echo "screenshots in build/screenshots"

## fuzz: every fuzzer in core/ for FUZZTIME each.
fuzz:
	@for pkg in $$($(GO) list ./core/...); do \
	  for f in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
	    echo "== $$pkg $$f"; \
	    $(GO) test -run='^$$' -fuzz="^$$f$$" -fuzztime=$(FUZZTIME) $$pkg || exit 1; \
	  done; \
	done

## generate: regenerate committed tables from the IANA snapshots.
generate:
	$(GO) generate ./core/...

chromium:
	@if [ -z "$(CHROMIUM)" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's chromium for the browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "The browser tests need Chromium. Install it (Debian: sudo apt-get install chromium) or set CHROMIUM=/path/to/chrome." >&2; exit 1; \
	  fi; \
	fi

node:
	@if ! command -v node >/dev/null; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Node.js to run the core tests under GOOS=js"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs >/dev/null; \
	  else \
	    echo "The GOOS=js tests need Node.js. Install it (Debian: sudo apt-get install nodejs)." >&2; exit 1; \
	  fi; \
	fi

clean:
	rm -rf build $(DIST)
