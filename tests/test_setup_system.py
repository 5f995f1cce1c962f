"""scripts/setup-system: installs what the tests need from apt, or says in one line what to run."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from tests.support import ROOT

BASH = shutil.which("bash")


def _machine(tmp_path: Path, uid: int, tools: dict[str, str]) -> dict:
    """A PATH holding only stub commands: `id -u` prints UID, each of TOOLS runs its script."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    stubs = {"id": f"echo {uid}", "python3": "exit 0", **tools}
    for name, body in stubs.items():
        (bin_dir / name).write_text(f"#!{BASH}\n{body}\n", encoding="utf-8")
        (bin_dir / name).chmod(0o755)
    return {"PATH": str(bin_dir)}


def _run(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([BASH, str(ROOT / "scripts" / "setup-system"), *args], env=env, capture_output=True,
                          text=True, stdin=subprocess.DEVNULL)


def test_nothing_to_do_when_chromium_is_there(tmp_path):
    log = tmp_path / "apt.log"
    env = _machine(tmp_path, 1000, {"chromium": "exit 0", "apt-get": f'echo "$@" >> {log}'})
    proc = _run(env)
    assert (proc.returncode, proc.stderr, log.exists()) == (0, "", False)


def test_root_installs_chromium_from_apt(tmp_path):
    log = tmp_path / "apt.log"
    proc = _run(_machine(tmp_path, 0, {"apt-get": f'echo "$@" >> {log}'}))
    assert proc.returncode == 0, proc.stderr
    assert log.read_text().splitlines() == ["update -qq", "install -y -qq --no-install-recommends chromium"]


def test_a_user_with_sudo_installs_through_sudo(tmp_path):
    log = tmp_path / "apt.log"
    env = _machine(tmp_path, 1000, {"apt-get": f'echo "$@" >> {log}', "sudo": f'echo "sudo $@" >> {log}.sudo; shift; "$@"'})
    proc = _run(env)
    assert proc.returncode == 0, proc.stderr
    assert "install -y -qq --no-install-recommends chromium" in log.read_text()
    assert (tmp_path / "apt.log.sudo").read_text().startswith("sudo -n true")


def test_a_user_without_sudo_is_told_what_to_run(tmp_path):
    log = tmp_path / "apt.log"
    proc = _run(_machine(tmp_path, 1000, {"apt-get": f'echo "$@" >> {log}'}))
    assert proc.returncode == 1
    assert proc.stderr == "scripts/setup-system: run 'sudo apt-get install -y chromium', then this command again\n"
    assert not log.exists()


# --- --no-browser: the README's first command (the main job runs no browser) ----------------

def test_no_browser_does_not_install_chromium(tmp_path):
    log = tmp_path / "apt.log"
    proc = _run(_machine(tmp_path, 0, {"apt-get": f'echo "$@" >> {log}'}), "--no-browser")
    assert (proc.returncode, proc.stderr, log.exists()) == (0, "", False)


def test_no_browser_still_installs_python3_venv(tmp_path):
    log = tmp_path / "apt.log"
    proc = _run(_machine(tmp_path, 0, {"apt-get": f'echo "$@" >> {log}', "python3": "exit 1"}), "--no-browser")
    assert proc.returncode == 0, proc.stderr
    assert log.read_text().splitlines() == ["update -qq", "install -y -qq --no-install-recommends python3-venv"]


def test_without_the_option_both_are_installed(tmp_path):
    log = tmp_path / "apt.log"
    proc = _run(_machine(tmp_path, 0, {"apt-get": f'echo "$@" >> {log}', "python3": "exit 1"}))
    assert proc.returncode == 0, proc.stderr
    assert log.read_text().splitlines()[-1] == "install -y -qq --no-install-recommends chromium python3-venv"


def test_no_browser_user_without_sudo_is_told_what_to_run(tmp_path):
    proc = _run(_machine(tmp_path, 1000, {"apt-get": "exit 0", "python3": "exit 1"}), "--no-browser")
    assert proc.returncode == 1
    assert proc.stderr == "scripts/setup-system: run 'sudo apt-get install -y python3-venv', then this command again\n"


def test_an_unknown_option_is_a_usage_error(tmp_path):
    log = tmp_path / "apt.log"
    proc = _run(_machine(tmp_path, 0, {"apt-get": f'echo "$@" >> {log}'}), "--no-chromium")
    assert proc.returncode == 2
    assert proc.stderr == ("scripts/setup-system: unknown option '--no-chromium' "
                           "(usage: bash scripts/setup-system [--no-browser])\n")
    assert not log.exists()


def test_readme_main_job_command_sets_up_the_system_without_a_browser():
    """README command 1 (the main job) gets python3-venv on a fresh machine, and no chromium;
    command 2 (the tests) gets both (tests/test_docs_drift.py checks .ci/run runs it)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = [line for line in readme.splitlines() if "python3 -m venv" in line and not line.startswith("#")]
    main_job = next(line for line in commands if "dipevents build" in line)
    tests = next(line for line in commands if "pytest" in line)
    assert main_job.startswith("bash scripts/setup-system --no-browser && python3 -m venv .venv && ")
    assert tests.startswith("bash scripts/setup-system && python3 -m venv .venv && ")
