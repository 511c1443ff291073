#include "api/pitstop_api.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <span>
#include <string_view>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "api/api_error.hpp"
#include "api/api_handlers.hpp"

namespace pitstop {
namespace {

constexpr const char* kAllowedMethods = "GET, HEAD, OPTIONS";

enum class Endpoint { Health, Ready, Metrics, OpenApi, V1Search, V1Routes, V2Plan };

// Query parameters of each API endpoint, as backend/openapi/openapi.json lists
// them. returnGeom and getAddrDetails are OneMap's search options: clients
// written for OneMap send them, and every result carries both anyway.
constexpr std::string_view kV1SearchParameters[] = {"searchVal", "pageNum", "returnGeom", "getAddrDetails"};
constexpr std::string_view kV1RoutesParameters[] = {"start",        "end",        "startName", "endName",
                                                    "intervalMins", "marginMins", "speedKmh",  "alternatives"};
constexpr std::string_view kV2PlanParameters[] = {"from",       "to",       "fromName", "toName", "rideLimitMin",
                                                  "marginMin",  "speedKmh", "geometry", "format", "alternatives"};

struct EndpointPath {
  const char* path;
  Endpoint endpoint;
  const char* label;  // metrics label
  bool quick;         // responds in microseconds, without planning or outside calls
  // Accepted query parameters; any other is rejected. Empty means the
  // endpoint ignores its query, so that health probes that add a
  // cache-busting parameter still work.
  std::span<const std::string_view> parameters;
};

constexpr std::array kEndpoints{
    EndpointPath{"/health", Endpoint::Health, "health", true, {}},
    EndpointPath{"/ready", Endpoint::Ready, "ready", true, {}},
    EndpointPath{"/metrics", Endpoint::Metrics, "metrics", true, {}},
    EndpointPath{"/api/openapi.json", Endpoint::OpenApi, "openapi", true, {}},
    EndpointPath{"/api/v1/search", Endpoint::V1Search, "v1_search", false, kV1SearchParameters},
    EndpointPath{"/api/v1/routes", Endpoint::V1Routes, "v1_routes", false, kV1RoutesParameters},
    EndpointPath{"/api/v2/plan", Endpoint::V2Plan, "v2_plan", false, kV2PlanParameters},
};

const EndpointPath* find_endpoint(std::string_view path) {
  for (const auto& entry : kEndpoints) {
    if (path == entry.path) return &entry;
  }
  return nullptr;
}

}  // namespace

std::vector<std::string> PitStopApi::quick_paths() {
  std::vector<std::string> paths;
  for (const auto& entry : kEndpoints) {
    if (entry.quick) paths.emplace_back(entry.path);
  }
  return paths;
}

std::vector<std::string> PitStopApi::query_parameter_names(std::string_view path) {
  const EndpointPath* entry = find_endpoint(path);
  if (entry == nullptr) return {};
  return {entry->parameters.begin(), entry->parameters.end()};
}

ApiResponse error_response(const ApiError& error) {
  nlohmann::ordered_json parameter = nullptr;
  if (!error.parameter().empty()) parameter = error.parameter();
  const nlohmann::ordered_json body = {
      {"error", {{"code", error.code()}, {"message", error.what()}, {"parameter", parameter}}}};
  ApiResponse response;
  response.status = error.status();
  // Invalid UTF-8 in a message (an echoed value) is replaced, never sent raw.
  response.body = body.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  return response;
}

PitStopApi::PitStopApi(const PitStopData& data, ApiSettings settings)
    : data_(data), settings_(std::move(settings)) {}

ApiResponse PitStopApi::handle(const ApiRequest& request) {
  const auto started = std::chrono::steady_clock::now();
  std::string endpoint = "unknown";
  ApiResponse response;
  try {
    response = dispatch(request, endpoint);
  } catch (const ApiError& error) {
    response = error_response(error);
  } catch (const std::exception& error) {
    spdlog::error("request {} to {} failed: {}", request.request_id, endpoint, error.what());
    response = error_response(ApiError(500, "internal_error",
                                       "the server failed to answer this request: retry, and report the "
                                       "request id if it keeps failing"));
  }
  add_cors_headers(request, response);

  const double elapsed_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  metrics_.record(endpoint, response.status, elapsed_s);
  return response;
}

ApiResponse PitStopApi::dispatch(const ApiRequest& request, std::string& endpoint) {
  const auto [path, query_text] = split_target(request.target);
  const EndpointPath* entry = find_endpoint(path);
  if (entry == nullptr) {
    throw ApiError(404, "not_found",
                   "no such endpoint: see /api/openapi.json for the paths this server answers");
  }
  endpoint = entry->label;

  if (request.method == "OPTIONS") {
    ApiResponse response;
    response.status = 204;
    response.headers.emplace_back("Allow", kAllowedMethods);
    return response;
  }
  if (request.method != "GET" && request.method != "HEAD") {
    ApiError error(405, "method_not_allowed",
                   fmt::format("method {} is not allowed here: use GET", request.method.substr(0, 20)));
    ApiResponse response = error_response(error);
    response.headers.emplace_back("Allow", kAllowedMethods);
    return response;
  }

  // Endpoints without parameters never parse their query, so a probe's odd
  // cache-busting value (a bare '%') cannot fail them.
  QueryParameters query;
  if (!entry->parameters.empty()) {
    query = QueryParameters::parse(query_text);
    query.reject_unknown(entry->parameters, entry->path);
  }
  const HandlerContext context{data_, settings_, metrics_};
  switch (entry->endpoint) {
    case Endpoint::Health: return handle_health(context, query);
    case Endpoint::Ready: return handle_ready(context, query);
    case Endpoint::Metrics: return handle_metrics(context, query);
    case Endpoint::OpenApi: return handle_openapi(context, query);
    case Endpoint::V1Search: return handle_v1_search(context, query);
    case Endpoint::V1Routes: return handle_v1_routes(context, query);
    case Endpoint::V2Plan: return handle_v2_plan(context, query, request.header("accept"));
  }
  throw ApiError(404, "not_found", "no such endpoint");
}

void PitStopApi::add_cors_headers(const ApiRequest& request, ApiResponse& response) const {
  const std::string origin = request.header("origin");
  if (origin.empty()) return;
  const auto& allowed = settings_.cors_origins;
  const bool any_origin = std::find(allowed.begin(), allowed.end(), "*") != allowed.end();
  if (!any_origin && std::find(allowed.begin(), allowed.end(), origin) == allowed.end()) return;
  response.headers.emplace_back("Access-Control-Allow-Origin", any_origin ? "*" : origin);
  response.headers.emplace_back("Vary", "Origin");
  if (request.method == "OPTIONS") {
    response.headers.emplace_back("Access-Control-Allow-Methods", kAllowedMethods);
    response.headers.emplace_back("Access-Control-Allow-Headers", "Accept, Content-Type, X-Request-Id");
    response.headers.emplace_back("Access-Control-Max-Age", "600");
  }
}

}  // namespace pitstop
