"""Printable handouts: one self-contained HTML page per motion, ready to print or save as PDF.

A handout holds an evidence packet for each side (the cards its case and rebuttals cite, quoted
word for word with their paragraph ids), a blank flow sheet with one column per speech of the
chosen format, and the judging ballot (``ballot.yml``) with a score column per side or team.
Everything shown is read from the package's data; every piece of text is HTML-escaped.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from debatekit.content import corpus, formats, motions, scoring
from debatekit.render.links import PARAGRAPH_URL

#: Paper sizes a handout can be laid out for (CSS ``@page size`` keywords).
PAPERS = {"a4": "A4", "letter": "letter"}
#: Blank rows on the flow sheet: room for about a dozen arguments and answers per speech.
FLOW_ROWS = 10
#: Where a paragraph is read in context, as a packet prints it (from the book's root).
_WHERE_A_PARAGRAPH_IS = PARAGRAPH_URL.format(root="", article="<article>", pid="<paragraph id>")

_CSS = """
@page { size: %(paper)s; margin: 15mm 14mm 16mm; }
@page flow { size: %(paper)s landscape; margin: 10mm 10mm 12mm; }
* { box-sizing: border-box; }
html { color: #000; background: #fff; }
body { font: 10.5pt/1.4 "DejaVu Serif", Georgia, serif; margin: 0; }
h1, h2, h3 { font-family: "DejaVu Sans", Arial, sans-serif; line-height: 1.2; margin: 0 0 0.4em; }
h1 { font-size: 17pt; } h2 { font-size: 13pt; margin-top: 0.8em; } h3 { font-size: 11pt; margin-top: 0.7em; }
p { margin: 0 0 0.5em; }
.sheet { break-before: page; }
.sheet:first-of-type { break-before: auto; }
.flow { page: flow; }
.motion { font-weight: 700; font-size: 12pt; }
.note { font-size: 9pt; color: #333; }
.ids { font-family: "DejaVu Sans Mono", monospace; font-size: 9pt; }
.card { break-inside: avoid; border-top: 1px solid #777; padding: 0.35em 0 0.2em; }
.card blockquote { margin: 0.2em 0 0.3em 1.2em; font-size: 11pt; }
.card .ours { font-size: 9.5pt; }
ol.case { margin: 0 0 0.6em; padding-left: 1.4em; }
ol.case li { break-inside: avoid; margin-bottom: 0.3em; }
table { border-collapse: collapse; width: 100%%; }
th, td { border: 1px solid #000; padding: 0.25em 0.4em; text-align: left; vertical-align: top; }
.flow table { table-layout: fixed; font: 8.5pt/1.25 "DejaVu Sans", Arial, sans-serif; }
.flow td { height: 12mm; }
.ballot table { font-size: 9pt; break-inside: auto; }
.ballot tr { break-inside: avoid; }
.ballot td.score { width: 16mm; }
.bands { margin: 0; padding-left: 1.1em; font-size: 8.5pt; }
.lines { border-bottom: 1px solid #000; height: 9mm; }
.sign { display: flex; gap: 6mm; margin-top: 4mm; }
.sign span { flex: 1; border-bottom: 1px solid #000; padding-top: 7mm; font-size: 9pt; }
@media screen { body { max-width: 62rem; margin: 1.5rem auto; padding: 0 1rem; }
  .sheet { border-top: 3px double #000; margin-top: 2rem; padding-top: 1rem; } }
"""


def print_css(paper: str = "a4") -> str:
    """The handouts' print CSS for ``paper``; case packets use it too, so they print alike."""
    return _CSS % {"paper": PAPERS[paper.lower()]}


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _side_label(fmt: formats.Format, side: str) -> str:
    """The motion's side as this format names it: proposition → its first side, opposition → its second."""
    name = fmt.sides[motions.SIDES.index(side)]
    return name if name.lower() == side else f"{name} ({side})"


def _sources(article_ids: tuple[str, ...]) -> str:
    items = []
    for aid in article_ids:
        a = corpus.article(aid)
        items.append(f"<li><span class=ids>{_e(aid)}</span> {_e(a.title)}. Author: {_e(a.author)}; "
                     f"outlet: {_e(a.outlet)}; date: {_e(a.date)}.</li>")  # fmt: skip
    return "<ul>" + "".join(items) + "</ul>"


def _packet(m: motions.Motion, fmt: formats.Format, side: str) -> str:
    """One side's evidence packet: its case in brief, then every card it cites, quoted verbatim."""
    label = _side_label(fmt, side)
    case = "".join(
        f"<li><strong>{_e(a.claim)}</strong> <span class=ids>{_e(', '.join(a.card_ids))}</span></li>"
        for a in m.side(side)
    )
    cards = []
    for card in motions.evidence_packet(m.motion_id, side).itertuples(index=False):
        cards.append(
            f"<div class=card><p><span class=ids>{_e(card.card_id)} · paragraph {_e(card.paragraph_id)}"
            f"</span> · {_e(card.kind)} · <span class=date>{_e(card.date)}</span>"
            f" · used for: {_e('; '.join(card.used_for))}</p>"
            f"<blockquote>“{_e(card.quote)}”</blockquote>"
            f"<p class=ours>Our paraphrase: {_e(card.claim)}</p></div>"
        )
    return (
        f'<section class="sheet packet" data-side="{_e(side)}"><h1>Evidence packet: {_e(label)}</h1>'
        f"<p class=motion>{_e(m.text)}</p>"
        "<p class=note>Quotations are the articles' words, exactly as in the paragraph cited (read it "
        f"in context: {_e(_WHERE_A_PARAGRAPH_IS)}). Paraphrases and the case outline are ours.</p>"
        f"<h2>The case in brief</h2><ol class=case>{case}</ol>"
        f"<h2>Cards ({len(cards)})</h2>{''.join(cards)}</section>"
    )


def _flow(m: motions.Motion, fmt: formats.Format) -> str:
    """A blank flow sheet: one column per speech of the format, in speaking order."""
    order = formats.speeches(fmt.format_id)
    speeches = order[order["team"].notna()]
    head = "".join(
        f"<th scope=col>{s.order}. {_e(s.speaker)}<br><span class=note>{_e(s.side)} · "
        f"{s.minutes:g} min from minute {s.start_minute:g} · {_e(s.kind)}</span></th>"
        for s in speeches.itertuples(index=False)
    )
    rows = ("<tr>" + "<td></td>" * len(speeches) + "</tr>") * FLOW_ROWS
    return (
        f'<section class="sheet flow"><h1>Flow sheet · {_e(fmt.name)}</h1>'
        f"<p class=motion>{_e(m.text)}</p>"
        "<p class=note>Note each argument in the column of the speech that makes it (claim, card id); "
        "draw an arrow to where the other side answers it, and mark arguments no one answers.</p>"
        f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></section>"
    )


def _points(band: scoring.Band) -> str:
    return str(band.low) if band.low == band.high else f"{band.low}–{band.high}"


def _ballot(m: motions.Motion, fmt: formats.Format, b: scoring.Ballot) -> str:
    """The judging ballot with one score column per team of the format, the rules and the reasons."""
    teams = [t.team for t in fmt.teams]
    head = "".join(f"<th scope=col>{_e(t)}</th>" for t in teams)
    rows = []
    for c in b.criteria:
        bands = "".join(
            f"<li>{_points(band)} {_e(band.label)}: {_e(band.descriptor)}</li>" for band in c.bands
        )
        rows.append(
            f"<tr><th scope=row>{_e(c.name)} <span class=note>(out of {c.points})</span></th>"
            f"<td>{_e(c.asks)}<ul class=bands>{bands}</ul></td>"
            + "<td class=score></td>" * len(teams) + "</tr>"
        )
    total = sum(c.points for c in b.criteria)
    rows.append(f"<tr><th scope=row>Total <span class=note>(out of {total})</span></th><td></td>"
                + "<td class=score></td>" * len(teams) + "</tr>")  # fmt: skip
    decision = "".join(f"<li>{_e(rule)}</li>" for rule in b.decision)
    prompts = "".join(f"<li>{_e(p)}<div class=lines></div></li>" for p in b.reason_prompts)
    return (
        f'<section class="sheet ballot"><h1>{_e(b.title)} · {_e(fmt.name)}</h1>'
        f"<p class=motion>{_e(m.text)}</p><p class=note>{_e(b.scored)}</p>"
        f"<table><thead><tr><th scope=col>Criterion</th><th scope=col>What to look for</th>{head}</tr>"
        f"</thead><tbody>{''.join(rows)}</tbody></table>"
        f"<h2>How to decide</h2><ul>{decision}</ul><p>{_e(fmt.name)}: {_e(fmt.result)}</p>"
        f"<h2>Reason for decision</h2><ol>{prompts}</ol>"
        "<div class=sign><span>Winner</span><span>Judge</span><span>Date</span></div></section>"
    )


def handout_html(motion_id: str, format_id: str = "oxford", paper: str = "a4") -> str:
    """The whole handout for one motion as a standalone HTML document (no scripts, no external files)."""
    if paper.lower() not in PAPERS:
        raise ValueError(f"unknown paper size {paper!r}; choose one of {sorted(PAPERS)}")
    m, fmt, b = motions.motion(motion_id), formats.get_format(format_id), scoring.ballot()
    title = f"{m.motion_id} handout: {m.text}"
    body = "".join([
        f'<section class="sheet cover"><h1>{_e(m.text)}</h1>'
        f"<p class=note>Motion {_e(m.motion_id)} · format: {_e(fmt.name)} · handout from debatekit</p>"
        f"<h2>Context (ours)</h2><p>{_e(m.context)}</p><h2>The articles cited</h2>{_sources(m.articles)}"
        "<h2>In this handout</h2><ol><li>Evidence packet: "
        f"{_e(_side_label(fmt, 'proposition'))}</li><li>Evidence packet: {_e(_side_label(fmt, 'opposition'))}"
        "</li><li>Flow sheet</li><li>Judging ballot</li></ol></section>",
        _packet(m, fmt, "proposition"),
        _packet(m, fmt, "opposition"),
        _flow(m, fmt),
        _ballot(m, fmt, b),
    ])  # fmt: skip
    return (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)}</title><style>{print_css(paper)}</style></head>"
        f"<body>{body}</body></html>\n"
    )


def write_handouts(motion: str, out: Path, format_id: str = "oxford", paper: str = "a4") -> list[Path]:
    """Write ``<motion>-<format>.html`` into ``out`` for one motion id, or for every motion with "all"."""
    known = [m.motion_id for m in motions.motions()]
    if motion != "all" and motion not in known:
        raise ValueError(f"unknown motion {motion!r}; choose one of {known} or 'all'")
    ids = known if motion == "all" else [motion]
    pages = {mid: handout_html(mid, format_id, paper) for mid in ids}  # check every motion before writing
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for mid, html in pages.items():
        path = out / f"{mid}-{format_id}.html"
        path.write_text(html, encoding="utf-8")
        written.append(path)
    return written
