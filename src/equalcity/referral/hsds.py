"""Open Referral HSDS 3: reading a tabular datapackage, writing one, and HSDS JSON.

Reading is two passes over the package: every row of every table is parsed and checked
first (types, enums, required fields, references, coordinates, phone numbers, taxonomy
terms), and only a package without a single error is written — by
``services.import_datapackage``, in one transaction. This module never writes.
"""

import csv
import io
import json
import re
import uuid
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path

from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from equalcity.referral import models as m

SCHEMA_DIR = Path(__file__).resolve().parent / "hsds_schema"


@cache
def schema(name: str) -> dict:
    """One HSDS 3 schema, from the copy shipped inside the package (see its README)."""
    return json.loads((SCHEMA_DIR / f"{name}.json").read_text(encoding="utf-8"))


def validator(name: str):
    """A JSON Schema validator for one HSDS entity, resolving ``$ref`` between the files."""
    from jsonschema import Draft202012Validator, FormatChecker
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    registry = Registry()
    for path in SCHEMA_DIR.glob("*.json"):
        contents = json.loads(path.read_text(encoding="utf-8"))
        registry = registry.with_resource(
            path.name, Resource.from_contents(contents, default_specification=DRAFT202012)
        )
    return Draft202012Validator(schema(name), registry=registry, format_checker=FormatChecker())


# --- the tables this directory holds ------------------------------------------------------


@dataclass(frozen=True)
class Table:
    name: str  # the HSDS schema name
    model: type
    # HSDS column -> (model field, referenced table or None)
    references: dict = field(default_factory=dict)
    required_references: tuple = ()  # at least one of these must resolve
    renames: dict = field(default_factory=dict)  # HSDS column -> model field (not a reference)

    @property
    def path(self) -> str:
        return schema(self.name)["path"]

    @property
    def columns(self) -> list[str]:
        props = schema(self.name)["properties"]
        return [k for k, v in props.items() if v.get("type") != "array" and "$ref" not in v]


TABLES = [
    Table("taxonomy", m.Taxonomy),
    Table(
        "taxonomy_term",
        m.TaxonomyTerm,
        references={
            "parent_id": ("parent", "taxonomy_term"),
            "taxonomy_id": ("taxonomy", "taxonomy"),
        },
        renames={"taxonomy": "taxonomy_name"},
    ),
    Table(
        "organization",
        m.Organization,
        references={"parent_organization_id": ("parent", "organization")},
    ),
    Table("location", m.Location, references={"organization_id": ("organization", "organization")}),
    Table(
        "address",
        m.Address,
        references={"location_id": ("location", "location")},
        required_references=("location_id",),
    ),
    Table(
        "service",
        m.Service,
        references={"organization_id": ("organization", "organization")},
        required_references=("organization_id",),
    ),
    Table(
        "service_at_location",
        m.ServiceAtLocation,
        references={"service_id": ("service", "service"), "location_id": ("location", "location")},
        required_references=("service_id", "location_id"),
    ),
    Table(
        "service_area",
        m.ServiceArea,
        references={
            "service_id": ("service", "service"),
            # Not a column of the HSDS 3.0 schema; kept so a later schema that adds it is read.
            "service_at_location_id": ("service_at_location", "service_at_location"),
        },
        required_references=("service_id",),
    ),
    Table(
        "contact",
        m.Contact,
        references={
            "organization_id": ("organization", "organization"),
            "service_id": ("service", "service"),
            "service_at_location_id": ("service_at_location", "service_at_location"),
            "location_id": ("location", "location"),
        },
    ),
    Table(
        "phone",
        m.Phone,
        references={
            "location_id": ("location", "location"),
            "service_id": ("service", "service"),
            "organization_id": ("organization", "organization"),
            "contact_id": ("contact", "contact"),
            "service_at_location_id": ("service_at_location", "service_at_location"),
        },
    ),
    Table(
        "schedule",
        m.Schedule,
        references={
            "service_id": ("service", "service"),
            "location_id": ("location", "location"),
            "service_at_location_id": ("service_at_location", "service_at_location"),
        },
    ),
    Table(
        "language",
        m.Language,
        references={
            "service_id": ("service", "service"),
            "location_id": ("location", "location"),
            "phone_id": ("phone", "phone"),
        },
    ),
    Table(
        "accessibility",
        m.Accessibility,
        references={"location_id": ("location", "location")},
        required_references=("location_id",),
    ),
    Table(
        "cost_option",
        m.CostOption,
        references={"service_id": ("service", "service")},
        required_references=("service_id",),
    ),
    Table(
        "required_document",
        m.RequiredDocument,
        references={"service_id": ("service", "service")},
        required_references=("service_id",),
    ),
    Table(
        "attribute",
        m.Attribute,
        references={"taxonomy_term_id": ("taxonomy_term", "taxonomy_term")},
        required_references=("taxonomy_term_id",),
    ),
]
TABLES_BY_NAME = {table.name: table for table in TABLES}
# HSDS tables this directory does not hold; a package may carry them, they are skipped.
SKIPPED_TABLES = [
    "funding",
    "program",
    "organization_identifier",
    "metadata",
    "meta_table_description",
]
LINKABLE = {
    "service": "service",
    "location": "location",
    "organization": "organization",
    "service_at_location": "service_at_location",
    "phone": "phone",
    "contact": "contact",
}

