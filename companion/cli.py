"""The `postguard` command line: serve, token, check, roster, doctor."""

from __future__ import annotations

import argparse
import json
import logging
import secrets
import sys
from pathlib import Path

from companion import __version__
from companion.errors import ConfigError, RequestError
from companion.server import DEFAULT_PORT


def _companion(args):
    from companion.service import Companion

    return Companion(school_file=args.school, rules_dir=args.rules)


def cmd_serve(args) -> int:
    from companion.server import ServeError, serve

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    companion = _companion(args)
    try:
        serve(companion, host=args.host, port=args.port)
    except ServeError as exc:
        print(f"postguard: {exc}", file=sys.stderr)
        return 1
    finally:
        companion.close()
    return 0


def cmd_token(args) -> int:
    from companion.paths import data_dir
    from companion.secretstore import SecretStore

    print(SecretStore(data_dir()).token())
    return 0


def cmd_pair(args) -> int:
    from companion.pairing import Pairing
    from companion.paths import data_dir
    from companion.secretstore import SecretStore
    from companion.storage import Store

    home = data_dir()
    store = Store(home)
    try:
        pairing = Pairing(store, SecretStore(home))
        if args.forget:
            pairing.unpair_all()
            print("Every paired browser is unpaired: they must be paired again (the IT token still works).")
            return 0
        code = pairing.new_code()
    finally:
        store.close()
    print(f"Pairing code: {code}\n\nType it into PostGuard's options page in the browser within 10 minutes.\n"
          "It works once; pairing again replaces that browser's previous pairing. The companion must be running.")
    return 0


def _answer(companion, line: str) -> tuple[dict, bool]:
    try:
        body = json.loads(line)
    except ValueError as exc:
        return {"error": {"code": "invalid_json", "message": f"Not valid JSON: {exc.msg} (character {exc.pos})."}}, False
    try:
        return companion.check(body), True
    except RequestError as exc:
        return {"error": {"code": exc.code, "message": str(exc)}}, False


def cmd_check(args) -> int:
    companion = _companion(args)
    out = sys.stdout
    ok = True
    try:
        if args.jsonl:
            for line in sys.stdin:
                if not line.strip():
                    continue
                response, good = _answer(companion, line)
                ok &= good
                out.write(json.dumps(response, ensure_ascii=False) + "\n")
        else:
            response, ok = _answer(companion, sys.stdin.read())
            out.write(json.dumps(response, ensure_ascii=False, indent=2) + "\n")
    finally:
        companion.close()
    return 0 if ok else 1


