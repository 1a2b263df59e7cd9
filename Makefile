# The two set-up commands. Both install what is missing first (Node 20 and npm are all a fresh clone needs).
.PHONY: generate test install check clean

STAMP := node_modules/.install-stamp

$(STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $(STAMP)

install: $(STAMP)

## Regenerate generated/ from specs/, then rebuild dist/ so workspace apps import the new client at once.
generate: $(STAMP)
	npm run generate
	npm run build

## Fail if generated/ is out of date with specs/ (what CI runs).
check: $(STAMP)
	npm run generate -- --check

## Build, lint, type-check and run every test; ends with a `N passed, N failed` line.
test: $(STAMP)
	npm run build
	npm run lint
	npm run typecheck
	node .ci/vitest-totals.mjs

clean:
	rm -rf dist node_modules/.vitest test-results.json
