"""The HSDS schemas travel inside the package: an installed wheel imports and exports HSDS
in a directory with no ``shared/`` anywhere near it."""

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from equalcity.referral import hsds
from tests.standards import HSDS_EXAMPLES, HSDS_SCHEMAS

REPO = Path(__file__).resolve().parents[2]

SCRIPT = """
import io, json, sys, zipfile
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
import equalcity
from equalcity.accounts.models import Organisation, User
from equalcity.programmes.models import Programme
from equalcity.referral import hsds, selectors, services
lead = Organisation.objects.create(name="Lead", slug="lead", kind=Organisation.Kind.values[0])
programme = Programme.objects.create(
    slug="p", name="Packaged", lead_organisation=lead, starts_on="2020-01-01", ends_on="2021-12-31"
)
user = User.objects.create_user(email="m@example.org", password="x-x-x-x-x-x")
report = services.import_datapackage(source=sys.argv[1], programme=programme, by=user)
assert report.ok, [str(e) for e in report.errors]
package = selectors.export_datapackage()
with zipfile.ZipFile(io.BytesIO(package)) as archive:
    services_json = json.loads(archive.read("services.json"))
errors = [e.message for s in services_json for e in hsds.validator("service").iter_errors(s)]
print(json.dumps({"package": equalcity.__file__, "schemas": str(hsds.SCHEMA_DIR),
                  "services": len(services_json), "errors": errors}))
"""


def test_the_shipped_schemas_are_the_standard_unchanged():
    shipped = {p.name for p in hsds.SCHEMA_DIR.glob("*.json")}
    assert shipped == {p.name for p in HSDS_SCHEMAS.glob("*.json")} - {"openapi.json"}
    for name in shipped:
        assert json.loads((hsds.SCHEMA_DIR / name).read_text()) == json.loads(
            (HSDS_SCHEMAS / name).read_text()
        ), name
    assert "CC BY-SA 4.0" in (hsds.SCHEMA_DIR / "README.md").read_text()


def test_an_installed_wheel_imports_and_exports_hsds_without_shared(tmp_path):
    wheels = tmp_path / "wheels"
    subprocess.run(  # noqa: S603 - our own interpreter and arguments
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            str(REPO),
            "--no-deps",
            "--no-build-isolation",
            "--quiet",
            "-w",
            str(wheels),
        ],
        check=True,
        cwd=tmp_path,
    )
    site = tmp_path / "site"
    (wheel,) = wheels.glob("equalcity-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        assert any(n.endswith("referral/hsds_schema/service.json") for n in archive.namelist())
        archive.extractall(site)
    # a working directory far from the repository, with no shared/ beside it
    home = tmp_path / "home"
    home.mkdir()
    package = tmp_path / "package"
    shutil.copytree(HSDS_EXAMPLES / "csv", package)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update(
        PYTHONPATH=str(site),
        DJANGO_SETTINGS_MODULE="equalcity.settings",
        EQUALCITY_ENV="test",
        EQUALCITY_HOME=str(home),
        DATABASE_URL=f"sqlite:///{home / 'db.sqlite3'}",
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", SCRIPT, str(package)],
        cwd=home,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["package"].startswith(str(site))
    assert outcome["schemas"].startswith(str(site))
    assert outcome["services"] >= 1
    assert outcome["errors"] == []
    assert not (home.parent / "shared").exists()
