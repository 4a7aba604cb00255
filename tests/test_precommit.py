"""Config, fingerprints and the pre-commit hooks, the last with the REAL ``pre-commit``
tool against temporary git repositories and real Apertium eng-spa translations."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT, run_cli
from translate.editorial import fingerprint as fp
from translate.editorial.config import find_config, load_config, read_config
from translate.errors import UserError

TRANSLATE = Path(sys.executable).with_name("translate")
PRE_COMMIT = Path(sys.executable).with_name("pre-commit")
GLOSSARY = ROOT / "glossaries/caucasus.yaml"

CONFIG = """\
source_lang = "en"
target_langs = ["es"]
glossaries = ["glossaries/caucasus.yaml"]
engine = "apertium"

[[mappings]]
source = "news/*.{lang}.md"
"""

STORY = "# Talks in Baku\n\nMinisters met in Baku on Sunday. Ilham Aliyev received Abbas Araghchi.\n\nThe talks ended.\n"


# -- config ----------------------------------------------------------------------------


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    write(tmp_path / "glossaries/caucasus.yaml", GLOSSARY.read_text(encoding="utf-8"))
    return tmp_path


def test_config_mappings_all_three_styles(project: Path) -> None:
    write(
        project / "pyproject.toml",
        """\
[project]
name = "site"

[tool.dragoman]
source_lang = "en"
target_langs = ["es", "ca"]
glossaries = ["glossaries/caucasus.yaml"]

[[tool.dragoman.mappings]]
source = "content/en/**"
translation = "content/{lang}/**"

[[tool.dragoman.mappings]]
source = "stories/**/*.en.md"
translation = "stories/**/*.{lang}.md"