PHONE_RE = re.compile(r"^\+?[0-9 ().\-/]+$")


# --- the report -----------------------------------------------------------------------------


@dataclass
class Line:
    table: str
    row: int | None  # 1 is the header, so data rows start at 2 as in a spreadsheet
    column: str
    message: str
    level: str = "error"

    def __str__(self):
        where = schema(self.table)["path"] if self.table else "datapackage.json"
        if self.row:
            where += f", row {self.row}"
        if self.column:
            where += f", {self.column}"
        return f"{where}: {self.message}"


@dataclass
class Report:
    lines: list[Line] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    def error(self, table, row, column, message):
        self.lines.append(Line(table, row, column, str(message)))

    def warn(self, table, row, column, message):
        self.lines.append(Line(table, row, column, str(message), level="warning"))

    @property
    def errors(self) -> list[Line]:
        return [line for line in self.lines if line.level == "error"]

    @property
    def warnings(self) -> list[Line]:
        return [line for line in self.lines if line.level == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class Parsed:
    """A checked package: per table, the model field values of each row, keyed by id."""

    rows: dict[str, dict[uuid.UUID, dict]]
    report: Report


# --- reading --------------------------------------------------------------------------------


def read_package(source) -> tuple[dict[str, str], Report]:
    """The CSV texts of a package given as a directory, a zip file, or zip bytes."""
    report = Report()
    files: dict[str, str] = {}
    try:
        if isinstance(source, (str, Path)) and Path(source).is_dir():
            for path in Path(source).iterdir():
                if path.is_file():
                    files[path.name] = path.read_bytes().decode("utf-8-sig")
        else:
            if hasattr(source, "read"):
                data = source.read()
            elif isinstance(source, bytes):
                data = source
            else:
                data = Path(source).read_bytes()
            if data.lstrip()[:1] in (b"[", b"{"):
                return files_from_json(data, report), report
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                for info in archive.infolist():
                    if not info.is_dir():
                        files[Path(info.filename).name] = archive.read(info).decode("utf-8-sig")
    except (zipfile.BadZipFile, OSError, TypeError):
        report.error("", None, "", _("The file is not a zip archive of an HSDS datapackage."))
        return {}, report
    except UnicodeDecodeError:
        report.error("", None, "", _("A file of the package is not UTF-8 text."))
        return {}, report
    return files, report


def files_from_json(data: bytes, report: Report) -> dict[str, str]:
    """HSDS JSON (a list of full services, or an API page with ``contents``) as CSV tables."""
    try:
        parsed = json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError):
        report.error("", None, "", _("The file is not valid JSON."))
        return {}
    services = parsed.get("contents") if isinstance(parsed, dict) else parsed
    if isinstance(parsed, dict) and services is None and "id" in parsed:
        services = [parsed]
    if not isinstance(services, list) or not all(isinstance(s, dict) for s in services):
        report.error("", None, "", _("HSDS JSON must be a list of services."))
        return {}
    tables: dict[str, dict[str, dict]] = {table.name: {} for table in TABLES}

    def add(name, record, **links):
        if not isinstance(record, dict):
            return
        flat = {k: v for k, v in record.items() if not isinstance(v, (list, dict))}
        for key, value in links.items():
            flat.setdefault(key, value)
        tables[name].setdefault(str(flat.get("id", "")), flat)

    for service in services:
        sid = service.get("id")
        organization = service.get("organization")
        if isinstance(organization, dict):
            add("organization", organization)
            add("service", service, organization_id=organization.get("id"))
        else:
            add("service", service)
        for key, name in [
            ("phones", "phone"),
            ("schedules", "schedule"),
            ("languages", "language"),
            ("cost_options", "cost_option"),
            ("required_documents", "required_document"),
            ("contacts", "contact"),
            ("service_areas", "service_area"),
        ]:
            for item in service.get(key) or []:
                add(name, item, service_id=sid)
        for attribute in service.get("attributes") or []:
            _add_attribute(add, attribute, sid, "service")
        for sal in service.get("service_at_locations") or []:
            location = sal.get("location") if isinstance(sal, dict) else None
            if isinstance(location, dict):
                add("location", location)
                for address in location.get("addresses") or []:
                    add("address", address, location_id=location.get("id"))
                for item in location.get("accessibility") or []:
                    add("accessibility", item, location_id=location.get("id"))
                for attribute in location.get("attributes") or []:
                    _add_attribute(add, attribute, location.get("id"), "location")
            add(
                "service_at_location",
                sal,
                service_id=sid,
                location_id=location.get("id") if isinstance(location, dict) else "",
            )
    files = {}
    present = [table.name for table in TABLES if tables[table.name]]
    files["datapackage.json"] = json.dumps(datapackage_descriptor(present))
    for table in TABLES:
        rows = list(tables[table.name].values())
        if rows:
            files[table.path] = csv_text(
                table.name, [{k: "" if v is None else str(v) for k, v in r.items()} for r in rows]
            )
    return files


