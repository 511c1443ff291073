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

ApiResponse handle_health(const HandlerContext&, const QueryParameters&) {
  return json_response(200, R"({"status":"ok"})");
}

ApiResponse handle_ready(const HandlerContext& context, const QueryParameters&) {
  if (context.settings.ready_check && !context.settings.ready_check()) {
    throw ApiError(503, "not_ready", "the service is starting or has lost its database: retry shortly");
  }
  const nlohmann::ordered_json body = {{"status", "ready"},
                                       {"graph_nodes", context.data.graph.node_count()},
                                       {"parking_spots", context.data.parking->spots().size()}};
  return json_response(200, body.dump());
}

ApiResponse handle_metrics(const HandlerContext& context, const QueryParameters&) {
  const PitStopData& data = context.data;
  const double data_age_s =
      std::chrono::duration<double>(std::chrono::system_clock::now() - data.parking_data_time).count();

  std::string body = context.metrics.render();
  body += "# HELP pitstop_parking_spots Parking spots loaded.\n# TYPE pitstop_parking_spots gauge\n";
  body += fmt::format("pitstop_parking_spots {}\n", data.parking->spots().size());
  body += "# HELP pitstop_parking_spots_usable Parking spots close enough to a rideable way.\n";
  body += "# TYPE pitstop_parking_spots_usable gauge\n";
  body += fmt::format("pitstop_parking_spots_usable {}\n", data.planner->attached_spots().size());
  body += "# HELP pitstop_parking_data_age_seconds Age of the newest parking file.\n";
  body += "# TYPE pitstop_parking_data_age_seconds gauge\n";
  body += fmt::format("pitstop_parking_data_age_seconds {:.0f}\n", data_age_s);
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
