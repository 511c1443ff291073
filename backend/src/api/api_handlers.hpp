#pragma once

#include "api/api_metrics.hpp"
#include "api/http_exchange.hpp"
#include "api/pitstop_api.hpp"
#include "api/query_parameters.hpp"
#include "app/pitstop_data.hpp"

namespace pitstop {

// Data and settings that every handler may read.
struct HandlerContext {
  const PitStopData& data;
  const ApiSettings& settings;
  const ApiMetrics& metrics;
};

ApiResponse handle_health(const HandlerContext& context, const QueryParameters& query);
ApiResponse handle_ready(const HandlerContext& context, const QueryParameters& query);
ApiResponse handle_metrics(const HandlerContext& context, const QueryParameters& query);
ApiResponse handle_openapi(const HandlerContext& context, const QueryParameters& query);

// GET /api/v1/search: OneMap-style results, 10 per page.
ApiResponse handle_v1_search(const HandlerContext& context, const QueryParameters& query);
// GET /api/v1/routes: OneMap-style routes with the plan's parking spots.
ApiResponse handle_v1_routes(const HandlerContext& context, const QueryParameters& query);
// GET /api/v2/plan: the full plan as JSON (polyline or GeoJSON geometry) or GPX.
ApiResponse handle_v2_plan(const HandlerContext& context, const QueryParameters& query,
                           const std::string& accept_header);

// The OpenAPI 3 document, compiled in from backend/openapi/openapi.json.
const char* openapi_document();

// Returns the current parking snapshot. Throws ApiError 503 while a server in
// database mode has not loaded one yet.
std::shared_ptr<const ParkingSnapshot> current_parking(const HandlerContext& context);

// Builds a JSON response.
ApiResponse json_response(unsigned status, const std::string& body);

}  // namespace pitstop
