# zhitong — make test | make build | make run
#
# make test runs the PostgreSQL half of the suite when ZHITONG_TEST_POSTGRES
# names a server (each test gets a fresh database of its own), e.g.
#   ZHITONG_TEST_POSTGRES=postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable make test
# and says plainly when it skips it.

GO      ?= go
BIN     ?= bin/zhitong
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
# -count=1: every run really talks to the databases; the timeout keeps a
# hung test from eating CI's time (the whole run takes a few minutes).
TESTFLAGS ?= -count=1 -timeout 8m

.PHONY: all test vet build run clean

all: test build

# The browser tests drive Debian's headless chromium; without it they skip
# (and CI, which sets ZHITONG_REQUIRE_BROWSER, fails instead).
CHROMIUM ?= /usr/bin/chromium
define browser_tests
	@if [ -x $(CHROMIUM) ]; then \
		echo "make test: browser tests run in $(CHROMIUM)"; \
	else \
		echo "make test: browser tests SKIPPED: $(CHROMIUM) is not installed (apt-get install chromium fonts-noto-cjk)"; \
	fi
endef

define pg_half
	@if [ -n "$$ZHITONG_TEST_POSTGRES" ]; then \
		echo "make test: PostgreSQL half $(1): ZHITONG_TEST_POSTGRES is set (each test in a fresh database on that server)"; \
	else \
		echo "make test: PostgreSQL half SKIPPED: ZHITONG_TEST_POSTGRES is not set; only SQLite $(2)"; \
	fi
endef

test: vet
	$(call pg_half,runs,runs)
	$(browser_tests)
	@echo "$(GO) test $(TESTFLAGS) ./..."
	@$(GO) test $(TESTFLAGS) ./...; status=$$?; \
	if [ -n "$$ZHITONG_TEST_POSTGRES" ]; then \
		echo "make test: PostgreSQL half ran (ZHITONG_TEST_POSTGRES is set)"; \
	else \
		echo "make test: PostgreSQL half SKIPPED: ZHITONG_TEST_POSTGRES is not set; only SQLite ran"; \
	fi; \
	if [ -x $(CHROMIUM) ]; then \
		echo "make test: browser tests ran in $(CHROMIUM); screenshots in screenshots/"; \
	else \
		echo "make test: browser tests SKIPPED: $(CHROMIUM) is not installed (apt-get install chromium fonts-noto-cjk)"; \
	fi; \
	exit $$status

vet:
	$(GO) vet ./...

build:
	$(GO) build -trimpath -ldflags "-X main.version=$(VERSION)" -o $(BIN) ./cmd/zhitong

# The demo: 娄星区's data on 127.0.0.1:8080, tokens in ./data/demo-tokens.txt.
run:
	$(GO) run ./cmd/zhitong demo

clean:
	rm -rf bin
