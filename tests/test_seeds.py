"""The seeds are the shared articles byte for byte, and their metadata only says what the text says."""

import hashlib
from pathlib import Path

import yaml
from needs import shared_seeds

from debatekit.content import corpus

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def manifest() -> dict[str, str]:
    lines = (SEEDS / "SHA256SUMS").read_text().splitlines()
    return {name.strip(): digest for digest, name in (line.split(maxsplit=1) for line in lines)}


def test_every_seed_matches_the_manifest():
    digests = manifest()
    assert sorted(digests) == sorted(p.name for p in SEEDS.glob("*.txt"))
    for name, digest in digests.items():
        assert hashlib.sha256((SEEDS / name).read_bytes()).hexdigest() == digest, name


def test_seeds_are_byte_identical_to_the_shared_copies():
    shared_dir = shared_seeds()
    shared = sorted(p.name for p in shared_dir.glob("*.txt"))
    assert shared == sorted(manifest())
    for name in shared:
        assert (SEEDS / name).read_bytes() == (shared_dir / name).read_bytes(), name


def test_article_metadata_covers_every_seed_with_every_field():
    metas = yaml.safe_load((SEEDS / "articles.yml").read_text(encoding="utf-8"))
    assert [m["id"] for m in metas] == ["a000", "a001", "a002", "a003", "a004"]
    for meta in metas:
        assert meta["file"].startswith(meta["id"][1:] + "_"), "the id comes from the file's number"
        for field in ("title", "author", "outlet", "date", "notes", "title_is_descriptive"):
            assert meta.get(field) not in (None, ""), f"{meta['id']}: {field}"


def test_metadata_takes_author_and_date_only_from_the_text():
    for art in corpus.load_articles():
        if art.author != "unknown":
            assert art.author in art.raw, f"{art.id}: author {art.author!r} is not in the text"
        if art.outlet != "unknown":
            assert art.outlet in art.raw
    assert corpus.article("a001").author == "Robert Legvold"
    assert corpus.article("a004").date == "late 2025"
    assert "2025/11/03" in corpus.article("a004").raw, "the basis of a004's date"
    assert {a.outlet for a in corpus.load_articles()} == {"unknown"}


def test_titles_we_wrote_are_marked_descriptive_and_others_come_from_the_text():
    for art in corpus.load_articles():
        if art.title_is_descriptive:
            assert art.title_line is None
        else:
            assert art.title == art.title_line, f"{art.id}: a title not marked descriptive must be the text's"
