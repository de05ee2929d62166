"""The project as a user installs it: a wheel built from the sources, in a fresh environment.

The wheel is built from a copy of the sources (building writes into the source tree), then
installed, not editable, into a new virtual environment that sees this environment's
third-party packages but not its editable `renderer`. From another folder, `podcast`
lists voices with the profiles that use them, imports an article and renders it — which
needs the voice profiles and data files to be inside the wheel.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from pathlib import Path

import pytest
from mutagen.mp3 import MP3

from .helpers import ARTICLES, ROOT

pytestmark = pytest.mark.slow


def _run(command: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True,
                            check=False, timeout=600)
    assert result.returncode == 0, (
        f"{' '.join(map(str, command))} exited {result.returncode}:\n{result.stderr[-2000:]}")
    return result


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A fresh virtual environment with the wheel installed; its bin folder and environment."""
    base = tmp_path_factory.mktemp("wheel")
    source = base / "source"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", "build", "dist")
    for folder in ("renderer", "voices"):
        shutil.copytree(ROOT / folder, source / folder, ignore=ignore)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    env = {key: value for key, value in os.environ.items()
           if not key.startswith("PODCAST_") and key != "PYTHONPATH"}
    _run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir",
          str(base / "dist"), str(source)], base, env)
    wheel = next((base / "dist").glob("podcast_renderer-*.whl"))
    venv = base / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], base, env)
    purelib = "import sysconfig; print(sysconfig.get_path('purelib'))"
    fresh = Path(_run([str(venv / "bin" / "python"), "-c", purelib], base, env).stdout.strip())
    # third-party packages from this environment: a plain path entry, so its .pth files
    # (among them the editable install's finder) are not run
    (fresh / "dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    _run([sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"), "install",
          "--no-deps", "--no-index", "--quiet", str(wheel)], base, env)
    return venv / "bin", {**env, "PODCAST_CACHE_DIR": str(base / "cache")}


def test_the_wheel_holds_every_package_the_sources_have():
    packages = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
                   ["packages"])
    on_disk = {".".join(path.parent.relative_to(ROOT).parts)
               for path in (ROOT / "renderer").rglob("__init__.py")}
    assert on_disk <= packages, f"not in pyproject's packages: {sorted(on_disk - packages)}"


def test_installed_wheel_imports_renders_and_knows_its_voices(installed, tmp_path):
    bin_folder, env = installed
    python = bin_folder / "python"
    where = _run([str(python), "-c", "import renderer; print(renderer.__file__)"],
                 tmp_path, env).stdout.strip()
    assert Path(where).is_relative_to(bin_folder.parent), f"renderer came from {where}"
    wheel_files = zipfile.ZipFile(next(bin_folder.parent.parent.glob("dist/*.whl"))).namelist()
    profiles = [name for name in wheel_files if name.startswith("renderer/voice_profiles/")
                and name.endswith(".yaml")]
    assert len(profiles) == len(list((ROOT / "voices").glob("*.yaml")))

    podcast = str(bin_folder / "podcast")
    listed = _run([podcast, "voices", "--engine", "espeak"], tmp_path, env).stdout
    assert "en-male-host" in listed or "zh-male-host" in listed, listed

    shutil.copy(ARTICLES / "qa_en.txt", tmp_path / "qa.txt")
    _run([podcast, "import", "qa.txt", "-o", "qa.yaml"], tmp_path, env)
    assert "speakers:" in (tmp_path / "qa.yaml").read_text(encoding="utf-8")
    _run([podcast, "render", "qa.yaml", "--engine", "espeak", "-o", "out/qa.mp3"],
         tmp_path, env)
    episode = MP3(tmp_path / "out" / "qa.mp3")
    assert episode.info.length > 5, "six turns of speech"
    assert [key for key in episode.tags if key.startswith("CHAP")], "chapters in the ID3 tag"
