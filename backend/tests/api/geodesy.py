"""Geometry helpers for the API tests, written independently of the server code."""

import math

EARTH_RADIUS_M = 6_371_008.8

# A box around Singapore, main island and islands, in decimal degrees.
SINGAPORE_LAT = (1.15, 1.48)
SINGAPORE_LON = (103.60, 104.10)


def decode_polyline(encoded, precision=5):
    """Decode an encoded polyline (Google's algorithm) into a list of (lat, lon)."""
    factor = 10.0**precision
    points = []
    index = 0
    lat = 0
    lon = 0
    while index < len(encoded):
        deltas = []
        for _ in range(2):
            shift = 0
            result = 0
            while True:
                if index >= len(encoded):
                    raise ValueError(f"polyline ends inside a value at character {index}")
                byte = ord(encoded[index]) - 63
                index += 1
                if byte < 0 or byte > 63:
                    raise ValueError(f"invalid polyline character {encoded[index - 1]!r} at {index - 1}")
                result |= (byte & 0x1F) << shift
                shift += 5
                if byte < 0x20:
                    break
            deltas.append(~(result >> 1) if result & 1 else result >> 1)
        lat += deltas[0]
        lon += deltas[1]
        points.append((lat / factor, lon / factor))
    return points


def haversine_m(a, b):
    """Great-circle distance in metres between two (lat, lon) points."""
    lat1, lon1 = map(math.radians, a)
    lat2, lon2 = map(math.radians, b)
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


def inside_singapore(lat, lon):
    return SINGAPORE_LAT[0] <= lat <= SINGAPORE_LAT[1] and SINGAPORE_LON[0] <= lon <= SINGAPORE_LON[1]


def wgs84_to_svy21(lat, lon):
    """Convert WGS84 degrees to SVY21 (EPSG:3414) easting and northing in metres.

    SVY21 is a Transverse Mercator projection on the WGS84 ellipsoid with origin
    1°22'N 103°50'E, scale factor 1, false easting 28001.642 m and false
    northing 38744.572 m. The forward series are the usual Transverse Mercator
    ones, and test_search checks them against X and Y computed by OneMap.
    """
    a = 6_378_137.0
    f = 1 / 298.257223563
    e2 = f * (2 - f)
    ep2 = e2 / (1 - e2)
    origin_lat = math.radians(1 + 22 / 60)
    origin_lon = math.radians(103 + 50 / 60)
    false_easting = 28001.642
    false_northing = 38744.572
    scale = 1.0

    def meridian_arc(phi):
        e4 = e2 * e2
        e6 = e4 * e2
        return a * (
            (1 - e2 / 4 - 3 * e4 / 64 - 5 * e6 / 256) * phi
            - (3 * e2 / 8 + 3 * e4 / 32 + 45 * e6 / 1024) * math.sin(2 * phi)
            + (15 * e4 / 256 + 45 * e6 / 1024) * math.sin(4 * phi)
            - (35 * e6 / 3072) * math.sin(6 * phi)
        )

    phi = math.radians(lat)
    n = a / math.sqrt(1 - e2 * math.sin(phi) ** 2)
    t = math.tan(phi) ** 2
    c = ep2 * math.cos(phi) ** 2
    big_a = (math.radians(lon) - origin_lon) * math.cos(phi)

    x = false_easting + scale * n * (
        big_a + (1 - t + c) * big_a**3 / 6 + (5 - 18 * t + t * t + 72 * c - 58 * ep2) * big_a**5 / 120
    )
    y = false_northing + scale * (
        meridian_arc(phi)
        - meridian_arc(origin_lat)
        + n
        * math.tan(phi)
        * (
            big_a**2 / 2
            + (5 - t + 9 * c + 4 * c * c) * big_a**4 / 24
            + (61 - 58 * t + t * t + 600 * c - 330 * ep2) * big_a**6 / 720
        )
    )
    return x, y
