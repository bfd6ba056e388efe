"""GET / : the status page for IT and the Network Manager. Counts and versions only.

No token is needed, because the page shows nothing a token protects: versions, the school's
name, how many names each roster holds (never a name), pilot mode, whether the extension is
paired, the last sync, and anonymous counts of warnings and "this warning is wrong" reports
per category, rule and week. No post text exists anywhere to show.

It stays behind the app's guards (loopback Host only, no web-page Origin) and adds its own:
it refuses to be framed or fetched by another page (Sec-Fetch-*), sends
X-Frame-Options: DENY and a CSP that forbids every external resource, and is never cached.
"""

from __future__ import annotations

import html
import time
from datetime import date, timedelta

from flask import Blueprint, current_app, request

from companion.web.errors import error_response

bp = Blueprint("status", __name__)
WEEKS = 8
_PAIRING_CACHE: dict = {}
CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
       "form-action 'none'; frame-ancestors 'none'")


@bp.before_request
def _only_typed_in():
    """A page IT opens by typing the address; never framed, fetched or embedded by a web page."""
    dest = request.headers.get("Sec-Fetch-Dest", "")
    site = request.headers.get("Sec-Fetch-Site", "")
    mode = request.headers.get("Sec-Fetch-Mode", "")
    if dest in ("iframe", "frame", "embed", "object", "script", "style", "image", "worker", "sharedworker"):
        return error_response(403, "The status page cannot be embedded in another page.")
    if site in ("cross-site", "same-site") and mode != "navigate":
        return error_response(403, "Web pages may not read PostGuard's status page.")
    return None


@bp.after_request
def _headers(response):
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Content-Security-Policy"] = CSP
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["Cross-Origin-Resource-Policy"] = "same-origin"
    response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
    return response


def _pairing(companion) -> tuple[str, str]:
    """(state, detail): browser policy token vs this companion's, and installs paired by code.

    The browser policy is read at most once a minute."""
    from companion.deploy.browser_policy import find_policies, policy_token

    pairing = getattr(companion, "pairing", None)
    try:
        by_code = len(pairing.installs()) if pairing is not None else 0
    except Exception:  # noqa: BLE001 - the page must render anyway
        by_code = 0
    coded = f" {by_code} browser install{'s' if by_code != 1 else ''} paired by code (postguard pair)." if by_code else ""
    now = time.monotonic()
    if now - _PAIRING_CACHE.get("at", -1e9) > 60 or _PAIRING_CACHE.get("home") != str(companion.home):
        _PAIRING_CACHE.update(at=now, home=str(companion.home), policies=find_policies())
    policies = _PAIRING_CACHE["policies"]
    if not policies:
        if by_code:
            return "paired", "No browser policy on this machine;" + coded
        return "not paired", "No browser policy installs PostGuard here and no browser is paired: see docs/deploy.md."
    token, port = policy_token(policies)
    browsers = ", ".join(sorted({p.browser for p in policies}))
    if token is None:
        return ("paired" if by_code else "policy without token"), f"Browser policy found ({browsers}) without a token." + coded
    if token != companion.token():
        return "NOT paired", (f"The browser policy's token ({browsers}) differs from this companion's: "
                              f"run `postguard policy adopt-token`." + coded)
    return "paired", (f"The browser policy ({browsers}) gives the extension this companion's token"
                      + (f" and port {port}." if port else ".") + coded)


