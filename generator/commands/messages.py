"""What the commands print for the traffic manager, in FR and EN (``--lang``), one Text each.

Error messages stay in English: they quote file names, keys and values for whoever fixes the input.
"""

from __future__ import annotations

from crawler.common.text import Text

MESSAGES: dict[str, Text] = {
    "wrote": Text("wrote {path}", "écrit : {path}"),
    "warning": Text("warning: {text}", "avertissement : {text}"),
    "analytics_file": Text("{file}: {label}{dimension}, {rows} rows{period}{replaced}",
                           "{file} : {label}{dimension}, {rows} lignes{period}{replaced}"),
    "replaced_imports": Text(", replaced {n} earlier import(s)", ", remplace {n} import(s) précédent(s)"),
    "campaign_file": Text("{path}: {platform}, {rows} rows {start}..{end}{check}{note}",
                          "{path} : {platform}, {rows} lignes {start}..{end}{check}{note}"),
    "totals_match": Text(", matches its totals row", ", concorde avec sa ligne de total"),
    "totals_mismatch": Text(", DOES NOT match its totals row", ", NE concorde PAS avec sa ligne de total"),
    "replaced_rows": Text(" (replaced {n} earlier rows)", " (remplace {n} lignes précédentes)"),
    "log_file": Text("{name}: {format}, {status}, {lines} lines read, {hits} hits, {rejected} rejected",
                     "{name} : {format}, {status}, {lines} lignes lues, {hits} requêtes, {rejected} rejetées"),
    "crawl_finished": Text("finished", "terminé"),
    "crawl_stopped": Text("stopped ({reason})", "arrêté ({reason})"),
    "crawl_summary": Text("{state}: {pages} pages, {urls} URLs, {errors} errors, {seconds:.1f}s -> {db}",
                          "{state} : {pages} pages, {urls} URL, {errors} erreurs, {seconds:.1f} s -> {db}"),
    "crawl_resume": Text("resume with: traffic crawl --resume --db {db}",
                         "pour reprendre : traffic crawl --resume --db {db}"),
    "client_ok": Text("{path}: ok ({name}, {sites} site(s))", "{path} : ok ({name}, {sites} site(s))"),
}


def say(key: str, lang: str | None, **values: object) -> str:
    """The message ``key`` in ``lang`` (English when none is given)."""
    return MESSAGES[key].get(lang or "en").format(**values)
