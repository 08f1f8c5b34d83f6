# SPDX-License-Identifier: GPL-2.0
#
#   make            build driso.ko for the running kernel (or KDIR=...)
#   make demo       boot a VM: free -m in a docker run -m 512m, before/after driso
#   make check      unit tests, style, packages, the VM scenarios on every kernel and
#                   a few seeded faults (at most 45 minutes on 2 cores: docs/testing.md)
#   make check-all  check, the scenarios it leaves out (rest), the unload and churn
#                   stress, the reliability table and every seeded fault (about
#                   four and a half hours)
#   make mutants    each seeded fault (tests/mutants) caught by the tests named with it
#   make rest       the scenarios make check leaves out on cgroup v1 and the debug kernel
#   make unit       unit and property tests of the view arithmetic
#   make style      checkpatch over the sources; files of src/ call downward only
#   make docs       redraw docs/*.svg and bench/results' pictures (graphviz, gnuplot)
#   make docs-check every link of README.md and docs/ resolves, the drawings are today's
#   make bench      native, driso and lxcfs side by side, one VM boot per kernel
#   make install    install driso.ko into /lib/modules (then modprobe driso)
#   make dkms-install  copy the module's sources and dkms.conf to /usr/src/driso-VERSION
#   make drisoctl   build/drisoctl (make install-tools puts it and its man page in place)
#   make deb        the Debian packages driso-dkms and driso-tools, in build/deb

KDIR ?= /lib/modules/$(shell uname -r)/build
VERSION := $(shell sed -n 's/^\#define DRISO_VERSION "\(.*\)"/\1/p' src/version.h)
DESTDIR ?=
PREFIX ?= /usr
PWD := $(shell pwd)
CC ?= gcc
BUILD := $(PWD)/build

UNIT_CFLAGS := -O2 -g -Wall -Wextra -Werror -Wno-unused-parameter -Isrc -Itools
CALC := src/memcalc.c src/cpucalc.c src/btfcalc.c

.PHONY: all module install clean deps unit style vm rest stress reliability demo check check-all selftest bench \
	mutants mutants-short \
	drisoctl \
	dkms-install install-tools version deb pkg-check docs docs-check

all: module

module:
	$(MAKE) -C $(KDIR) M=$(PWD)/src modules

install: module
	$(MAKE) -C $(KDIR) M=$(PWD)/src modules_install
	depmod -a

# Exactly what DKMS builds from: Kbuild and the sources, no build products.
DKMS_FILES := src/Kbuild $(filter-out %.mod.c,$(wildcard src/*.c)) $(wildcard src/*.h)
DKMS_DIR := $(DESTDIR)$(PREFIX)/src/driso-$(VERSION)

dkms-install:
	install -d $(DKMS_DIR)
	install -m 0644 $(DKMS_FILES) $(DKMS_DIR)/
	sed 's/@VERSION@/$(VERSION)/' dkms.conf >$(DKMS_DIR)/dkms.conf

install-tools: $(BUILD)/drisoctl
	install -D -m 0755 $(BUILD)/drisoctl $(DESTDIR)$(PREFIX)/sbin/drisoctl
	install -D -m 0644 tools/drisoctl.8 $(DESTDIR)$(PREFIX)/share/man/man8/drisoctl.8

version:
	@echo $(VERSION)

# driso-dkms and driso-tools into build/deb, checked by lintian
deb: deps
	scripts/make-deb

deps:
	@scripts/install-deps

UNIT_TESTS := $(BUILD)/test_memcalc $(BUILD)/test_cpucalc $(BUILD)/test_btfcalc $(BUILD)/test_ctlparse

$(BUILD)/test_%: tests/unit/test_%.c $(CALC) tools/ctlparse.c src/*.h tools/*.h
	@mkdir -p $(BUILD)
	$(CC) $(UNIT_CFLAGS) -o $@ $< $(CALC) tools/ctlparse.c -lcmocka

# drisoctl, with the view arithmetic of the module (cpucalc.c)
$(BUILD)/drisoctl: tools/drisoctl.c tools/ctlparse.c $(CALC) src/*.h tools/*.h
	@mkdir -p $(BUILD)
	$(CC) $(UNIT_CFLAGS) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ tools/drisoctl.c tools/ctlparse.c $(CALC)

drisoctl: $(BUILD)/drisoctl

unit: deps $(UNIT_TESTS) $(BUILD)/drisoctl
	@for t in $(UNIT_TESTS); do $$t tests/unit/data || exit 1; done
	tests/unit/drisoctl.sh $(BUILD)/drisoctl

# compat.h is where kernel version checks belong.
style: deps
	scripts/checkpatch $(filter-out src/compat.h,$(wildcard src/*.[ch])) \
		tests/tools/*.[ch] tests/unit/*.c tests/vm/modules/*.c tools/*.[ch] \
		bench/*.[ch]
	scripts/checkpatch --ignore LINUX_VERSION_CODE,CONSTANT_COMPARISON src/compat.h
	scripts/callgraph --check

# The drawings from their sources in the repository; bench/plots draws a
# kernel's pictures once bench/results has all its tables.
docs: deps
	scripts/callgraph >docs/calls.dot
	for d in docs/*.dot; do dot -Tsvg "$$d" -o "$${d%.dot}.svg" || exit 1; done
	bench/plots 6.12

docs-check: deps
	tests/docs/check

vm: deps
	tests/vm/check

demo: deps
	tests/vm/demo

# make deb, then DKMS builds, signing, the packages installed in a chroot,
# the Kubernetes manifest, and the kernels driso builds for or refuses
pkg-check: deb
	tests/pkg/kernels
	tests/pkg/dkms
	tests/pkg/deb-install
	tests/pkg/k8s-manifest

# The VM matrix and pkg-check share one pool of DRISO_JOBS (default: the
# cores), longest first; docs/testing.md has the time budget.
check: unit style docs-check deps
	tests/vm/check --with-make pkg-check --with-make selftest --with-make mutants-short

# The VM harness's own checks (a hang, a death, a WARNING, a leftover process).
selftest: deps
	tests/vm/selftest --kernel 6.12

# Seeded faults (tests/mutants/*.patch), one build each: the tests named
# beside each must fail. make check runs the short form.
mutants: deps
	tests/mutants/run

# one VM at a time: make check runs it in one slot of its pool
mutants-short: deps
	DRISO_JOBS=1 tests/mutants/run --short

# What make check leaves out on cgroup v1 and the debug kernel.
rest: deps
	tests/vm/check --rest

# 100 load/unload cycles and 1,000 cgroups on 7.3 and the debug kernel; every
# hostile scenario at those counts on the PREEMPT_RT kernels.
stress: deps
	tests/vm/check --stress

# The hostile-conditions tests at full counts on the debug kernel, and
# docs/reliability.md's table: about 100 minutes.
reliability: deps
	tests/vm/reliability

check-all: check rest stress reliability mutants

bench: deps
	bench/run

clean:
	rm -rf $(BUILD)
	$(MAKE) -C $(KDIR) M=$(PWD)/src clean 2>/dev/null || \
		rm -f src/*.o src/*.ko src/*.mod* src/.*.cmd src/Module.symvers src/modules.order
