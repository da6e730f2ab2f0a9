"""The machine's own addresses that `locus serve --host 0.0.0.0` tells the
teacher, checked against what the kernel itself lists as this machine's
local IPv4 addresses (/proc/net/fib_trie), not against the function under
test: every address but loopback, each once, in order."""

from __future__ import annotations

import ipaddress
from itertools import pairwise
from pathlib import Path

import pytest

from game.classroom.serve import announce, machine_addresses

FIB_TRIE = Path("/proc/net/fib_trie")


def _local_addresses_from_the_kernel() -> list[str]:
    """The addresses the kernel's routing tables mark ``/32 host LOCAL``."""
    lines = FIB_TRIE.read_text(encoding="ascii").splitlines()
    found = {
        line.split()[-1]
        for line, after in pairwise(lines)
        if line.strip().startswith("|--") and after.split() == ["/32", "host", "LOCAL"]
    }
    return sorted(a for a in found if not ipaddress.ip_address(a).is_loopback)


@pytest.fixture
def kernel_addresses() -> list[str]:
    if not FIB_TRIE.exists():
        pytest.skip("no /proc/net/fib_trie to compare with (not Linux)")
    addresses = _local_addresses_from_the_kernel()
    if not addresses:
        pytest.skip("this machine has no network address besides loopback")
    return addresses


def test_the_machines_addresses_are_the_kernels_local_ones(kernel_addresses) -> None:
    assert machine_addresses() == kernel_addresses


def test_serving_on_every_address_lists_each_of_them(kernel_addresses, capsys) -> None:
    announce("0.0.0.0", 8123, 30)
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        *(
            f"Students open http://{a}:8123/ (one game per tab, 30 at most)."
            for a in kernel_addresses
        ),
        "Ctrl+C stops.",
    ]
    assert err == (
        "locus: serving on 0.0.0.0: anyone who can reach this machine on port 8123 "
        "can play and add results.\n"
    )