def _add_attribute(add, attribute, link_id, entity) -> None:
    if not isinstance(attribute, dict):
        return
    term = attribute.get("taxonomy_term")
    links = {"link_id": link_id, "link_entity": entity}
    if isinstance(term, dict):
        taxonomy = term.get("taxonomy_detail")
        if isinstance(taxonomy, dict):
            add("taxonomy", taxonomy)
        add("taxonomy_term", term)
        links["taxonomy_term_id"] = term.get("id")
    add("attribute", attribute, **links)


def _descriptor_paths(files: dict[str, str], report: Report) -> dict[str, str]:
    """HSDS table name -> file name, from datapackage.json (or HSDS's own names)."""
    standard = {table.name: table.path for table in TABLES}
    text = files.get("datapackage.json")
    if text is None:
        report.warn("", None, "", _("No datapackage.json: the HSDS file names are used."))
        return standard
    try:
        descriptor = json.loads(text)
    except json.JSONDecodeError:
        stripped = text.strip()
        if "\n" not in stripped and stripped.endswith(".json") and "{" not in stripped:
            # A symbolic link stored as a file (as in the HSDS repository's examples).
            report.warn(
                "",
                None,
                "",
                _(
                    "datapackage.json is a link to %(target)s that was not followed: the HSDS "
                    "file names are used."
                )
                % {"target": stripped},
            )
            return standard
        report.error("", None, "", _("datapackage.json is not valid JSON."))
        return {}
    resources = descriptor.get("resources") if isinstance(descriptor, dict) else None
    if not isinstance(resources, list):
        report.error("", None, "", _("datapackage.json has no list of resources."))
        return {}
    paths = {}
    for resource in resources:
        if not isinstance(resource, dict) or "name" not in resource or "path" not in resource:
            report.error("", None, "", _("A resource of datapackage.json has no name or path."))
            continue
        paths[resource["name"]] = Path(str(resource["path"])).name
    for path in paths.values():
        if path not in files:
            report.error(
                "",
                None,
                "",
                _("datapackage.json names %(path)s, which is not in the package.") % {"path": path},
            )
    return paths


