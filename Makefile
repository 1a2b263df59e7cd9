# The two set-up commands. Both install what is missing first (Node 20 and npm are all a fresh clone needs).
.PHONY: generate test install check clean

STAMP := node_modules/.install-stamp

$(STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $(STAMP)

install: $(STAMP)

## Regenerate generated/ from specs/ (and the client tests' kinds fixture, which the same generator makes), then
## rebuild dist/ so workspace apps import the new client at once.
generate: $(STAMP)
	npm run generate
	npm run generate -- --specs test/client/fixtures/kinds/specs --out test/client/fixtures/kinds/generated
	npm run build

## Fail if generated/ is out of date with specs/ (what CI runs).
check: $(STAMP)
	npm run generate -- --check

## Lint, then run every test and the type-check side by side (the suite builds dist/ once first, see
## test/support/global-setup.ts; timings in docs/ci.md); ends with a `N passed, N failed` line.
test: $(STAMP)
	npm run lint
	node .ci/vitest-totals.mjs

clean:
	rm -rf dist node_modules/.vitest test-results.json