def _week_label(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _counts(companion):
    """Per category per week, and per rule: counts only."""
    since = date.today() - timedelta(weeks=WEEKS)
    weeks = []
    day = since
    while day <= date.today():
        label = _week_label(day)
        if label not in weeks:
            weeks.append(label)
        day += timedelta(days=1)
    weeks = weeks[-WEEKS:]
    by_category: dict = {}
    by_rule: dict = {}
    for day_s, category, rule, kind, n in companion.store.counts(since):
        week = _week_label(date.fromisoformat(day_s))
        cell = by_category.setdefault(category, {}).setdefault(week, {"warning": 0, "false_alarm": 0})
        cell[kind] = cell.get(kind, 0) + n
        total = by_rule.setdefault((category, rule), {"warning": 0, "false_alarm": 0})
        total[kind] = total.get(kind, 0) + n
    return weeks, by_category, by_rule


def _sync_state(companion) -> str:
    from companion.deploy.sync import read_state

    state = read_state(companion.home)
    if not state:
        return "not set up (the school file and rules on this machine are used as they are)"
    if state.get("last_result") == "failed":
        return (f"LAST SYNC FAILED {state.get('last_attempt', '')}: {state.get('last_error', '')} "
                f"(last good: {state.get('last_success', 'never')})")
    return f"ok {state.get('last_success', '')}" + (f", version {state['version']}" if state.get("version") else "")


PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>PostGuard status</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:#f4f6f8;color:#1d2733}}
header{{background:#1f3a5f;color:#fff;padding:14px 28px}} header h1{{margin:0;font-size:21px}}
header p{{margin:2px 0 0;opacity:.85}} main{{padding:18px 28px;max-width:1150px}}
section{{background:#fff;border:1px solid #d8dee5;border-radius:8px;padding:12px 18px;margin:0 0 16px}}
h2{{font-size:16px;margin:2px 0 10px}} dl{{display:grid;grid-template-columns:190px 1fr;gap:4px 14px;margin:0}}
dt{{color:#566474}} dd{{margin:0}} table{{border-collapse:collapse;width:100%;font-size:14px}}
th,td{{padding:4px 8px;border-bottom:1px solid #e7ebef;text-align:right}} th:first-child,td:first-child{{text-align:left}}
th{{color:#566474;font-weight:600}} .fa{{color:#a4500b}} .zero{{color:#b5bec8}}
.badge{{display:inline-block;padding:1px 9px;border-radius:10px;font-weight:600;font-size:13px}}
.ok{{background:#dcf3e4;color:#14632f}} .warn{{background:#fdecc8;color:#7a4b00}} .bad{{background:#fbdada;color:#8a1c1c}}
.note{{color:#566474;font-size:13px}} table.rules td:nth-child(2),table.rules th:nth-child(2){{text-align:left}}
</style></head><body>
<header><h1>PostGuard status</h1><p>{school}: companion {version} on this computer</p></header>
<main>
<section><h2>This installation</h2><dl>
<dt>Companion version</dt><dd>{version}</dd>
<dt>Rules version</dt><dd>{rules_version} ({rules} rules)</dd>
<dt>School</dt><dd>{school}</dd>
<dt>Pilot mode</dt><dd>{pilot}</dd>
<dt>Rosters</dt><dd>{rosters}</dd>
<dt>Extension pairing</dt><dd>{pairing}</dd>
<dt>Central updates</dt><dd>{sync}</dd>
</dl></section>
<section><h2>Warnings per category per week</h2>
<p class="note">Warnings shown (or, in pilot mode, counted) when a post was submitted; in brackets, the
"this warning is wrong" reports. Counts only: PostGuard never stores what anyone wrote.</p>
{weekly}</section>
<section><h2>Per rule, last {weeks} weeks</h2>
<p class="note">Rules with many "wrong" reports are the ones to tune before staff see warnings.</p>
{per_rule}</section>
<p class="note">Served by the PostGuard companion on 127.0.0.1 only. This page needs no token: it shows counts and versions, never names or text.</p>
</main></body></html>
"""


def _e(value) -> str:
    return html.escape(str(value), quote=True)


def _badge(kind: str, text: str) -> str:
    return f'<span class="badge {kind}">{_e(text)}</span>'


def render(companion) -> str:
    status = companion.status()
    school = companion.school
    if status["pilot"]:
        until = f" until {school.pilot_until.isoformat()}" if getattr(school, "pilot_until", None) else ""
        pilot = _badge("warn", "ON") + f" warnings are counted{_e(until)} but not shown to staff"
    else:
        pilot = _badge("ok", "off") + " staff see warnings"
    rosters = ", ".join(f"{_e(kind)}: {int(n)} {'person' if n == 1 else 'people'}" for kind, n in status["rosters"].items())
    state, detail = _pairing(companion)
    pairing = _badge({"paired": "ok", "not paired": "warn"}.get(state, "bad"), state) + " " + _e(detail)
    sync_text = _sync_state(companion)
    sync = (_badge("bad", "failed") + " " if "FAILED" in sync_text else "") + _e(sync_text)

    weeks, by_category, by_rule = _counts(companion)
    titles = {c.id: c.title for c in companion.rulebook.categories.values()}
    if by_category:
        head = "<tr><th>Category</th>" + "".join(f"<th>{_e(w)}</th>" for w in weeks) + "<th>Total</th></tr>"
        rows = []
        for category in sorted(by_category, key=lambda c: -sum(v["warning"] for v in by_category[c].values())):
            cells, total, total_fa = [], 0, 0
            for week in weeks:
                cell = by_category[category].get(week, {})
                warn, fa = cell.get("warning", 0), cell.get("false_alarm", 0)
                total, total_fa = total + warn, total_fa + fa
                cells.append(_cell(warn, fa))
            rows.append(f"<tr><td>{_e(titles.get(category, category))} <span class=note>{_e(category)}</span></td>"
                        + "".join(cells) + _cell(total, total_fa) + "</tr>")
        weekly = f"<table>{head}{''.join(rows)}</table>"
    else:
        weekly = "<p>No warnings counted yet.</p>"
    if by_rule:
        rows = []
        for (category, rule), n in sorted(by_rule.items(), key=lambda kv: (-kv[1]["false_alarm"], -kv[1]["warning"])):
            share = f"{100 * n['false_alarm'] / n['warning']:.0f}%" if n["warning"] else "–"
            rows.append(f"<tr><td>{_e(rule)}</td><td>{_e(category)}</td><td>{n['warning']}</td>"
                        f"<td class=fa>{n['false_alarm']}</td><td>{share}</td></tr>")
        per_rule = ('<table class="rules"><tr><th>Rule</th><th>Category</th><th>Warnings</th><th>Reported wrong</th>'
                    "<th>Wrong / warnings</th></tr>" + "".join(rows) + "</table>")
    else:
        per_rule = "<p>No warnings counted yet.</p>"
    return PAGE.format(school=_e(status["school"]), version=_e(status["version"]),
                       rules_version=_e(status["rules_version"]), rules=int(status["rules"]), pilot=pilot,
                       rosters=rosters, pairing=pairing, sync=sync, weekly=weekly, per_rule=per_rule, weeks=WEEKS)


def _cell(warn: int, fa: int) -> str:
    if not warn and not fa:
        return '<td class="zero">0</td>'
    return f"<td>{warn}" + (f' <span class="fa">({fa})</span>' if fa else "") + "</td>"


@bp.get("/")
def status_page():
    companion = current_app.config["COMPANION"]
    return current_app.response_class(render(companion), mimetype="text/html")
