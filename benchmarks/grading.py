"""How fast `debatekit grade` is, beside what running the same notebooks would cost.

Generates N submissions of the released cumulative assessment (random answers of the right
shapes, every question type), grades them with every core, then executes a sample of the same
notebooks with nbclient (a fresh kernel each, as a grader that runs student code must) and
extrapolates that sample to N, assuming perfect use of every core. Prints the figures.

    .venv/bin/python benchmarks/grading.py [--n 1000] [--sample 10] [--jobs 2]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import tempfile
import time
from collections import Counter
from pathlib import Path

from debatekit.classroom import bank_names, load_bank
from debatekit.classroom.answers import fill_answers
from debatekit.classroom.grading import grade_folder
from debatekit.classroom.notebooks import release

ASSIGNMENT = "cumulative"


def random_answer(q, rng: random.Random):
    """An answer of the right shape: sometimes right, often not, sometimes missing."""
    p = q.public
    if rng.random() < 0.1:
        return None
    if q.type == "single":
        return rng.choice([c["id"] for c in p["choices"]])
    if q.type == "multiple":
        ids = [c["id"] for c in p["choices"]]
        return rng.sample(ids, rng.randint(1, len(ids)))
    if q.type == "numeric":
        return rng.choice([q.key["value"], round(rng.uniform(0, 2 * q.key["value"]), 1)])
    if q.type == "ordering":
        ids = [i["id"] for i in p["items"]]
        return rng.sample(ids, len(ids))
    if q.type == "matching":
        options = [o["id"] for o in p["options"]]
        return {c["id"]: rng.choice(options) for c in p["claims"]}
    if q.type == "citation":
        return rng.choice([c["pid"] for c in p["candidates"]])
    if q.type == "weighing":
        w = dict(p["lens_weights"])
        for c in p["adjustable"]:
            w[c] = rng.choice([0, 1, 2.5, 5, 7.5, 10])
        return w
    return "Both cases, cited by paragraph: " + " ".join(
        rng.choice(["a000-p02", "a004-p11"]) for _ in range(40)
    )


def make_submissions(folder: Path, n: int, seed: int = 2025) -> Path:
    rng = random.Random(seed)
    bank = load_bank(ASSIGNMENT)
    released = release(ASSIGNMENT, folder / "release")
    template = released.read_text(encoding="utf-8")
    subs = folder / "submissions"
    subs.mkdir()
    for i in range(n):
        answers = {q.id: a for q in bank.questions if (a := random_answer(q, rng)) is not None}
        nb = fill_answers(json.loads(template), answers)
        (subs / f"student{i:04d}.ipynb").write_text(json.dumps(nb, indent=1), encoding="utf-8")
    return subs


def time_grading(subs: Path, jobs: int) -> tuple[float, int]:
    bank = load_bank(ASSIGNMENT)
    started = time.perf_counter()
    rows = grade_folder(bank, subs, jobs=jobs, progress=False)
    elapsed = time.perf_counter() - started
    assert all(r.status == "graded" for r in rows), [r.reason for r in rows if r.status != "graded"][:3]
    return elapsed, len(rows)


def time_execution(paths: list[Path]) -> list[float]:
    import nbformat
    from nbclient import NotebookClient

    times = []
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        started = time.perf_counter()
        NotebookClient(
            nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
        ).execute()
        times.append(time.perf_counter() - started)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="submissions to generate and grade")
    parser.add_argument("--sample", type=int, default=10, help="notebooks to execute with nbclient")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="grading processes")
    args = parser.parse_args()

    counts = Counter(q.type for name in bank_names() for q in load_bank(name).questions)
    print(f"question banks: {', '.join(bank_names())}; {sum(counts.values())} questions")
    print("  per type: " + ", ".join(f"{t} {n}" for t, n in sorted(counts.items())))
    bank = load_bank(ASSIGNMENT)
    print(f"benchmark assignment: {ASSIGNMENT}, {len(bank.questions)} questions, "
          f"types {sorted({q.type for q in bank.questions})}")  # fmt: skip

    with tempfile.TemporaryDirectory(prefix="dk-grading-bench-") as tmp:
        started = time.perf_counter()
        subs = make_submissions(Path(tmp), args.n)
        size = sum(p.stat().st_size for p in subs.iterdir()) / args.n / 1024
        print(
            f"generated {args.n} submissions in {time.perf_counter() - started:.1f} s ({size:.0f} KiB each)"
        )

        grade_one, _ = time_grading(subs, 1)
        grade_all, n = time_grading(subs, args.jobs)
        print(f"grading, 1 process:    {grade_one:6.2f} s total, {1000 * grade_one / n:.2f} ms each")
        print(
            f"grading, {args.jobs} processes:  {grade_all:6.2f} s total, {1000 * grade_all / n:.2f} ms each"
        )

        sample = sorted(subs.iterdir())[: args.sample]
        runs = time_execution(sample)
        mean = statistics.mean(runs)
        serial = mean * n
        parallel = serial / args.jobs
        print(
            f"executing with nbclient (measured on {len(runs)} notebooks, a fresh kernel each): "
            f"mean {mean:.2f} s, min {min(runs):.2f} s, max {max(runs):.2f} s per notebook"
        )
        print(
            f"  extrapolated to {n}: {serial:,.0f} s on one core, {parallel:,.0f} s if {args.jobs} cores "
            "were used perfectly (an estimate from the sample, not a measurement)"
        )
        print(
            f"grading is {parallel / grade_all:,.0f}x faster than executing them (both on {args.jobs} cores)"
        )
        target = "met" if grade_all < 10 and parallel / grade_all >= 100 else "NOT met"
        print(f"targets (1,000 in < 10 s; >= 100x faster than executing): {target}")


if __name__ == "__main__":
    main()
