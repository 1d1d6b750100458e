# The two commands: `make demo` and `make test`. Both install what is missing first.
BUILD       ?= build
ASAN_BUILD  ?= build-asan
JOBS        ?= $(shell nproc)
CMAKE_FLAGS ?=
TREATY      := $(BUILD)/cli/treaty

.PHONY: all setup configure build demo test test-fast test-asan fuzz fuzz-long bench clean format

all: build

setup:
	@scripts/setup.sh

configure: setup
	@cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTREATY_WERROR=ON $(CMAKE_FLAGS) >/dev/null

build: configure
	@cmake --build $(BUILD) -j $(JOBS)

demo: build
	@scripts/demo.sh $(TREATY)

# Every test: unit and end-to-end on the release build, then the whole suite again under
# AddressSanitizer and UndefinedBehaviorSanitizer, then a short fuzz run.
test: test-fast test-asan fuzz

test-fast: build
	@ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

test-asan: setup
	@cmake -S . -B $(ASAN_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DTREATY_WERROR=ON -DTREATY_SANITIZE=ON -DTREATY_BENCH=OFF >/dev/null
	@cmake --build $(ASAN_BUILD) -j $(JOBS)
	@ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --test-dir $(ASAN_BUILD) --output-on-failure -j $(JOBS)

# Every fuzz target, one after the other, 60 s each (part of `make test`).
fuzz: setup
	@scripts/fuzz.sh 60

# Every fuzz target for FUZZ_LONG_SECONDS each (default one CPU-hour), going on after a crash;
# prints executions, coverage and crashes per target.
FUZZ_LONG_SECONDS ?= 3600
fuzz-long: setup
	@FUZZ_KEEP_GOING=1 scripts/fuzz.sh $(FUZZ_LONG_SECONDS)

bench: build
	@scripts/bench.sh $(TREATY)

format:
	@find engine cli tests bench -name '*.h' -o -name '*.cc' | xargs clang-format -i

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) build-fuzz out
