"""A stand-in for LTA DataMall's BicycleParkingv2 service on 127.0.0.1.

It responds to GET /ltaodataservice/BicycleParkingv2?Lat=..&Long=..&Dist=.. with
the records of a real DataMall dump within Dist kilometres of the point, in
the service's envelope {"odata.metadata": ..., "value": [...]}, and checks
the AccountKey header. Switches make it behave like the real service on a bad
day: a cap on the records of one answer, an error status every Nth request, a
delay before answering, or only a share of the records.
"""

import json
import math
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

ACCOUNT_KEY = "stand-in-account-key=="
PATH = "/ltaodataservice/BicycleParkingv2"
METADATA = "http://datamall2.mytransport.sg/ltaodataservice/$metadata#BicycleParkingv2"


def haversine_m(lat1, lon1, lat2, lon2):
    radius_m = 6371008.8
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * radius_m * math.asin(math.sqrt(a))


class DataMallStandIn:
    def __init__(self, records):
        self.records = records
        self.cap = 500
        self.fail_every = 0        # respond 500 to every Nth request; 0 never
        self.fail_all = False      # respond 503 to every request
        self.delay_s = 0.0         # wait this long before each answer
        self.keep_share = 1.0      # return only this share of the records (every k-th one)
        self.requests = 0
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @classmethod
    def from_file(cls, path):
        with open(path, encoding="utf-8") as file:
            return cls(json.load(file))

    @property
    def base_url(self):
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def environment(self):
        """The settings that point `pitstop` at this stand-in, over a grid around the central dump,
        with the client's assumed record cap equal to this stand-in's cap."""
        return {
            "PITSTOP_DATAMALL_BASE_URL": self.base_url,
            "PITSTOP_DATAMALL_ACCOUNT_KEY": ACCOUNT_KEY,
            "PITSTOP_DATAMALL_GRID_BBOX": "1.305,103.773,1.394,103.867",
            "PITSTOP_DATAMALL_GRID_SPACING_M": "3000",
            "PITSTOP_DATAMALL_GRID_RADIUS_M": "2200",
            "PITSTOP_DATAMALL_RATE_PER_S": "200",
            "PITSTOP_DATAMALL_MAX_ATTEMPTS": "3",
            "PITSTOP_DATAMALL_MAX_RECORDS_PER_CALL": str(self.cap),
        }

    def start(self):
        self._thread.start()
        return self

    def stop(self):
        self._server.shutdown()
        self._server.server_close()

    def answer(self, query):
        lat = float(query["Lat"][0])
        lon = float(query["Long"][0])
        radius_m = float(query["Dist"][0]) * 1000.0
        step = max(1, round(1 / self.keep_share)) if self.keep_share < 1.0 else 1
        value = [record for index, record in enumerate(self.records)
                 if index % step == 0
                 and haversine_m(lat, lon, record["Latitude"], record["Longitude"]) <= radius_m]
        return {"odata.metadata": METADATA, "value": value[:self.cap]}

    def _handler_class(self):
        stand_in = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                with stand_in._lock:
                    stand_in.requests += 1
                    number = stand_in.requests
                if stand_in.delay_s:
                    threading.Event().wait(stand_in.delay_s)
                url = urlparse(self.path)
                if url.path != PATH:
                    return self._send(404, {"fault": "Resource not found"})
                if self.headers.get("AccountKey") != ACCOUNT_KEY:
                    return self._send(401, {"fault": "Invalid AccountKey"})
                if stand_in.fail_all:
                    return self._send(503, {"fault": "Service Unavailable"})
                if stand_in.fail_every and number % stand_in.fail_every == 0:
                    return self._send(500, {"fault": "Internal Server Error"})
                self._send(200, stand_in.answer(parse_qs(url.query)))

            def _send(self, status, body):
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json;charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format, *args):
                pass

        return Handler