[[tool.dragoman.mappings]]
source = "posts/*.md"
front_matter = "translations"
""",
    )
    write(project / "content/en/world/a.md", "A.")
    write(project / "stories/2024/x.en.md", "X.")
    write(
        project / "posts/p.md",
        "---\ntitle: P\ntranslations: {es: p-es.md, ca: /other/p.md}\n---\nP.\n",
    )
    write(
        project / "posts/p-es.md",
        "---\ntitle: P\ntranslations: {es: p-es.md, ca: /other/p.md}\n---\nP.\n",
    )
    config = load_config(start=project / "content")
    assert config.path == project / "pyproject.toml" and config.engine == "auto"
    assert config.glossaries == [(project / "glossaries/caucasus.yaml").resolve()]

    def rel(mapping: dict) -> dict:
        return {k: v.relative_to(project).as_posix() for k, v in mapping.items()}

    assert rel(config.translations_of(project / "content/en/world/a.md")) == {
        "es": "content/es/world/a.md",
        "ca": "content/ca/world/a.md",
    }
    assert rel(config.translations_of(project / "stories/2024/x.en.md")) == {
        "es": "stories/2024/x.es.md",
        "ca": "stories/2024/x.ca.md",
    }
    assert rel(config.translations_of(project / "posts/p.md")) == {
        "es": "posts/p-es.md",
        "ca": "other/p.md",
    }
    # a translation that copied the front matter names itself: not a source
    assert config.translations_of(project / "posts/p-es.md") == {}
    assert config.source_of(project / "posts/p-es.md") == (project / "posts/p.md", "es")
    assert config.source_of(project / "content/es/world/a.md") == (
        project / "content/en/world/a.md",
        "es",
    )
    assert config.source_of(project / "stories/2024/x.ca.md") == (
        project / "stories/2024/x.en.md",
        "ca",
    )
    # drafts, sidecars and files outside the mappings are nothing
    for other in (
        "content/es/world/a.md.draft",
        "content/es/world/.a.md.dragoman.json",
        "README.md",
    ):
        assert config.source_of(project / other) is None
        assert config.translations_of(project / other) == {}


def test_dragoman_toml_wins_and_the_search_stops_at_the_repository(project: Path) -> None:
    write(project / "pyproject.toml", '[tool.dragoman]\nsource_lang = "en"\n')
    write(project / "dragoman.toml", CONFIG)
    assert find_config(project / "news") == project / "dragoman.toml"
    config = load_config(start=project)
    assert config.target_langs == ["es"] and config.engine == "apertium"
    assert config.prefix == ""
    inner = project / "sub"
    (inner / ".git").mkdir(parents=True)
    assert find_config(inner) is None
    with pytest.raises(UserError, match="no Dragoman configuration found"):
        load_config(start=inner)


@pytest.mark.parametrize(
    "text, message",
    [
        ('source_lang = "en"\ntarget_langs = [\n', "dragoman.toml: invalid TOML"),
        ('source_lang = "en"\ntarget_lang = ["es"]\n', "dragoman.toml: target_lang: unknown key"),
        ('target_langs = "es"\n', "dragoman.toml: target_langs: must be a list of language codes"),
        ('target_langs = ["xx-nope"]\n', "dragoman.toml: target_langs[0]:"),
        ('target_langs = ["en"]\n', "dragoman.toml: target_langs[0]: en is the source language"),
        ('glossaries = ["nope.yaml"]\n', "dragoman.toml: glossaries[0]: no such file: nope.yaml"),
        ("engine = 3\n", "dragoman.toml: engine: must be an engine name"),
        ('[[mappings]]\ntranslation = "es/**"\n', "dragoman.toml: mappings[0].source: missing"),
        ('[[mappings]]\nsource = "en/**"\n', "dragoman.toml: mappings[0].translation: missing"),
        (
            '[[mappings]]\nsource = "en/**"\ntranslation = "es/**"\n',
            "mappings[0].translation: must contain {lang}",
        ),
        (
            '[[mappings]]\nsource = "en/**"\ntranslation = "{lang}/*.md"\n',
            "mappings[0].translation: must have the same wildcards",
        ),
        (
            '[[mappings]]\nsource = "{language}/**"\ntranslation = "{lang}/**"\n',
            "mappings[0].source: unknown placeholder {language}",
        ),
        (
            '[[mappings]]\nsource = "../en/**"\ntranslation = "{lang}/**"\n',
            "mappings[0].source: must be relative",
        ),
        (
            '[[mappings]]\nsource = "a/*.md"\nfront_matter = "t"\ntranslation = "{lang}/*.md"\n',
            "mappings[0]: give translation or front_matter, not both",
        ),
        (
            '[[mappings]]\nsource = "a/*.md"\nfront_mater = "t"\n',
            "mappings[0].front_mater: unknown key",
        ),
    ],
)
def test_config_errors_name_the_file_and_key(project: Path, text: str, message: str) -> None:
    path = write(project / "dragoman.toml", text)
    with pytest.raises(UserError) as err:
        read_config(path)
    assert message in str(err.value)
    assert str(path) in str(err.value)


def test_pyproject_keys_are_named_with_their_table(project: Path) -> None:
    path = write(project / "pyproject.toml", "[tool.dragoman]\nsource_lang = 5\n")
    with pytest.raises(
        UserError, match=r"pyproject.toml: tool.dragoman.source_lang: must be a language code"
    ):
        read_config(path)
    write(project / "pyproject.toml", '[project]\nname = "x"\n')
    with pytest.raises(UserError, match=r"no \[tool\.dragoman\] table"):
        read_config(project / "pyproject.toml")


def test_bad_front_matter_is_named(project: Path) -> None:
    write(
        project / "dragoman.toml",
        '[[mappings]]\nsource = "posts/*.md"\nfront_matter = "translations"\n',
    )
    write(project / "posts/a.md", "---\ntranslations: [es]\n---\nText.\n")
    write(project / "posts/b.md", "---\ntitle: [unclosed\n---\nText.\n")
    config = load_config(start=project)
    with pytest.raises(
        UserError, match=r"a\.md: front matter key 'translations' must map languages to paths"
    ):
        config.translations_of(project / "posts/a.md")
    with pytest.raises(UserError, match=r"b\.md:2: front matter is not valid YAML"):
        config.translations_of(project / "posts/b.md")


# -- fingerprints ----------------------------------------------------------------------


def test_fingerprint_states(tmp_path: Path) -> None:
    source = write(tmp_path / "story.en.md", "Baku.\n")
    target = tmp_path / "story.es.md"
    assert fp.state(target, source) == "missing"
    written = fp.write_machine_translation(
        target, "Bakú.\r\n", source, source_lang="en", target_lang="es", engine="apertium"
    )
    assert target.read_bytes() == "Bakú.\r\n".encode()  # as written, byte for byte
    assert written.sha256 == fp.sha256_bytes("Bakú.\r\n".encode())
    side = json.loads((tmp_path / ".story.es.md.dragoman.json").read_text(encoding="utf-8"))
    assert side["source"] == "story.en.md" and side["source_sha256"] == fp.sha256_file(source)
    assert side["tool"] == "dragoman" and side["tool_version"]
    assert fp.state(target, source) == "current"
    write(source, "Baku again.\n")
    assert fp.state(target, source) == "outdated"
    fp.write_machine_translation(target, "Bakú otra vez.\n", source)
    target.write_text("Bakú, otra vez.\n", encoding="utf-8")  # a person's edit
    assert fp.state(target, source) == "edited"
    write(source, "Baku, and again.\n")
    assert fp.state(target, source) == "stale"
    draft, written_now = fp.write_draft(target, "Bakú, y otra vez.\n")
    assert draft == tmp_path / "story.es.md.draft" and written_now
    assert fp.write_draft(target, "Bakú, y otra vez.\n") == (draft, False)
    assert fp.accept(target, source) and not draft.exists()
    assert fp.state(target, source) == "edited"
    assert target.read_text(encoding="utf-8") == "Bakú, otra vez.\n"
    human = write(tmp_path / "other.es.md", "Hola.\n")
    assert fp.state(human, source) == "human" and not fp.accept(human, source)


def test_a_broken_sidecar_is_a_clear_error(tmp_path: Path) -> None:
    target = write(tmp_path / "a.es.md", "x")
    write(tmp_path / ".a.es.md.dragoman.json", "{nope")
    with pytest.raises(
        UserError,
        match=r"\.a\.es\.md\.dragoman\.json: fingerprint is not valid JSON: .*line 1, column 2",
    ):
        fp.read_fingerprint(target)


def test_a_hostile_sidecar_is_a_clear_error_not_a_crash(tmp_path: Path) -> None:
    """A contributed sidecar is untrusted JSON: deep nesting or NaN is one line."""
    target = write(tmp_path / "a.es.md", "x")
    for hostile in ("[" * 5000 + "]" * 5000, '{"translation_sha256": NaN}'):
        write(tmp_path / ".a.es.md.dragoman.json", hostile)
        with pytest.raises(UserError, match="fingerprint is not valid JSON"):
            fp.read_fingerprint(target)


# -- the hook commands (without pre-commit) --------------------------------------------


def test_glossary_check_hook_fails_on_a_bad_human_translation(project: Path) -> None:
    write(project / "dragoman.toml", CONFIG)
    write(project / "news/story.en.md", STORY)
    write(project / "news/story.es.md", STORY.replace("Ministers met in", "Los ministros en"))
    write(project / "README.md", "Not an article.\n")
    result = run_cli("precommit", "glossary-check", "README.md", "news/story.en.md", cwd=project)
    out = result.stdout.decode()
    assert result.returncode == 1, out + result.stderr.decode()
    assert 'news/story.es.md:3: paragraph 2, sentence 1: deprecated "Baku": write "Bakú"' in out
    assert "1 translation(s) break the glossary" in result.stderr.decode()
    # unrelated files only: nothing to do
    assert run_cli("precommit", "glossary-check", "README.md", cwd=project).returncode == 0


def test_hooks_without_config_exit_2(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    result = run_cli("precommit", "translate-articles", "a.en.md", cwd=tmp_path)
    assert result.returncode == 2 and "no Dragoman configuration found" in result.stderr.decode()
    write(tmp_path / "dragoman.toml", 'target_langs = ["es"]\n')
    result = run_cli("precommit", "glossary-check", "a.en.md", cwd=tmp_path)
    assert (
        result.returncode == 2 and "dragoman.toml: mappings: no mappings" in result.stderr.decode()
    )


# -- the real pre-commit tool ----------------------------------------------------------


def _env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(
        PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"),
        HOME=str(tmp_path / "home"),
        GIT_CONFIG_NOSYSTEM="1",
        PRE_COMMIT_COLOR="never",
    )
    (tmp_path / "home").mkdir(exist_ok=True)
    return env


def _git(repo: Path, env: dict, *args: str) -> subprocess.CompletedProcess:
    """Run git; ``stdout`` has stderr too (a git hook's output goes to stderr)."""
    return subprocess.run(
        ["git", *args],
        cwd=repo,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        check=False,
    )


def _init_repo(repo: Path, env: dict) -> None:
    repo.mkdir(parents=True, exist_ok=True)
    for args in (
        ("init", "-q", "-b", "main"),
        ("config", "user.email", "desk@example.org"),
        ("config", "user.name", "Desk"),
        ("config", "commit.gpgsign", "false"),
    ):
        assert _git(repo, env, *args).returncode == 0


def _local_hooks() -> list[dict]:
    """The repo's own manifest, run with this venv's translate (``language: system``:
    pre-commit would otherwise pip install the package)."""
    manifest = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hooks = []
    for hook in manifest:
        assert hook["entry"].startswith("translate ")
        hooks.append(
            {
                **hook,
                "entry": str(TRANSLATE) + hook["entry"][len("translate") :],
                "language": "system",
            }
        )
    return hooks


def _commit(repo: Path, env: dict, message: str) -> subprocess.CompletedProcess:
    return _git(repo, env, "commit", "-q", "-m", message)


@pytest.fixture
def desk_repo(tmp_path: Path, apertium_eng_spa) -> tuple[Path, dict]:
    if not PRE_COMMIT.exists():
        pytest.skip("pre-commit is not installed in this environment")
    env = _env(tmp_path)
    repo = tmp_path / "desk"
    _init_repo(repo, env)
    write(repo / "glossaries/caucasus.yaml", GLOSSARY.read_text(encoding="utf-8"))
    write(repo / "dragoman.toml", CONFIG)
    config = {"repos": [{"repo": "local", "hooks": _local_hooks()}]}
    write(repo / ".pre-commit-config.yaml", yaml.safe_dump(config, sort_keys=False))
    install = subprocess.run(
        [str(PRE_COMMIT), "install"], cwd=repo, env=env, capture_output=True, text=True
    )
    assert install.returncode == 0, install.stdout
    assert _git(repo, env, "add", "-A").returncode == 0
    assert _commit(repo, env, "setup").returncode == 0
    return repo, env


def test_manifest_is_valid_for_pre_commit() -> None:
    if not PRE_COMMIT.exists():
        pytest.skip("pre-commit is not installed in this environment")
    result = subprocess.run(
        [str(PRE_COMMIT), "validate-manifest", str(ROOT / ".pre-commit-hooks.yaml")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout
    ids = [
        h["id"]
        for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    ]
    assert ids == ["translate-articles", "glossary-check", "orphans", "accept"]


def test_precommit_translates_then_never_overwrites_a_persons_edit(desk_repo) -> None:
    repo, env = desk_repo
    source, target = repo / "news/story.en.md", repo / "news/story.es.md"
    sidecar, draft = repo / "news/.story.es.md.dragoman.json", repo / "news/story.es.md.draft"

    # 1. a new source article: the hook writes its machine translation and fails
    write(source, STORY)
    _git(repo, env, "add", "news/story.en.md")
    first = _commit(repo, env, "story")
    assert first.returncode == 1, first.stdout
    assert (
        "news/story.es.md: created machine translation of news/story.en.md (apertium)"
        in first.stdout
    )
    machine = target.read_text(encoding="utf-8")
    assert "Bakú" in machine and "Ilham Alíev" in machine and sidecar.exists()

    # 2. add it, with a person's translation of another article that breaks the
    #    glossary: glossary-check fails the commit; once fixed, the commit passes
    write(repo / "news/human.en.md", "They met in Baku.\n")
    write(repo / "news/human.es.md", "Se reunieron en Baku.\n")
    _git(repo, env, "add", "-A")
    second = _commit(repo, env, "story + translations")
    assert second.returncode == 1, second.stdout
    assert (
        'news/human.es.md:1: paragraph 1, sentence 1: deprecated "Baku": write "Bakú"'
        in second.stdout
    )
    assert (repo / "news/human.es.md").read_text(encoding="utf-8") == "Se reunieron en Baku.\n"
    write(repo / "news/human.es.md", "Se reunieron en Bakú.\n")
    third = _git(repo, env, "commit", "-q", "-a", "-m", "story + translations")
    assert third.returncode == 0, third.stdout

    # 3. a person edits the machine translation (their wording, no final newline)
    edited = (
        "# Conversaciones en Bakú\n\nLos ministros se reunieron en Bakú el domingo. "
        "Ilham Alíev recibió a Abás Araqchí.\n\nLas conversaciones terminaron."
    ).encode()
    target.write_bytes(edited)
    fourth = _git(repo, env, "commit", "-q", "-a", "-m", "edit")
    assert fourth.returncode == 0, fourth.stdout
    assert target.read_bytes() == edited and not draft.exists()
    before = sidecar.read_bytes()

    # 4. the source changes: the edit stays BYTE FOR BYTE, a draft is written beside it
    write(source, STORY.replace("The talks ended.", "The talks ended. They will resume in spring."))
    fifth = _git(repo, env, "commit", "-q", "-a", "-m", "source changed")
    assert fifth.returncode == 1, fifth.stdout
    assert (
        "news/story.es.md: STALE: edited by a person and news/story.en.md changed since"
        in fifth.stdout
    )
    assert "New draft: news/story.es.md.draft" in fifth.stdout
    assert target.read_bytes() == edited and sidecar.read_bytes() == before
    new_draft = draft.read_text(encoding="utf-8")
    assert "Bakú" in new_draft and new_draft != machine  # the new source's translation

    # 5. the person brings their translation up to date and accepts it: no draft, and
    #    the commit goes through with the edit untouched
    accepted = run_cli("precommit", "accept", "news/story.es.md", cwd=repo)
    assert accepted.returncode == 0, accepted.stderr.decode()
    assert not draft.exists() and target.read_bytes() == edited
    sixth = _git(repo, env, "commit", "-q", "-a", "-m", "source changed")
    assert sixth.returncode == 0, sixth.stdout
    assert target.read_bytes() == edited
    assert _git(repo, env, "status", "--porcelain").stdout == ""


def test_translate_articles_rewrites_an_untouched_machine_translation(
    apertium_eng_spa, project
) -> None:
    write(project / "dragoman.toml", CONFIG)
    source, target = project / "news/talks.en.md", project / "news/talks.es.md"
    write(source, "Ministers met in Baku.\n")
    created = run_cli("precommit", "translate-articles", "news/talks.en.md", cwd=project)
    assert created.returncode == 1, created.stderr.decode()
    assert "news/talks.es.md: created machine translation" in created.stdout.decode()
    again = run_cli(
        "precommit", "translate-articles", "news/talks.en.md", "news/talks.es.md", cwd=project
    )
    assert again.returncode == 0 and again.stdout == b""  # current: nothing to do
    write(source, "Ministers met in Baku and Tehran.\n")
    changed = run_cli("precommit", "translate-articles", "news/talks.en.md", cwd=project)
    assert changed.returncode == 1
    assert "news/talks.es.md: updated machine translation" in changed.stdout.decode()
    assert "Teherán" in target.read_text(encoding="utf-8")
    assert fp.state(target, source) == "current"


@pytest.mark.skipif(
    not os.environ.get("DRAGOMAN_TEST_HOOK_INSTALL"),
    reason="installs the package and its dependencies (torch, ...) into pre-commit's own "
    "virtualenv, about 2 minutes; set DRAGOMAN_TEST_HOOK_INSTALL=1 to run",
)
def test_the_manifest_installs_with_language_python(tmp_path: Path, apertium_eng_spa) -> None:
    """pre-commit pip-installs this repository (``language: python``) from a local
    clone and runs the hook from it."""
    env = _env(tmp_path)
    hooks_repo = tmp_path / "dragoman"
    _init_repo(hooks_repo, env)
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    for name in listed:
        if (ROOT / name).is_file() and not name.startswith("tools/"):
            (hooks_repo / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, hooks_repo / name)
    _git(hooks_repo, env, "add", "-A")
    assert _commit(hooks_repo, env, "snapshot").returncode == 0
    rev = _git(hooks_repo, env, "rev-parse", "HEAD").stdout.strip()

    repo = tmp_path / "desk"
    _init_repo(repo, env)
    write(repo / "glossaries/caucasus.yaml", GLOSSARY.read_text(encoding="utf-8"))
    write(repo / "dragoman.toml", CONFIG)
    config = {
        "repos": [
            {
                "repo": str(hooks_repo),
                "rev": rev,
                "hooks": [{"id": "translate-articles"}, {"id": "glossary-check"}],
            }
        ]
    }
    write(repo / ".pre-commit-config.yaml", yaml.safe_dump(config, sort_keys=False))
    write(repo / "news/story.en.md", STORY)
    _git(repo, env, "add", "-A")
    run = subprocess.run(
        [str(PRE_COMMIT), "run", "--files", "news/story.en.md"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert run.returncode == 1, run.stdout
    assert "created machine translation" in run.stdout
    assert "Bakú" in (repo / "news/story.es.md").read_text(encoding="utf-8")


# -- issue 14: writes stay in the repository -------------------------------------------


FRONT_MATTER_CONFIG = """\
source_lang = "en"
target_langs = ["es"]
glossaries = ["glossaries/caucasus.yaml"]
engine = "apertium"

[[mappings]]
source = "posts/*.md"
front_matter = "translations"
"""


@pytest.mark.parametrize(
    "where, message",
    [
        ("../../outside.es.md", "is outside the repository or inside .git; refused"),
        ("/.git/hooks/pre-commit", "is outside the repository or inside .git; refused"),
        ("../.git/evil.md", "is outside the repository or inside .git; refused"),
        ("/../escape.md", "is outside the repository or inside .git; refused"),
        ("/.github/workflows/x.yml", "must be a .md file outside hidden folders"),
        ("/.pre-commit-config.yaml", "must be a .md file outside hidden folders"),
        ("evil.es.sh", "must be a .md file outside hidden folders"),
    ],
)
def test_front_matter_cannot_make_the_hook_write_outside_the_repository(
    apertium_eng_spa, tmp_path: Path, where: str, message: str
) -> None:
    repo = tmp_path / "desk"
    (repo / ".git/hooks").mkdir(parents=True)
    write(repo / "glossaries/caucasus.yaml", GLOSSARY.read_text(encoding="utf-8"))
    write(repo / "dragoman.toml", FRONT_MATTER_CONFIG)
    write(repo / "posts/evil.md", f"---\ntranslations: {{es: '{where}'}}\n---\nBaku.\n")
    before = sorted(p for p in tmp_path.rglob("*"))
    result = run_cli("precommit", "translate-articles", "posts/evil.md", cwd=repo)
    err = result.stderr.decode()
    assert result.returncode == 2, err
    assert len(err.strip().splitlines()) == 1, err
    assert "posts/evil.md: front matter translations.es:" in err and message in err
    assert sorted(p for p in tmp_path.rglob("*")) == before  # nothing written anywhere
    # the glossary check refuses to read there too
    check = run_cli("precommit", "glossary-check", "posts/evil.md", cwd=repo)
    assert check.returncode == 2 and "refused" in check.stderr.decode()


def test_a_symlinked_translation_folder_cannot_lead_outside(
    apertium_eng_spa, tmp_path: Path
) -> None:
    repo = tmp_path / "desk"
    (repo / ".git").mkdir(parents=True)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    write(repo / "glossaries/caucasus.yaml", GLOSSARY.read_text(encoding="utf-8"))
    write(
        repo / "dragoman.toml",
        CONFIG.replace(
            'source = "news/*.{lang}.md"', 'source = "en/*.md"\ntranslation = "{lang}/*.md"'
        ),
    )
    write(repo / "en/story.md", STORY)
    (repo / "es").symlink_to(outside)
    result = run_cli("precommit", "translate-articles", "en/story.md", cwd=repo)
    err = result.stderr.decode()
    assert result.returncode == 2, err
    assert "outside the repository or inside .git; refused" in err
    assert list(outside.iterdir()) == []


# -- issue 14: an edit saved while the hook translates ---------------------------------


def test_an_edit_saved_during_translation_is_kept_and_the_machine_text_goes_to_a_draft(
    apertium_eng_spa, project: Path, monkeypatch
) -> None:
    import argparse

    from translate.commands import precommit

    write(project / "dragoman.toml", CONFIG)
    source, target = project / "news/story.en.md", project / "news/story.es.md"
    write(source, STORY)
    monkeypatch.chdir(project)
    created = run_cli("precommit", "translate-articles", "news/story.en.md", cwd=project)
    assert created.returncode == 1, created.stderr.decode()
    write(source, STORY + "\nThe ministers flew to Tehran.\n")  # outdated: to be rewritten
    config = precommit._config(argparse.Namespace(config=None))
    real = precommit._article_translator(config, argparse.Namespace(config=None, engine=None))
    saved = "# Conversaciones en Bakú\n\nMi versión, guardada mientras tanto.\n"

    class EditorSaves:
        """The real Translator; the editor saves the file while the engine runs."""

        def translate(self, document, lang):
            bitext = real.translate(document, lang)
            target.write_text(saved, encoding="utf-8")
            return bitext

    outcome = precommit._sync(EditorSaves(), config, source, target, "es")
    assert outcome == "stale"
    assert target.read_text(encoding="utf-8") == saved  # the edit, untouched
    draft = (project / "news/story.es.md.draft").read_text(encoding="utf-8")
    assert "Teherán" in draft and "Bakú" in draft  # the machine translation, kept aside
    assert not list(project.rglob("*.tmp"))
    assert fp.state(target, source) == "stale"  # and it stays on the editor's desk


def test_commit_checks_the_guard_under_held_signals(tmp_path: Path) -> None:
    target = write(tmp_path / "a.es.md", "mine\n")
    with pytest.raises(fp.Changed):
        fp.commit([(target, b"machine\n")], target, fp.sha256_bytes(b"old\n"))
    assert target.read_text(encoding="utf-8") == "mine\n"
    with pytest.raises(fp.Changed):  # None: the file must not exist yet
        fp.commit([(target, b"machine\n")], target, None)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.es.md"]  # no temporary left
    fp.commit([(target, b"machine\n")], target, fp.sha256_bytes(b"mine\n"))
    assert target.read_text(encoding="utf-8") == "machine\n"


# -- issue 14: the editorial loop through the real pre-commit ---------------------------


def _pre_commit(repo: Path, env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(PRE_COMMIT), *args],
        cwd=repo,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        check=False,
    )


def _edited_and_stale(repo: Path, env: dict) -> bytes:
    """A committed machine translation, edited by a person, whose source then got a
    new sentence: the commit fails with STALE.  Returns the edited bytes."""
    source, target = repo / "news/story.en.md", repo / "news/story.es.md"
    write(source, STORY)
    _git(repo, env, "add", "news/story.en.md")
    assert _commit(repo, env, "story").returncode == 1
    _git(repo, env, "add", "-A")
    assert _commit(repo, env, "story").returncode == 0
    edited = (
        "# Conversaciones en Bakú\n\nLos ministros se reunieron en Bakú el domingo. "
        "Ilham Alíev recibió a Abás Araqchí.\n\nLas conversaciones terminaron.\n"
    ).encode()
    target.write_bytes(edited)
    assert _git(repo, env, "commit", "-q", "-a", "-m", "edit").returncode == 0
    write(source, STORY.replace("The talks ended.", "The talks ended. Ministers flew to Tehran."))
    stale = _git(repo, env, "commit", "-q", "-a", "-m", "source changed")
    assert stale.returncode == 1, stale.stdout
    assert "news/story.es.md: STALE" in stale.stdout
    return edited


def test_a_stale_translation_keeps_failing_until_accepted_with_the_accept_hook(
    desk_repo,
) -> None:
    repo, env = desk_repo
    target, draft = repo / "news/story.es.md", repo / "news/story.es.md.draft"
    edited = _edited_and_stale(repo, env)
    # the same commit again: still STALE, still failing, nothing went into history
    for _attempt in range(2):
        again = _git(repo, env, "commit", "-q", "-a", "-m", "source changed")
        assert again.returncode == 1, again.stdout
        assert "news/story.es.md: STALE" in again.stdout
        assert "(unchanged)" in again.stdout
        assert "1 stale translation(s)" in again.stdout
    assert "source changed" not in _git(repo, env, "log", "--format=%s").stdout

    # the draft keeps the editor's sentences; only the new one is machine-translated,
    # and the changes file says which line that is
    lines = draft.read_text(encoding="utf-8").splitlines()
    assert lines[:3] == edited.decode().splitlines()[:3]
    assert lines[4].startswith("Las conversaciones terminaron. ") and "Teherán" in lines[4]
    changes = (repo / "news/story.es.md.draft.changes").read_text(encoding="utf-8")
    assert "1 of 5 sentence(s) machine-translated" in changes
    assert changes.splitlines()[1].startswith("5: ") and "Teherán" in changes.splitlines()[1]
    assert "Ministros" not in changes and "Alíev" not in changes

    # the editor merges the new sentence by hand and accepts from the repository
    target.write_bytes(
        edited.replace(b"terminaron.", b"terminaron. Luego volaron a Teher\xc3\xa1n.")
    )
    accepted = _pre_commit(
        repo, env, "run", "accept", "--hook-stage", "manual", "--files", "news/story.es.md"
    )
    assert "news/story.es.md: accepted as up to date with news/story.en.md" in accepted.stdout
    assert not draft.exists() and not (repo / "news/story.es.md.draft.changes").exists()
    done = _git(repo, env, "commit", "-q", "-a", "-m", "source changed")
    assert done.returncode == 0, done.stdout
    assert b"Luego volaron" in target.read_bytes()


def test_taking_the_draft_as_it_is_ends_the_staleness(desk_repo) -> None:
    repo, env = desk_repo
    target, draft = repo / "news/story.es.md", repo / "news/story.es.md.draft"
    _edited_and_stale(repo, env)
    taken = draft.read_bytes()
    shutil.copyfile(draft, target)
    first = _git(repo, env, "commit", "-q", "-a", "-m", "took the draft")
    assert first.returncode == 1, first.stdout  # the sidecar changed: add it
    assert "news/story.es.md: is its draft now: accepted" in first.stdout
    assert not draft.exists()
    second = _git(repo, env, "commit", "-q", "-a", "-m", "took the draft")
    assert second.returncode == 0, second.stdout
    assert target.read_bytes() == taken
    assert fp.state(target, repo / "news/story.en.md") == "edited"  # still a person's


def test_orphans_are_reported_and_fixed_safely(desk_repo) -> None:
    repo, env = desk_repo
    for name in ("story", "other", "kept"):
        write(repo / f"news/{name}.en.md", STORY.replace("Sunday", name))
    _git(repo, env, "add", "-A")
    assert _commit(repo, env, "stories").returncode == 1
    _git(repo, env, "add", "-A")
    assert _commit(repo, env, "stories").returncode == 0
    (repo / "news/kept.es.md").write_text("Mi traducción de Bakú.\n", encoding="utf-8")
    # (a partial translation: the glossary check would fail it, so past the hooks)
    assert _git(repo, env, "commit", "-q", "-a", "--no-verify", "-m", "edit").returncode == 0
    # one source renamed, two deleted (one of them with an edited translation)
    assert _git(repo, env, "mv", "news/story.en.md", "news/renamed.en.md").returncode == 0
    assert _git(repo, env, "rm", "-q", "news/other.en.md", "news/kept.en.md").returncode == 0
    failed = _commit(repo, env, "reorganise")
    assert failed.returncode == 1, failed.stdout
    for name in ("story", "other", "kept"):
        assert (
            f"news/{name}.es.md: orphaned translation: its source news/{name}.en.md is gone"
            in failed.stdout
        )
    fixed = run_cli("precommit", "orphans", "--fix", cwd=repo)
    out = fixed.stdout.decode()
    assert fixed.returncode == 1, out
    assert "news/story.es.md: moved to news/renamed.es.md, after its source" in out
    assert "news/other.es.md: removed (an untouched machine translation" in out
    assert "news/kept.es.md: orphaned translation with a person's work" in out
    assert not (repo / "news/story.es.md").exists()
    assert not (repo / "news/other.es.md").exists()
    assert not (repo / "news/.other.es.md.dragoman.json").exists()
    assert (repo / "news/kept.es.md").read_text(encoding="utf-8") == "Mi traducción de Bakú.\n"
    moved = repo / "news/renamed.es.md"
    assert fp.state(moved, repo / "news/renamed.en.md") == "current"
    assert fp.read_fingerprint(moved).source == "renamed.en.md"
    # the person removes their orphan themselves; then the commit goes through
    assert (
        _git(repo, env, "rm", "-q", "news/kept.es.md", "news/.kept.es.md.dragoman.json").returncode
        == 0
    )
    _git(repo, env, "add", "-A")
    done = _commit(repo, env, "reorganise")
    assert done.returncode == 0, done.stdout


def test_sigterm_and_sigint_leave_no_half_written_file_and_a_rerun_completes(
    apertium_eng_spa, project: Path
) -> None:
    import signal

    write(project / "dragoman.toml", CONFIG)
    names = [f"news/s{i}.en.md" for i in range(8)]
    for i, name in enumerate(names):
        write(project / name, STORY.replace("Sunday", f"day {i}"))
    for signum in (signal.SIGTERM, signal.SIGINT):
        proc = subprocess.Popen(
            [str(TRANSLATE), "precommit", "translate-articles", *names],
            cwd=project,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={**os.environ, "PYTHONUNBUFFERED": "1", "LC_ALL": "C.UTF-8", "LANGUAGE": ""},
        )
        assert proc.stdout is not None
        first = proc.stdout.readline().decode()
        proc.send_signal(signum)
        _rest, err = proc.communicate(timeout=120)
        if "created machine translation" in first:
            assert proc.returncode in (130, 143), err.decode()
        assert not [p for p in project.rglob("*") if p.name.endswith(".tmp")]
        for name in names:  # every translation there is whole, with its fingerprint
            target = project / name.replace(".en.md", ".es.md")
            if target.exists():
                assert fp.state(target, project / name) == "current"
    rerun = run_cli("precommit", "translate-articles", *names, cwd=project)
    assert rerun.returncode in (0, 1), rerun.stderr.decode()
    final = run_cli("precommit", "translate-articles", *names, cwd=project)
    assert final.returncode == 0 and final.stdout == b""
    for name in names:
        assert fp.state(project / name.replace(".en.md", ".es.md"), project / name) == "current"


def test_the_readme_pins_a_revision_that_can_exist(tmp_path: Path) -> None:
    """There are no release tags: the README's example pins a full commit hash, and
    pre-commit accepts the configuration it shows."""
    import re

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```yaml\n(repos:\n.*?)```", readme, re.S)
    assert block is not None
    config = yaml.safe_load(block.group(1))
    (entry,) = config["repos"]
    assert re.fullmatch(r"[0-9a-f]{40}", str(entry["rev"])), entry["rev"]
    manifest = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [h["id"] for h in entry["hooks"]] == [h["id"] for h in manifest]
    assert "v0.1.0" not in readme
    if PRE_COMMIT.exists():
        path = write(tmp_path / ".pre-commit-config.yaml", block.group(1))
        checked = subprocess.run(
            [str(PRE_COMMIT), "validate-config", str(path)], capture_output=True, text=True
        )
        assert checked.returncode == 0, checked.stdout


def test_glossary_dirs_in_the_config(project: Path) -> None:
    write(project / "dragoman.toml", 'glossary_dirs = ["glossaries"]\n')
    assert load_config(start=project).glossary_dirs == [(project / "glossaries").resolve()]
    write(project / "dragoman.toml", 'glossary_dirs = ["nope"]\n')
    with pytest.raises(UserError, match=r"dragoman.toml: glossary_dirs\[0\]: no such folder"):
        load_config(start=project)
    write(project / "dragoman.toml", "glossary_dirs = 3\n")
    with pytest.raises(UserError, match="glossary_dirs: must be a list of folders"):
        load_config(start=project)


def test_a_draft_reuses_sentences_then_paragraphs_and_never_guesses() -> None:
    from translate.articles import parse_article
    from translate.editorial.drafts import build_draft, fingerprints

    old_source = parse_article(
        "# Talks\n\nMinisters met. They talked.\n\nThe talks ended. Both sides left.\n",
        "en",
        "markdown",
        "s.md",
    )
    # the editor merged the two sentences of the last paragraph into one
    edited = parse_article(
        "# Charlas\n\nLos ministros se vieron. Hablaron.\n\nTerminaron y se fueron.\n",
        "es",
        "markdown",
        "t.md",
    )
    new_source = parse_article(
        "# Talks\n\nMinisters met. They argued.\n\nThe talks ended. Both sides left.\n"
        "\nA new paragraph.\n",
        "en",
        "markdown",
        "s.md",
    )
    asked: list[str] = []

    def machine(document) -> list[str]:
        asked.extend(s.source for s in document.segments)
        return [f"[{s.source}]" for s in document.segments]

    draft = build_draft(new_source, fingerprints(old_source), edited, machine)
    assert asked == ["They argued.", "A new paragraph."]  # only what changed
    assert draft.text == (
        "# Charlas\n\nLos ministros se vieron. [They argued.]\n\n"
        "Terminaron y se fueron.\n\n[A new paragraph.]\n"
    )
    assert draft.new == [(3, "[They argued.]"), (7, "[A new paragraph.]")]
    assert (draft.reused, draft.total, draft.paired) == (4, 6, True)
    assert "2 of 6 sentence(s) machine-translated" in draft.changes("t.md.draft")

    # the editor's translation lost a paragraph: it cannot be paired, nothing is reused
    shorter = parse_article("# Charlas\n\nTodo en uno.\n", "es", "markdown", "t.md")
    asked.clear()
    draft = build_draft(new_source, fingerprints(old_source), shorter, machine)
    assert not draft.paired and draft.reused == 0 and len(asked) == 6
    assert "nothing could be reused" in draft.changes("t.md.draft")


def test_an_emptied_stale_translation_gets_a_whole_draft(apertium_eng_spa, project: Path) -> None:
    write(project / "dragoman.toml", CONFIG)
    source, target = project / "news/story.en.md", project / "news/story.es.md"
    write(source, STORY)
    assert (
        run_cli("precommit", "translate-articles", "news/story.en.md", cwd=project).returncode == 1
    )
    target.write_bytes(b"")  # the editor emptied it to start again
    write(source, STORY + "\nThe ministers flew to Tehran.\n")
    result = run_cli("precommit", "translate-articles", "news/story.en.md", cwd=project)
    assert result.returncode == 1, result.stderr.decode()
    assert "news/story.es.md: STALE" in result.stdout.decode()
    assert "5 of 5 sentence(s) new" in result.stdout.decode()
    assert target.read_bytes() == b""
    assert "Teherán" in (project / "news/story.es.md.draft").read_text(encoding="utf-8")


SENTENCES = ["Ministers met in Baku.", "They talked.", "The talks ended.", "Both sides left.",
             "Tehran said no.", "A new round is planned."]  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=3), min_size=1, max_size=4),
    st.data(),
)
def test_a_draft_changes_exactly_the_changed_sentences(paragraphs, data) -> None:
    from translate.articles import parse_article
    from translate.editorial.drafts import build_draft, fingerprints

    def doc(paras: list[list[str]], lang: str):
        return parse_article("\n\n".join(" ".join(p) for p in paras) + "\n", lang, "text", "a")

    old = doc(paragraphs, "en")
    edited = doc([[s.upper() for s in p] for p in paragraphs], "es")  # "the editor's"
    asked: list[str] = []

    def machine(document) -> list[str]:
        asked.extend(s.source for s in document.segments)
        return [f"<{s.source}>" for s in document.segments]

    same = build_draft(old, fingerprints(old), edited, machine)
    assert same.text == edited.text and same.new == [] and asked == []

    p = data.draw(st.integers(0, len(paragraphs) - 1))
    s = data.draw(st.integers(0, len(paragraphs[p]) - 1))
    changed = [list(x) for x in paragraphs]
    changed[p][s] = "Nothing like it was said."
    draft = build_draft(doc(changed, "en"), fingerprints(old), edited, machine)
    assert asked == ["Nothing like it was said."]
    expected = [[x.upper() for x in para] for para in paragraphs]
    expected[p][s] = "<Nothing like it was said.>"
    assert draft.text == "\n\n".join(" ".join(para) for para in expected) + "\n"
    assert [text for _line, text in draft.new] == ["<Nothing like it was said.>"]
    assert draft.new[0][0] == 1 + 2 * p  # its line: paragraphs are a line each
