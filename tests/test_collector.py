"""The collector pause: off while the work runs, back as it was afterwards, whatever happens."""

from __future__ import annotations

import gc

import pytest

from gloss import collector


@collector.paused
def _state() -> bool:
    return gc.isenabled()


@collector.paused
def _fail() -> None:
    raise RuntimeError("boom")


def test_paused_while_running_and_resumed_after():
    assert gc.isenabled()
    assert _state() is False
    assert gc.isenabled()


def test_resumed_after_an_exception():
    with pytest.raises(RuntimeError):
        _fail()
    assert gc.isenabled()


def test_left_off_when_it_was_off():
    gc.disable()
    try:
        assert _state() is False
        assert not gc.isenabled()
    finally:
        gc.enable()
