"""The schema.org description of a site, embedded in its landing page as JSON-LD (output.md).

Search engines and map apps read it to show the office's address, position, hours and phone
numbers. This module only builds the data; the template serialises it with Jinja's ``tojson``,
which escapes ``<``, ``>``, ``&`` and ``'`` so no registry text can close the script element.
"""

from __future__ import annotations

from qrdir.registry.model import DAYS, DayHours, Directory, Interval, Site

# The closest schema.org type per kind (registry.md "Kinds"). Every one is an Organization and a
# Place, so both contactPoint and openingHoursSpecification apply. Party, front, quarter,
# military and culture offices are run by the ward, so GovernmentOffice is the honest fit.
SCHEMA_TYPES: dict[str, str] = {
    "ward_office": "GovernmentOffice",
    "one_stop": "GovernmentOffice",
    "party_office": "GovernmentOffice",
    "mass_org": "GovernmentOffice",
    "police": "PoliceStation",
    "military": "GovernmentOffice",
    "health_station": "MedicalClinic",
    "quarter_office": "GovernmentOffice",
    "school": "School",
    "culture": "GovernmentOffice",
    "post_office": "PostOffice",
    "other": "GovernmentOffice",
}

_SCHEMA_DAYS = dict(zip(DAYS, (
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
), strict=True))


def site_jsonld(site: Site, directory: Directory, map_url: str | None) -> dict:
    """The JSON-LD object for ``site``; ``map_url`` is its map link, if it has a place on one."""
    data: dict = {
        "@context": "https://schema.org",
        "@type": SCHEMA_TYPES[site.kind],
        "name": site.name,
        "url": site.url,
        "address": _postal_address(site, directory),
    }
    if map_url:
        data["hasMap"] = map_url
    if site.formerly:
        data["alternateName"] = list(site.formerly)
    if site.location is not None:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": site.location.lat,
            "longitude": site.location.lon,
        }
    if site.phone is not None:
        data["telephone"] = site.phone.e164
    if site.email:
        data["email"] = site.email
    if site.website:
        data["sameAs"] = site.website
    if site.hours:
        data["openingHoursSpecification"] = opening_hours_specification(site.hours)
    if site.contacts:
        data["contactPoint"] = [
            {
                "@type": "ContactPoint",
                "contactType": contact.role,
                "name": contact.name,
                "telephone": contact.phone.e164,
            }
            for contact in site.contacts
        ]
    return data


def _postal_address(site: Site, directory: Directory) -> dict:
    address = {
        "@type": "PostalAddress",
        "streetAddress": site.address,
        "addressLocality": directory.name,
        "addressCountry": "VN",
    }
    if directory.region:
        address["addressRegion"] = directory.region
    return address


def opening_hours_specification(hours: tuple[DayHours, ...]) -> list[dict]:
    """One entry per distinct interval, listing the days it applies to, in week order.

    A closed day opens and closes at 00:00 and a day open until midnight closes at 23:59, as
    schema.org's OpeningHoursSpecification describes. Days not in ``hours`` are left out:
    unknown is not closed (registry.md "Opening hours").
    """
    days_by_interval: dict[tuple[str, str], list[str]] = {}
    for day in hours:
        for interval in day.intervals or (None,):
            key = _opens_closes(interval)
            days_by_interval.setdefault(key, []).append(_SCHEMA_DAYS[day.day])
    return [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": days,
            "opens": opens,
            "closes": closes,
        }
        for (opens, closes), days in days_by_interval.items()
    ]


def _opens_closes(interval: Interval | None) -> tuple[str, str]:
    if interval is None:
        return ("00:00", "00:00")
    return (_clock(interval.start), "23:59" if interval.end == 24 * 60 else _clock(interval.end))


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"
