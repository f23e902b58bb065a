"""LanguageTool: a server URL (a /v2 stand-in on 127.0.0.1) and a local folder (a stub jar)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
import zipfile
from pathlib import Path

import pytest

from oped_studio.checks import languagetool_engine as lt
from oped_studio.checks.engine import Checker, request_for_text
from oped_studio.checks.languagetool_engine import (
    LanguageToolEngine,
    LanguageToolUnavailable,
    find_jar,
    utf16_to_index,
)
from oped_studio.cli import main
from oped_studio.core.paths import app_paths
from oped_studio.core.settings import Settings, save_settings
from tests.fake_languagetool import FakeLanguageTool

STUB_SOURCE = Path(__file__).parent / "lt_stub"


@pytest.fixture
def fake():
    with FakeLanguageTool() as server:
        yield server


@pytest.fixture(autouse=True)
def short_timeouts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lt, "REQUEST_TIMEOUT", 1)
    monkeypatch.setattr(lt, "START_TIMEOUT", 20)


def test_utf16_table() -> None:
    text = "a🌵b🌵🌵c"
    table = utf16_to_index(text)
    encoded = text.encode("utf-16-le")
    for index in range(len(text) + 1):
        u = len(text[:index].encode("utf-16-le")) // 2
        assert table[u] == index
    assert len(table) == len(encoded) // 2 + 1


def test_server_matches_become_issues_with_python_offsets(fake: FakeLanguageTool) -> None:
    engine = LanguageToolEngine(url=fake.url)
    text = "🌵 I read teh report. 🌵🌵 Kirstjen Nielsen said teh opposite."
    try:
        issues = engine.check(text, disabled_rules=frozenset({"EN_QUOTES"}))
    finally:
        engine.close()
    assert [text[i.start : i.end] for i in issues] == ["teh", "teh"], "the name is let through"
    assert all(i.category == "spelling" and i.source == "languagetool" for i in issues)
    assert issues[0].replacements == ("the",) and issues[0].rule == "MORFOLOGIK_RULE_EN_US"
    assert fake.requests[-1]["disabledRules"] == ["EN_QUOTES"]
    assert fake.requests[-1]["language"] == ["en-US"]


def test_languagetool_and_harper_say_the_same_error_the_same_way(fake: FakeLanguageTool) -> None:
    text = "I ate a apple and read teh report."
    said = {}
    for settings in (
        Settings(grammar_engine="languagetool-server", languagetool_url=fake.url),
        Settings(),
    ):
        checker = Checker(settings)
        try:
            report = checker.run(request_for_text(text))
        finally:
            checker.close()
        said[report.grammar_engine] = {
            text[i.start : i.end]: (i.category, i.message, i.replacements[:1])
            for i in report.issues
            if i.source in ("harper", "languagetool")
        }
    assert said["languagetool"]["a"] == said["harper"]["a"]
    assert said["languagetool"]["a"][0] == "grammar"
    assert said["languagetool"]["teh"] == (
        "spelling",
        "Possible spelling mistake: did you mean “the”?",
        ("the",),
    )
    assert said["harper"]["teh"][0::2] == ("spelling", ("the",))


def test_cli_check_compares_the_engines(
    fake: FakeLanguageTool, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    letter = tmp_path / "letter.txt"
    letter.write_text("I read teh report.\n", encoding="utf-8")
    assert main(["check", str(letter), "--engine", "languagetool"]) == 2
    err = capsys.readouterr().err
    assert "LanguageTool is not set up" in err and "Traceback" not in err
    save_settings(Settings(languagetool_url=fake.url), app_paths())  # set, not chosen
    for engine in ("languagetool", "harper"):
        assert main(["check", str(letter), "--engine", engine, "--format", "json"]) == 0
        data = json.loads(capsys.readouterr().out)
        assert data["grammar_engine"] == engine
        assert any(i["source"] == engine for i in data["issues"])
    fake.mode = "error"
    assert main(["check", str(letter), "--engine", "languagetool"]) == 2
    err = capsys.readouterr().err
    assert "LanguageTool is not available" in err and "Traceback" not in err


def test_checker_uses_languagetool_when_configured(fake: FakeLanguageTool) -> None:
    checker = Checker(Settings(grammar_engine="languagetool-server", languagetool_url=fake.url))
    try:
        report = checker.run(request_for_text("I read teh report. Families were separated."))
    finally:
        checker.close()
    assert report.grammar_engine == "languagetool" and report.notices == []
    sources = {i.source for i in report.issues}
    assert "languagetool" in sources and "harper" not in sources
    assert "oped-studio" in sources, "our own checks still run"


@pytest.mark.parametrize("mode", ["slow", "garbage", "close", "error"])
def test_failing_server_falls_back_to_harper(fake: FakeLanguageTool, mode: str) -> None:
    fake.mode = mode
    checker = Checker(Settings(grammar_engine="languagetool-server", languagetool_url=fake.url))
    started = time.monotonic()
    try:
        report = checker.run(request_for_text("The plan was recieved badly."))
    finally:
        checker.close()
    assert time.monotonic() - started < 15, "never hangs"
    assert report.grammar_engine == "harper"
    assert len(report.notices) == 1 and "LanguageTool is not available" in report.notices[0]
    assert any(i.source == "harper" and i.rule == "SpellCheck" for i in report.issues)


def test_unreachable_server_fails_fast_with_a_clear_reason(fake: FakeLanguageTool) -> None:
    url = fake.url
    fake.server.shutdown()
    fake.server.server_close()
    engine = LanguageToolEngine(url=url)
    with pytest.raises(LanguageToolUnavailable, match=r"cannot be reached|cannot be used"):
        engine.check("teh")


def test_a_bad_url_is_refused() -> None:
    engine = LanguageToolEngine(url="ftp://example")
    with pytest.raises(LanguageToolUnavailable, match="is not a web address"):
        engine.check("text")


def test_retry_after_the_server_comes_back(fake: FakeLanguageTool) -> None:
    fake.mode = "error"
    checker = Checker(Settings(grammar_engine="languagetool-server", languagetool_url=fake.url))
    try:
        assert checker.run(request_for_text("teh")).grammar_engine == "harper"
        fake.mode = "ok"
        assert checker.run(request_for_text("teh")).grammar_engine == "harper", "stays off"
        checker.retry_languagetool()
        assert checker.run(request_for_text("teh")).grammar_engine == "languagetool"
    finally:
        checker.close()


# -- local folder ------------------------------------------------------------------------------


def test_folder_without_java(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "languagetool-server.jar").write_bytes(b"PK")
    monkeypatch.setattr(lt.shutil, "which", lambda _name: None)
    engine = LanguageToolEngine(folder=str(tmp_path))
    with pytest.raises(LanguageToolUnavailable, match="Java is not installed"):
        engine.check("teh")


def test_folder_without_the_jar(tmp_path: Path) -> None:
    with pytest.raises(LanguageToolUnavailable, match=r"there is no languagetool-server\.jar"):
        find_jar(tmp_path)
    nested = tmp_path / "LanguageTool-6.8"
    nested.mkdir()
    (nested / "languagetool-server.jar").write_bytes(b"PK")
    assert find_jar(tmp_path) == nested / "languagetool-server.jar"
    assert find_jar(nested / "languagetool-server.jar") == nested / "languagetool-server.jar"


def test_nothing_is_ever_downloaded(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import language_tool_python.download_lt as download

    def refuse(*_a, **_k):
        raise AssertionError("a download was attempted")

    monkeypatch.setattr(download, "download_zip", refuse)
    checker = Checker(
        Settings(grammar_engine="languagetool-folder", languagetool_folder=str(tmp_path))
    )
    report = checker.run(request_for_text("teh"))
    assert report.grammar_engine == "harper" and "no languagetool-server.jar" in report.notices[0]


def _need_java() -> None:
    if shutil.which("java") and shutil.which("javac"):
        return
    if os.environ.get("CI") == "true":
        pytest.fail("CI needs java and javac for the LanguageTool folder tests")
    pytest.skip("needs java and javac")


@pytest.fixture(scope="module")
def stub_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    _need_java()
    build = tmp_path_factory.mktemp("stub-build")
    source = STUB_SOURCE / "org" / "languagetool" / "server" / "HTTPServer.java"
    subprocess.run(["javac", "-d", str(build), str(source)], check=True, timeout=120)
    folder = tmp_path_factory.mktemp("lt") / "LanguageTool-6.8"
    folder.mkdir()
    with zipfile.ZipFile(folder / "languagetool-server.jar", "w") as jar:
        for cls in build.rglob("*.class"):
            jar.write(cls, cls.relative_to(build).as_posix())
    return folder


def test_local_folder_end_to_end(stub_folder: Path) -> None:
    engine = LanguageToolEngine(folder=str(stub_folder.parent))
    try:
        text = "🌵 I read teh report and teh letter."
        issues = engine.check(text)
        assert [text[i.start : i.end] for i in issues] == ["teh", "teh"]
        process = engine._server.process
        assert process is not None and process.poll() is None
    finally:
        engine.close()
    assert process.poll() is not None, "the server is stopped on close"


def test_local_folder_through_the_checker(stub_folder: Path) -> None:
    checker = Checker(
        Settings(grammar_engine="languagetool-folder", languagetool_folder=str(stub_folder))
    )
    try:
        report = checker.run(request_for_text("I read teh report."))
    finally:
        checker.close()
    assert report.grammar_engine == "languagetool"
    assert any(i.source == "languagetool" for i in report.issues)


@pytest.mark.parametrize(
    ("mode", "message"), [("crash", "stopped at once"), ("hang", "did not answer")]
)
def test_local_folder_that_fails(
    stub_folder: Path, monkeypatch: pytest.MonkeyPatch, mode: str, message: str
) -> None:
    monkeypatch.setenv("OPED_STUB_MODE", mode)
    monkeypatch.setattr(lt, "START_TIMEOUT", 3)
    engine = LanguageToolEngine(folder=str(stub_folder))
    started = time.monotonic()
    with pytest.raises(LanguageToolUnavailable, match=message):
        engine.check("teh")
    assert time.monotonic() - started < 15
    assert engine._server is None or engine._server.process is None


def test_broken_jar(tmp_path: Path) -> None:
    _need_java()
    (tmp_path / "languagetool-server.jar").write_bytes(b"this is not a jar")
    engine = LanguageToolEngine(folder=str(tmp_path))
    with pytest.raises(LanguageToolUnavailable, match="stopped at once"):
        engine.check("teh")
