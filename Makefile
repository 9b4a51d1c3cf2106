# arnews: `make report` renders the seeds report, `make test` runs the whole test suite.
# Both create .venv and install the project first when needed.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
CORPUS ?= seeds
OUT ?= outputs/$(notdir $(CORPUS))
PARAMS ?= notebooks/params/seeds.yaml
JOBS ?=
STAMP := $(VENV)/.installed

.PHONY: install report extract evaluate test lint lab bench bench-report clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test,dask]"
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $(STAMP)

report: $(STAMP)
	$(BIN)/arnews report --corpus $(CORPUS) --out $(OUT) --params $(PARAMS) $(if $(JOBS),--jobs $(JOBS))

extract: $(STAMP)
	$(BIN)/arnews extract --corpus $(CORPUS) --out $(OUT)/tables

# Figures on the seeds (in-sample) beside the blind held-out set and the development set.
GOLD_SETS ?= seeds=seeds:tests/gold heldout=tests/heldout/articles:tests/heldout/gold \
	devset=tests/devset/articles:tests/devset/gold
evaluate: $(STAMP)
	$(BIN)/arnews evaluate $(foreach s,$(GOLD_SETS),$(if $(wildcard $(word 2,$(subst :, ,$(subst =, ,$(s))))),$(s)))

test: $(STAMP)
	$(BIN)/ruff check src tests benchmarks notebooks
	$(BIN)/ruff format --check src tests benchmarks notebooks
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks notebooks
	$(BIN)/ruff format --check src tests benchmarks notebooks

bench: $(STAMP)
	$(BIN)/python -m benchmarks

bench-report: $(STAMP)
	$(BIN)/python -m benchmarks.report_size 5000 50000

lab: $(STAMP)
	$(BIN)/jupyter lab notebooks

clean:
	rm -rf $(OUT) .pytest_cache
