"""Handing jobs to the workers: what several jobs share crosses to the workers once."""

from __future__ import annotations

import pickle

from materials_gen import rendering
from materials_gen.rendering import Packed, Rendering, _unpacked
from materials_gen.theme import load_theme

from .conftest import REPO


def test_a_value_jobs_share_is_pickled_once_and_unpickled_once_a_worker(monkeypatch) -> None:
    dumped: list[object] = []
    real = pickle.dumps

    def counting(value, *args, **kwargs):
        dumped.append(value)
        return real(value, *args, **kwargs)

    monkeypatch.setattr(rendering.pickle, "dumps", counting)
    monkeypatch.setattr(rendering, "_UNPACKED", {})
    deck = {"slides": list(range(1000))}  # an audience's laid-out deck, say
    other = {"slides": [1, 2, 3]}
    with Rendering(load_theme(REPO), workers=2) as handing:
        # the deck, the printed slides and the notes pages of one audience take one deck
        packs = [handing._packed(deck) for _ in range(3)]
        second = handing._packed(other)
    assert dumped == [deck, other]
    assert packs[0] is packs[1] is packs[2] and second.token != packs[0].token
    # a worker: the first job unpickles it, the next ones find it
    first = _unpacked(packs[0])
    assert first == deck and first is not deck
    assert _unpacked(packs[1]) is first and _unpacked(second) == other
    # what is not packed (a build in one process) is the value itself
    assert _unpacked(deck) is deck


def test_a_worker_keeps_only_the_latest_shared_values(monkeypatch) -> None:
    monkeypatch.setattr(rendering, "_UNPACKED", {})
    packs = [Packed.of([n]) for n in range(rendering._UNPACKED_MOST + 2)]
    for pack in packs:
        assert _unpacked(pack) == pickle.loads(pack.data)
    assert list(rendering._UNPACKED) == [p.token for p in packs[-rendering._UNPACKED_MOST :]]


def test_each_audience_s_jobs_go_out_longest_last_job_first(tmp_path, monkeypatch) -> None:
    """The outputs that need their own document alone go to the workers first, while the
    deck is laid out; then the guide (pages of its own to lay out, the longest of the last
    jobs), then the views of the laid-out deck: a worker is not left alone at the end of a
    build drawing the guide, the other idle."""
    from materials_gen.build import BuildOptions, build

    order: list[tuple[str, str]] = []
    submit = Rendering.submit

    def noted(self, job) -> None:
        order.append((job.target.audience.id, job.target.kind.name))
        submit(self, job)

    monkeypatch.setattr(Rendering, "submit", noted)
    options = BuildOptions(output=tmp_path / "out", audiences=("clinical",))
    build(REPO, options, jobs=1)
    kinds = [kind for _, kind in order]
    views = ["deck", "slides", "notes-pages"]
    assert kinds[-4:] == ["guide", *views], kinds
    assert {"handout", "poster", "pretest", "sign-in"} <= set(kinds[:-4])
