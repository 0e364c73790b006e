# roll: records, checks and sites of the 盐城市见义勇为基金会.
# `make` lists the targets; `make site` and `make test` are the two the README names.

GO       ?= go
OUT      ?= _site
# The build date of the sample records: after every one of them, with the
# 2020 plan closed (2021-01-15) and the nomination N-2020-05 in its 公示
# (2021-01-18 to 01-24). `make site TODAY=` builds as of the real today.
TODAY    ?= 2021-01-20
TODAYFLAG = $(if $(TODAY),--today $(TODAY))
# Fuzz budgets are counts of executions, not durations: with a duration, Go
# 1.26's fuzz coordinator can fail a clean run with "context deadline
# exceeded" as the time runs out (golang/go#75804, fixed in Go 1.27).
FUZZ_FM       ?= 200000x
FUZZ_YAML     ?= 50000x
FUZZ_FASTYAML ?= 100000x
FUZZ_RECORD   ?= 5000x
FUZZ_MONEY    ?= 200000x
FUZZ_PORTRAIT ?= 10000x
FUZZ_DICT     ?= 100000x
FUZZ_PLAIN    ?= 100000x
FUZZ_WITHOUT  ?= 100000x
FUZZ_PROJECTED ?= 100000x
FUZZ_SCHEMA   ?= 20000x
FUZZ_STATUSMEMO ?= 20000x
FUZZ_HISTORY  ?= 20000x
FUZZ_READ     ?= 100000x
FUZZ_PRIVACYMEMO ?= 20000x
FUZZ_SHARD    ?= 20000x
FUZZ_CODEC    ?= 50000x
FUZZ_STAT     ?= 2000x
FUZZ_KEPT     ?= 20000x
FUZZ_MANIFEST ?= 100000x
FUZZ_ROW      ?= 100000x
# Each portrait the fuzzer keeps renders an image, so its minimization (by
# default a minute of executions) is bounded by a count too.
FUZZ_PORTRAIT_MIN ?= 200x

.DEFAULT_GOAL := help

.PHONY: help
help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  %-6s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

.PHONY: check
check: ## check the records (schemas and the rules between records)
	$(GO) run ./cmd/roll check $(TODAYFLAG)

.PHONY: cms
cms: ## fetch the form's CMS (Decap CMS, pinned by cms/package-lock.json) and decap-server
	./cms/vendor.sh

.PHONY: site
site: cms ## check the records and build both sites into _site/ (the form at internal/admin/)
	$(GO) run ./cmd/roll build --out $(OUT) $(TODAYFLAG)

.PHONY: vet
vet: ## go vet and gofmt
	$(GO) vet ./...
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt would change:"; echo "$$unformatted"; exit 1; fi

.PHONY: fuzz
fuzz: ## run each fuzz target for a few seconds' worth of inputs
	$(GO) test -run '^$$' -fuzz '^FuzzFrontMatter$$' -fuzztime $(FUZZ_FM) ./internal/frontmatter
	$(GO) test -run '^$$' -fuzz '^FuzzYAML$$' -fuzztime $(FUZZ_YAML) ./internal/yamldoc
	$(GO) test -run '^$$' -fuzz '^FuzzFastIsYAML$$' -fuzztime $(FUZZ_FASTYAML) ./internal/yamldoc
	$(GO) test -run '^$$' -fuzz '^FuzzRecord$$' -fuzztime $(FUZZ_RECORD) ./internal/records
	$(GO) test -run '^$$' -fuzz '^FuzzParse$$' -fuzztime $(FUZZ_MONEY) ./internal/money
	$(GO) test -run '^$$' -fuzz '^FuzzPortrait$$' -fuzztime $(FUZZ_PORTRAIT) -fuzzminimizetime $(FUZZ_PORTRAIT_MIN) ./internal/portrait
	$(GO) test -run '^$$' -fuzz '^FuzzDict$$' -fuzztime $(FUZZ_DICT) ./internal/fold
	$(GO) test -run '^$$' -fuzz '^FuzzPlain$$' -fuzztime $(FUZZ_PLAIN) ./internal/markdown
	$(GO) test -run '^$$' -fuzz '^FuzzRead$$' -fuzztime $(FUZZ_READ) ./internal/value
	$(GO) test -run '^$$' -fuzz '^FuzzWithout$$' -fuzztime $(FUZZ_WITHOUT) ./internal/value
	$(GO) test -run '^$$' -fuzz '^FuzzDecodeProjected$$' -fuzztime $(FUZZ_PROJECTED) ./internal/value
	$(GO) test -run '^$$' -fuzz '^FuzzWithoutAll$$' -fuzztime $(FUZZ_WITHOUT) ./internal/value
	$(GO) test -run '^$$' -fuzz '^FuzzFast$$' -fuzztime $(FUZZ_SCHEMA) ./internal/schema
	$(GO) test -run '^$$' -fuzz '^FuzzPackedLeaves$$' -fuzztime $(FUZZ_SCHEMA) ./internal/schema
	$(GO) test -run '^$$' -fuzz '^FuzzMemo$$' -fuzztime $(FUZZ_STATUSMEMO) ./internal/status
	$(GO) test -run '^$$' -fuzz '^FuzzSaved$$' -fuzztime $(FUZZ_HISTORY) ./internal/history
	$(GO) test -run '^$$' -fuzz '^FuzzMemo$$' -fuzztime $(FUZZ_PRIVACYMEMO) ./internal/rules
	$(GO) test -run '^$$' -fuzz '^FuzzParseShard$$' -fuzztime $(FUZZ_SHARD) ./internal/records
	$(GO) test -run '^$$' -fuzz '^FuzzCodec$$' -fuzztime $(FUZZ_CODEC) ./internal/value
	$(GO) test -run '^$$' -fuzz '^FuzzStat$$' -fuzztime $(FUZZ_STAT) ./internal/statbatch
	$(GO) test -run '^$$' -fuzz '^FuzzReadKept$$' -fuzztime $(FUZZ_KEPT) ./internal/public
	$(GO) test -run '^$$' -fuzz '^FuzzParseManifest$$' -fuzztime $(FUZZ_MANIFEST) ./internal/publish
	$(GO) test -run '^$$' -fuzz '^FuzzRow$$' -fuzztime $(FUZZ_ROW) ./internal/search

.PHONY: tools
tools: ## install Chromium, fonts, JDK, Caddy, vnu and axe-core for the browser tests (as root; else says what)
	./scripts/tools.sh

.PHONY: test
test: vet tools cms ## vet, every test (browser, HTML and workflow checks included), the fuzzers briefly
	$(GO) test ./...
	$(MAKE) fuzz
	$(GO) run ./cmd/roll check $(TODAYFLAG) > /dev/null

.PHONY: bench
bench: ## benchmarks of the stages, then whole runs timed (BENCH_LARGE=1: 100,000 heroes too)
	$(GO) test -run '^$$' -bench . -benchmem ./...
	./scripts/bench.sh

.PHONY: ci
ci: test site ## what CI runs: the tests, then a build of both sites
