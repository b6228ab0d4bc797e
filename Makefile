# The front door. `make demo` and `make test` each do all set-up on a fresh Debian machine.
BUILD_DIR ?= build
JOBS ?= 2

.PHONY: all deps build demo test bench clean

all: build

deps:
	@scripts/install-deps

$(BUILD_DIR)/CMakeCache.txt:
	cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=RelWithDebInfo

build: deps $(BUILD_DIR)/CMakeCache.txt
	cmake --build $(BUILD_DIR) -j$(JOBS)

# Quick start: synthetic data on the embedded default (SQLite + in-process cache), then serve.
demo: build
	$(BUILD_DIR)/mysanta-rec demo

# Every test, including those against a private PostgreSQL 15 and redis-server that
# scripts/with-test-services starts on free loopback ports and stops afterwards.
test: build
	scripts/with-test-services ctest --test-dir $(BUILD_DIR) --output-on-failure -j$(JOBS)

# Benchmarks of the real binary; results land in bench/results/.
bench: build
	scripts/with-test-services bench/run-all

clean:
	rm -rf $(BUILD_DIR)
