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
# The exact versions the tests passed with (pip constraints); `make lock` refreshes them.
LOCK := requirements.lock

.PHONY: install lock report extract evaluate test lint lab bench clean

install: $(STAMP)

$(STAMP): pyproject.toml $(LOCK)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -c $(LOCK) --upgrade pip
	$(BIN)/python -m pip install --quiet -c $(LOCK) -e ".[test,dask]"
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $(STAMP)

# Resolve pyproject.toml afresh in a scratch venv, freeze it into $(LOCK) (setuptools and
# wheel left out: build tools, not dependencies), reinstall .venv from it and run the tests.
lock:
	rm -rf $(VENV)-lock
	$(PYTHON) -m venv $(VENV)-lock
	$(VENV)-lock/bin/python -m pip install --quiet --upgrade pip
	$(VENV)-lock/bin/python -m pip install --quiet -e ".[test,dask]"
	{ echo "# The versions make test passed with: pip constraints written by make lock on"; \
	  echo "# $$($(VENV)-lock/bin/python -c 'import platform; print("Python", platform.python_version(), platform.system(), platform.machine())').  Do not edit; run make lock."; \
	  $(VENV)-lock/bin/python -m pip freeze --all --exclude-editable \
	  | grep -v -e '^setuptools==' -e '^wheel=='; } > $(LOCK).tmp
	mv $(LOCK).tmp $(LOCK)
	rm -rf $(VENV)-lock
	$(MAKE) test

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
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

bench: $(STAMP)
	$(BIN)/python -m benchmarks

lab: $(STAMP)
	$(BIN)/jupyter lab notebooks

clean:
	rm -rf $(OUT) .pytest_cache