class _Progress:
    """A one-line progress display on stderr for long imports."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.last = -1
        self.tty = sys.stderr.isatty()

    def __call__(self, done: int, total: int) -> None:
        percent = 100 if total == 0 else done * 100 // total
        step = percent if self.tty else percent // 25 * 25
        if step != self.last:
            self.last = step
            end = "" if self.tty and percent < 100 else "\n"
            print(f"\r{self.label}: {percent}%", end=end, file=sys.stderr, flush=True)


def cmd_roster(args) -> int:
    from companion.paths import data_dir
    from companion.roster.importer import KINDS, import_roster
    from companion.roster.mis_csv import RosterFormatError
    from companion.secretstore import SecretStore
    from companion.storage import Store

    home = data_dir()
    store = Store(home)
    try:
        if args.roster_command == "import":
            key = SecretStore(home).roster_key()
            try:
                report = import_roster(store, args.kind, Path(args.file), key, progress=_Progress(f"Reading {Path(args.file).name}"))
            except FileNotFoundError:
                print(f"postguard: {args.file}: no such file", file=sys.stderr)
                return 1
            except (RosterFormatError, ValueError, OSError) as exc:
                print(f"postguard: {args.file}: {exc}\nThe previous {args.kind} roster is unchanged.", file=sys.stderr)
                return 1
            print(f"Imported {report.imported} {args.kind} from {Path(args.file).name} "
                  f"({report.encoding}; columns: {', '.join(f'{k}={v!r}' for k, v in report.columns.items())}).")
            if report.rejected:
                print(f"Rejected {len(report.rejected)} rows:")
                for row in report.rejected[:50]:
                    print(f"  row {row.row}: {row.reason}")
                if len(report.rejected) > 50:
                    print(f"  … and {len(report.rejected) - 50} more")
            print("Names are stored only as keyed hashes; the CSV itself is not kept.")
            return 0
        if args.roster_command == "status":
            for kind in KINDS:
                meta = store.roster_meta(kind)
                if meta is None:
                    print(f"{kind}: none imported")
                else:
                    print(f"{kind}: {meta.people} people from {meta.source}, imported {meta.imported_at}"
                          f"{f', {meta.rejected} rows rejected' if meta.rejected else ''}")
            return 0
        if args.roster_command == "rekey":
            SecretStore(home).set("roster-key", secrets.token_urlsafe(32))
            store.clear_roster()
            print("New roster key made; both rosters were deleted (hashes cannot be re-keyed without the names).\n"
                  "Import them again: postguard roster import --kind pupils|staff FILE.csv")
            return 0
        if args.roster_command == "clear":
            store.clear_roster(args.kind)
            print(f"Cleared the {args.kind or 'pupil and staff'} roster{'' if args.kind else 's'}.")
            return 0
    finally:
        store.close()
    return 2


def cmd_doctor(args) -> int:
    from companion.doctor import run_doctor

    return run_doctor(args.school, args.rules, args.port)


def cmd_eval(args) -> int:
    from companion.evaluation import CorpusError, evaluate, format_report

    try:
        reports = evaluate(args.corpus, args.file, school_file=args.school, rules_dir=args.rules)
    except CorpusError as exc:
        print(f"postguard: {exc}", file=sys.stderr)
        return 1
    print("\n\n".join(format_report(r) for r in reports))
    failing = [f"{r.name}: {p}" for r in reports for p in r.below_target()]
    if failing:
        print("\nBelow target:\n  " + "\n  ".join(failing))
    else:
        print("\nAll targets met (recall >= 95% for every category, false alarms on clean posts <= 3%).")
    return 1 if failing and args.strict else 0


def cmd_rules(args) -> int:
    if args.rules_command == "train":
        return cmd_rules_train(args)
    from companion.engine.rulebook import load_rulebook
    from companion.engine.school import load_school
    from companion.paths import default_rules_dir, default_school_file

    school = load_school(args.school or default_school_file())
    rulebook = load_rulebook(args.rules or default_rules_dir(), school)
    print(f"Rules {rulebook.version} from {rulebook.directory}")
    for category in rulebook.categories.values():
        print(f"\n{category.id} ({category.title})")
        print(f"  policy: {category.clause}")
        rules = [r for r in rulebook.rules if r.category == category.id]
        if not rules:
            print("  (no rules)")
        for rule in sorted(rules, key=lambda r: r.id):
            until = f", until a {' and '.join(rule.without_roster)} roster is imported" if rule.without_roster else ""
            print(f"  - {rule.id} [{rule.severity}, {rule.matcher.kind}{until}]: {rule.message}")
            print(f"      clause: {rule.clause}")
    return 0


def cmd_rules_train(args) -> int:
    from companion.evaluation import CorpusError, default_corpus_dir
    from companion.paths import default_rules_dir
    from companion.wording_training import MODEL_FILE, TrainingError, train_from_corpus

    corpus = args.corpus or default_corpus_dir() / "tuning.jsonl"
    out = args.out or (args.rules or default_rules_dir()) / MODEL_FILE
    say = lambda line: print(line, file=sys.stderr, flush=True)  # noqa: E731
    say(f"Training the wording model on {corpus}")
    try:
        model = train_from_corpus(corpus, progress=say, school_file=args.school)
    except (CorpusError, TrainingError, OSError) as exc:
        print(f"postguard: {exc}", file=sys.stderr)
        return 1
    model.save(out)
    kept = sum(len(w.weights) for w in model.categories.values())
    print(f"Wrote {out}: {len(model.categories)} categories, {kept} weights, "
          f"trained on {model.trained_on['cases']} cases of {model.trained_on['file']}.")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="postguard", description="PostGuard's companion: checks posts against the school's social media policy.")
    parser.add_argument("--version", action="version", version=f"postguard {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--school", type=Path, help="the school file (TOML); default: the data directory's school.toml, else The Crypt School's")
    common.add_argument("--rules", type=Path, help="the rules folder; default: the shipped rules/")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    serve = sub.add_parser("serve", parents=[common], help="run the companion on 127.0.0.1")
    serve.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT})")
    serve.add_argument("--host", default="127.0.0.1", help=argparse.SUPPRESS)
    serve.set_defaults(func=cmd_serve)

    sub.add_parser("token", help="print the token the extension presents").set_defaults(func=cmd_token)

    pair = sub.add_parser("pair", help="show a one-time code to pair a browser's extension with this companion")
    pair.add_argument("--forget", action="store_true", help="unpair every browser instead")
    pair.set_defaults(func=cmd_pair)

    check = sub.add_parser("check", parents=[common], help="check one request from standard input, without a server")
    check.add_argument("--jsonl", action="store_true", help="one request per line in, one response per line out")
    check.set_defaults(func=cmd_check)

    roster = sub.add_parser("roster", help="import, inspect or clear the pupil and staff rosters")
    roster_sub = roster.add_subparsers(dest="roster_command", required=True, metavar="ACTION")
    imp = roster_sub.add_parser("import", help="import a CSV exported from the MIS (replaces the previous one)")
    imp.add_argument("--kind", choices=("pupils", "staff"), required=True)
    imp.add_argument("file")
    roster_sub.add_parser("status", help="how many names each roster holds")
    roster_sub.add_parser("rekey", help="make a new hashing key and delete both rosters (import them again)")
    clear = roster_sub.add_parser("clear", help="delete a roster (both if --kind is not given)")
    clear.add_argument("--kind", choices=("pupils", "staff"))
    roster.set_defaults(func=cmd_roster)

    evaluate = sub.add_parser("eval", parents=[common], help="measure the rules on a labelled corpus (recall, precision, false alarms)")
    evaluate.add_argument("--corpus", type=Path, help="the corpus folder (default: the repository's tests/corpus)")
    evaluate.add_argument("--file", action="append", metavar="NAME",
                          help="a corpus file in that folder, e.g. tuning.jsonl (repeatable; default: tuning and held-out)")
    evaluate.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    evaluate.set_defaults(func=cmd_eval)

    rules = sub.add_parser("rules", parents=[common], help="show the rules: each category, its rules, severity and clause")
    rules_sub = rules.add_subparsers(dest="rules_command", required=True, metavar="ACTION")
    rules_sub.add_parser("list", parents=[common], help="each category with its rules, severity and clause")
    train = rules_sub.add_parser("train", parents=[common], help="fit the wording model to a labelled corpus file (never a held-out one)")
    train.add_argument("--corpus", type=Path, metavar="FILE.jsonl", help="labelled cases (default: the repository's tests/corpus/tuning.jsonl)")
    train.add_argument("--out", type=Path, help="where to write the model (default: wording-model.json in the rules folder)")
    rules.set_defaults(func=cmd_rules)

    from companion.deploy.cli import add_deploy_commands

    add_deploy_commands(sub, common)  # policy, sync (IT deployment)

    doctor = sub.add_parser("doctor", parents=[common], help="check the installation and say what to fix")
    doctor.add_argument("--port", type=int, default=DEFAULT_PORT)
    doctor.set_defaults(func=cmd_doctor)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except ConfigError as exc:
        print(f"postguard: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
