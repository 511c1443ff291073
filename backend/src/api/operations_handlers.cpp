#include <chrono>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "api/api_error.hpp"
#include "api/api_handlers.hpp"

namespace pitstop {

ApiResponse json_response(unsigned status, const std::string& body) {
  ApiResponse response;
  response.status = status;
  response.content_type = "application/json";
  response.body = body;
  return response;
}

std::shared_ptr<const ParkingSnapshot> current_parking(const HandlerContext& context) {
  auto parking = context.data.parking();
  if (!parking) {
    throw ApiError(503, "not_ready",
                   "parking data is not loaded yet, because the server is waiting for its database: retry shortly");
  }
  return parking;
}

ApiResponse handle_health(const HandlerContext&, const QueryParameters&) {
  return json_response(200, R"({"status":"ok"})");
}

ApiResponse handle_ready(const HandlerContext& context, const QueryParameters&) {
  const std::string reason = context.settings.not_ready_reason ? context.settings.not_ready_reason() : "";
  if (!reason.empty()) throw ApiError(503, "not_ready", reason);
  const auto parking = current_parking(context);
  const nlohmann::ordered_json body = {{"status", "ready"},
                                       {"graph_nodes", context.data.graph.node_count()},
                                       {"parking_spots", parking->parking->spots().size()}};
  return json_response(200, body.dump());
}

ApiResponse handle_metrics(const HandlerContext& context, const QueryParameters&) {
  const PitStopData& data = context.data;
  const auto parking = data.parking();

  std::string body = context.metrics.render();
  body += "# HELP pitstop_ready Whether /ready answers 200.\n# TYPE pitstop_ready gauge\n";
  const bool ready = parking && !(context.settings.not_ready_reason && !context.settings.not_ready_reason().empty());
  body += fmt::format("pitstop_ready {}\n", ready ? 1 : 0);
  if (parking) {
    const double data_age_s =
        std::chrono::duration<double>(std::chrono::system_clock::now() - parking->data_time).count();
    body += "# HELP pitstop_parking_spots Parking spots loaded.\n# TYPE pitstop_parking_spots gauge\n";
    body += fmt::format("pitstop_parking_spots {}\n", parking->parking->spots().size());
    body += "# HELP pitstop_parking_spots_usable Parking spots close enough to a rideable way.\n";
    body += "# TYPE pitstop_parking_spots_usable gauge\n";
    body += fmt::format("pitstop_parking_spots_usable {}\n", parking->planner->attached_spots().size());
    body += "# HELP pitstop_parking_data_age_seconds Age of the parking data: the newest file, or the end of the "
            "latest successful refresh in the database.\n";
    body += "# TYPE pitstop_parking_data_age_seconds gauge\n";
    body += fmt::format("pitstop_parking_data_age_seconds {:.0f}\n", data_age_s);
  }
  body += "# HELP pitstop_graph_nodes Junctions in the cycling graph.\n# TYPE pitstop_graph_nodes gauge\n";
  body += fmt::format("pitstop_graph_nodes {}\n", data.graph.node_count());
  body += "# HELP pitstop_graph_edges Directed edges in the cycling graph.\n# TYPE pitstop_graph_edges gauge\n";
  body += fmt::format("pitstop_graph_edges {}\n", data.graph.edge_count());

  ApiResponse response;
  response.content_type = "text/plain; version=0.0.4; charset=utf-8";
  response.body = std::move(body);
  return response;
}

ApiResponse handle_openapi(const HandlerContext&, const QueryParameters&) {
  return json_response(200, openapi_document());
}

}  // namespace pitstop