def _rows(text: str):
    reader = csv.DictReader(io.StringIO(text))
    return reader.fieldnames or [], list(reader)


def _uuid(value: str):
    try:
        return uuid.UUID(value.strip())
    except (ValueError, AttributeError):
        return None


def _convert(model_field, value: str):
    """The Python value of one cell for one model field; raises ValueError with a message."""
    from django.db import models as dj

    value = value.strip()
    if isinstance(model_field, dj.DateTimeField):
        parsed = parse_datetime(value.replace("Z", "+00:00"))
        if parsed is None:
            raise ValueError(_("%(value)s is not a date and time.") % {"value": value})
        return parsed
    if isinstance(model_field, dj.DateField):
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise ValueError(
                _("%(value)s is not a date (YYYY-MM-DD).") % {"value": value}
            ) from None
    if isinstance(model_field, dj.TimeField):
        try:
            return time.fromisoformat(value)
        except ValueError:
            raise ValueError(_("%(value)s is not a time (HH:MM).") % {"value": value}) from None
    if isinstance(model_field, (dj.PositiveIntegerField, dj.PositiveSmallIntegerField)):
        try:
            number = int(Decimal(value))
        except (InvalidOperation, ValueError):
            raise ValueError(_("%(value)s is not a whole number.") % {"value": value}) from None
        if number < 0 or number > 32767:
            raise ValueError(_("%(value)s is out of range.") % {"value": value})
        return number
    if isinstance(model_field, dj.FloatField):
        try:
            return float(value)
        except ValueError:
            raise ValueError(_("%(value)s is not a number.") % {"value": value}) from None
    if isinstance(model_field, dj.DecimalField):
        try:
            return Decimal(value)
        except InvalidOperation:
            raise ValueError(_("%(value)s is not a number.") % {"value": value}) from None
    if isinstance(model_field, dj.UUIDField):
        parsed = _uuid(value)
        if parsed is None:
            raise ValueError(_("%(value)s is not a UUID.") % {"value": value})
        return parsed
    max_length = getattr(model_field, "max_length", None)
    if max_length and len(value) > max_length:
        raise ValueError(_("longer than %(limit)s characters.") % {"limit": max_length})
    return value


def parse_package(files: dict[str, str], report: Report, *, known_ids: dict[str, set]) -> Parsed:
    """Check every row of every table; ``known_ids`` are ids already in the directory."""
    paths = _descriptor_paths(files, report)
    rows: dict[str, dict[uuid.UUID, dict]] = {table.name: {} for table in TABLES}
    if not report.ok:
        return Parsed(rows, report)
    if "services.csv" not in files and paths.get("service") not in files:
        report.error("", None, "", _("The package has no services table (services.csv)."))
        return Parsed(rows, report)
    for name in SKIPPED_TABLES:
        path = paths.get(name) or schema(name)["path"]
        if path in files:
            report.warn(
                name, None, "", _("This table is not held by the directory and was not imported.")
            )

    raw: dict[str, list[tuple[int, dict]]] = {}
    for table in TABLES:
        path = paths.get(table.name, table.path)
        if path not in files:
            continue
        header, records = _rows(files[path])
        missing = [c for c in schema(table.name).get("required", []) if c not in header]
        for column in missing:
            report.error(table.name, 1, column, _("The required column is missing."))
        unknown = [c for c in header if c not in table.columns]
        for column in unknown:
            report.warn(
                table.name, 1, column, _("This column is not part of HSDS 3 and was ignored.")
            )
        dropped = [
            c for c in header if c in table.columns and c != "id" and _field_name(table, c) is None
        ]
        for column in dropped:
            report.warn(table.name, 1, column, _("This column is not kept by the directory."))
        raw[table.name] = [(index + 2, record) for index, record in enumerate(records)]
    if not report.ok:
        return Parsed(rows, report)

    # First: every id, so that references can point forwards.
    ids: dict[str, set] = {name: set(known_ids.get(name, set())) for name in TABLES_BY_NAME}
    for table_name, records in raw.items():
        seen = set()
        for row_number, record in records:
            identifier = _uuid(record.get("id") or "")
            if identifier is None:
                report.error(table_name, row_number, "id", _("The id is missing or not a UUID."))
                continue
            if identifier in seen:
                report.error(table_name, row_number, "id", _("This id appears twice in the table."))
                continue
            seen.add(identifier)
            ids[table_name].add(identifier)

    for table_name, records in raw.items():
        table = TABLES_BY_NAME[table_name]
        for row_number, record in records:
            values = _parse_row(table, row_number, record, ids, report)
            if values is not None:
                rows[table_name][values["id"]] = values
    return Parsed(rows, report)


