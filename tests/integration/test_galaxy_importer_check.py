# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""scripts/galaxy_importer_check.py's verdict on what galaxy-importer prints (make test-importer).

The importer itself runs in make test-importer (minutes, a virtualenv of its own); here its runs
are replaced by the lines it printed, so the verdict is checked on each case: any warning or error
line fails, the missing ``repository`` is accepted only alone and only on the real tarball, and
the copy given to the importer differs from the built tarball by MANIFEST.json's repository alone.
Run by pytest from the repository: scripts/ is not in the collection copy.
"""
import importlib.util
import io
import json
import os
import tarfile

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SPEC = importlib.util.spec_from_file_location("galaxy_importer_check",
                                              os.path.join(ROOT, "scripts", "galaxy_importer_check.py"))
check = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(check)

START = ["Importing with galaxy-importer 0.4.44"]
CLEAN = START + ["Getting doc strings via ansible-doc", "Finding content inside collection",
                 "Linting module smartermail_alias via flake8...",
                 "Linting collection via ansible-lint 26.10.1...", "...ansible-lint run complete",
                 "Collection loading complete", "Importer processing completed successfully"]
FLAKE8 = "WARNING: plugins/module_utils/_smartermail/user/alias_json.py:43:26: W503 line break before binary operator"
FILES = {"plugins/modules/x.py": b"# a module\n", "FILES.json": b'{"files": []}\n'}


def tarball(tmp_path, repository=None):
    info = {"namespace": "mailops", "name": "smartermail", "version": "1.0.0"}
    if repository:
        info["repository"] = repository
    path = tmp_path / "dist" / "mailops-smartermail-1.0.0.tar.gz"
    path.parent.mkdir()
    with tarfile.open(str(path), "w:gz") as archive:
        for name, data in sorted(dict(FILES, **{"MANIFEST.json": json.dumps({"collection_info": info}).encode()}).items()):
            member = tarfile.TarInfo(name)
            member.size = len(data)
            archive.addfile(member, io.BytesIO(data))
    return str(path)


def contents(path):
    with tarfile.open(path) as archive:
        return dict((m.name, archive.extractfile(m).read()) for m in archive.getmembers())


@pytest.fixture
def importer(monkeypatch):
    """Replace the importer's runs by canned outputs, one a call; record what each was given."""
    calls = []

    def use(*outputs):
        def run(path, workdir):
            calls.append((path, contents(path)))
            return outputs[len(calls) - 1]
        monkeypatch.setattr(check, "run_importer", run)
        return calls
    return use


def test_clean_import_of_the_placeholder_copy_passes(importer, tmp_path, capsys):
    calls = importer((1, START + [check.MISSING_REPOSITORY]), (0, CLEAN))
    built = tarball(tmp_path)
    assert check.main(["check", built, str(tmp_path / "work")]) == 0
    assert "no warning, no error" in capsys.readouterr().out
    assert [c[0] for c in calls][0] == built
    copy = calls[1][1]
    original = contents(built)
    assert json.loads(copy.pop("MANIFEST.json"))["collection_info"]["repository"] == check.PLACEHOLDER_REPOSITORY
    original.pop("MANIFEST.json")
    assert copy == original
    assert os.path.basename(calls[1][0]) == os.path.basename(built)


def test_a_flake8_warning_fails(importer, tmp_path, capsys):
    importer((1, START + [check.MISSING_REPOSITORY]), (0, CLEAN[:4] + [FLAKE8] + CLEAN[4:]))
    assert check.main(["check", tarball(tmp_path), str(tmp_path / "work")]) == 1
    assert FLAKE8 in capsys.readouterr().err


@pytest.mark.parametrize("line", [
    "WARNING: No changelog found. Add a CHANGELOG.rst or CHANGELOG.md file in the collection root",
    "ERROR: Error running ansible-doc: cmd=\"ansible-doc\" returncode=\"1\"",
    "  Traceback (most recent call last):",
])
def test_any_warning_error_or_traceback_fails(importer, tmp_path, line, capsys):
    importer((1, START + [check.MISSING_REPOSITORY]), (0, CLEAN[:-1] + [line] + CLEAN[-1:]))
    assert check.main(["check", tarball(tmp_path), str(tmp_path / "work")]) == 1
    assert "printed 1 warning or error line(s):\n" + line in capsys.readouterr().err


def test_an_import_that_does_not_complete_fails(importer, tmp_path, capsys):
    importer((1, START + [check.MISSING_REPOSITORY]), (1, CLEAN[:-1]))
    assert check.main(["check", tarball(tmp_path), str(tmp_path / "work")]) == 1
    err = capsys.readouterr().err
    assert "the import did not complete (exit code 1" in err
    assert "missing 'repository' alone" not in err


@pytest.mark.parametrize("first", [
    (1, START + ["ERROR: The import failed for the following reason: Invalid collection metadata. 'readme' is required"]),
    (1, START + [FLAKE8, check.MISSING_REPOSITORY]),
    (0, CLEAN),
])
def test_the_real_tarball_may_be_refused_for_the_repository_alone(importer, tmp_path, first, capsys):
    importer(first, (0, CLEAN))
    assert check.main(["check", tarball(tmp_path), str(tmp_path / "work")]) == 1
    assert "missing 'repository' alone" in capsys.readouterr().err


def test_with_a_repository_the_real_tarball_is_imported(importer, tmp_path):
    calls = importer((0, CLEAN))
    built = tarball(tmp_path, repository="https://example.org/mailops/smartermail")
    assert check.main(["check", built, str(tmp_path / "work")]) == 0
    assert [c[0] for c in calls] == [built]


def test_output_of_the_runs_is_kept(tmp_path):
    """The real run: the importer's output lands in WORKDIR/importer-output.txt (here a python that is not it)."""
    code, lines = check.run_importer(tarball(tmp_path), str(tmp_path / "work"))
    assert code != 0
    with open(str(tmp_path / "work" / "importer-output.txt"), encoding="utf-8") as log:
        assert "exit code %d" % code in log.read()