def _field_name(table: Table, column: str) -> str | None:
    if column in table.references:
        return table.references[column][0]
    name = table.renames.get(column, column)
    try:
        table.model._meta.get_field(name)
    except Exception:
        return None
    return name


def _parse_row(table, row_number, record, ids, report) -> dict | None:
    errors_before = len(report.errors)
    required = set(schema(table.name).get("required", []))
    props = schema(table.name)["properties"]
    values: dict = {"id": _uuid(record.get("id") or "")}
    if values["id"] is None:
        return None
    for column in table.columns:
        if column == "id":
            continue
        cell = (record.get(column) or "").strip()
        if not cell:
            if column in required:
                report.error(table.name, row_number, column, _("A value is required."))
            continue
        if column in table.references:
            target_field, target_table = table.references[column]
            target = _uuid(cell)
            if target is None:
                report.error(
                    table.name, row_number, column, _("%(value)s is not a UUID.") % {"value": cell}
                )
            elif target not in ids.get(target_table, set()):
                message = _(
                    "%(value)s refers to no %(entity)s in the package or the directory."
                ) % {
                    "value": cell,
                    "entity": target_table,
                }
                if column in table.required_references:
                    report.error(table.name, row_number, column, message)
                else:
                    report.warn(
                        table.name, row_number, column, message + " " + _("The link was left out.")
                    )
            else:
                values[target_field] = target
            continue
        enum = props.get(column, {}).get("enum")
        if enum and cell not in enum:
            report.error(
                table.name,
                row_number,
                column,
                _("%(value)s is not one of %(allowed)s.")
                % {"value": cell, "allowed": ", ".join(enum)},
            )
            continue
        name = _field_name(table, column)
        if name is None:
            continue
        try:
            values[name] = _convert(table.model._meta.get_field(name), cell)
        except ValueError as error:
            report.error(table.name, row_number, column, str(error))
    for column in table.required_references:
        if not (record.get(column) or "").strip():
            report.error(table.name, row_number, column, _("A value is required."))
    if table.name in {"phone", "schedule", "language", "contact"}:
        links = [f for f, _t in table.references.values()]
        if not any(values.get(link) for link in links) and not any(
            (record.get(c) or "").strip() for c in table.references
        ):
            report.error(table.name, row_number, "", _("The row is linked to nothing."))
    if table.name == "phone" and "number" in values:
        number = values["number"].strip().strip('"').strip()
        digits = sum(ch.isdigit() for ch in number)
        if not PHONE_RE.match(number) or not 3 <= digits <= 17:
            report.error(
                table.name,
                row_number,
                "number",
                _("%(value)s is not a phone number.") % {"value": values["number"]},
            )
        values["number"] = number
    if table.name == "location":
        _check_coordinates(row_number, record, values, report)
    if table.name == "service_area":
        _area_country(row_number, values, report)
    if table.name == "attribute":
        entity = (record.get("link_entity") or "").strip()
        link = _uuid(record.get("link_id") or "")
        if link is None:
            report.error(
                table.name, row_number, "link_id", _("The linked record is missing or not a UUID.")
            )
        elif entity in LINKABLE and link not in ids.get(LINKABLE[entity], set()):
            report.error(
                table.name,
                row_number,
                "link_id",
                _("%(value)s refers to no %(entity)s in the package or the directory.")
                % {"value": link, "entity": entity},
            )
        elif entity not in LINKABLE:
            report.warn(
                table.name,
                row_number,
                "link_entity",
                _(
                    "%(entity)s is not an entity this directory holds; the attribute is kept as "
                    "it is."
                )
                % {"entity": entity},
            )
    if table.name == "service" and "minimum_age" in values and "maximum_age" in values:
        if values["maximum_age"] < values["minimum_age"]:
            report.error(
                table.name,
                row_number,
                "maximum_age",
                _("The maximum age is below the minimum age."),
            )
    if len(report.errors) > errors_before:
        return None
    return values


def _check_coordinates(row_number, record, values, report) -> None:
    lat, lon = values.get("latitude"), values.get("longitude")
    if (lat is None) != (lon is None):
        report.error(
            "location",
            row_number,
            "latitude",
            _("Latitude and longitude come together or not at all."),
        )
        return
    if lat is None:
        return
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        # HSDS's own example carries placeholder coordinates (100, 101): the location is
        # kept without a position rather than shown at a wrong place.
        report.warn(
            "location",
            row_number,
            "latitude",
            _(
                "%(lat)s, %(lon)s is not a position on Earth; the location was imported without "
                "coordinates."
            )
            % {"lat": lat, "lon": lon},
        )
        values.pop("latitude")
        values.pop("longitude")


def area_country(name: str) -> str:
    """The ISO code of the country an area's name is (English name or code), or ""."""
    from django_countries import countries

    name = name.strip()
    if len(name) == 2 and name.upper() in countries:
        return name.upper()
    return countries.by_name(name) or ""


def _area_country(row_number, values, report) -> None:
    """HSDS has no field for the country an area covers: read it from the area's name."""
    code = area_country(values.get("name", ""))
    if code:
        values["country"] = code
        return
    report.warn(
        "service_area",
        row_number,
        "name",
        _(
            "The name of this area is not a country, so the directory cannot tell which "
            "country it covers; a search by city finds the service only once the country "
            "covered is set in the directory."
        ),
    )


# --- writing HSDS ---------------------------------------------------------------------------


def _plain(value):
    if value is None or value == "":
        return None
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat().replace("+00:00", "Z")
    if isinstance(value, (date, time)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def record_of(table_name: str, obj) -> dict:
    """The HSDS fields of one record (no nested arrays); empty optional fields left out."""
    table = TABLES_BY_NAME[table_name]
    required = set(schema(table_name).get("required", []))
    props = schema(table_name)["properties"]
    data = {}
    for column in table.columns:
        name = _field_name(table, column)
        if name is None:
            continue
        if column in table.references:
            value = getattr(obj, f"{name}_id")
        else:
            value = getattr(obj, name)
        plain = _plain(value)
        if plain is None:
            if column in required and props[column].get("type") == "string":
                data[column] = ""
            continue
        if props[column].get("type") == "string" and not isinstance(plain, str):
            plain = str(plain)
        elif props[column].get("type") == "number" and isinstance(plain, str):
            try:
                number = float(plain)
            except ValueError:
                continue  # not representable as HSDS asks; left out rather than invalid
            plain = int(number) if number.is_integer() else number
        data[column] = plain
    return data


def csv_text(table_name: str, records: list[dict]) -> str:
    columns = [c for c in TABLES_BY_NAME[table_name].columns]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for record in records:
        writer.writerow({column: record.get(column, "") for column in columns})
    return out.getvalue()


def datapackage_descriptor(tables: list[str]) -> dict:
    resources = []
    for name in tables:
        spec = schema(name)
        fields = []
        for column in TABLES_BY_NAME[name].columns:
            prop = spec["properties"][column]
            fields.append(
                {
                    "name": column,
                    "type": prop.get("datapackage_type", prop.get("type", "string")),
                    "constraints": {"required": column in spec.get("required", [])},
                }
            )
        resources.append(
            {
                "name": name,
                "path": spec["path"],
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {"fields": fields, "primaryKey": "id"},
            }
        )
    return {
        "name": "equalcity-service-directory",
        "title": "Equalcity service directory",
        "profile": "tabular-data-package",
        "resources": resources,
    }
