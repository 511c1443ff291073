#include "routing/edge_span.hpp"

#include <algorithm>
#include <cmath>

namespace pitstop {
namespace {

// Points of a geometry between two offsets with from_m <= to_m, cut exactly at both.
std::vector<LatLon> cut_geometry(const RoadGraph& graph, GeometryId id, double from_m, double to_m) {
  const auto points = graph.geometry(id);
  std::vector<LatLon> cut;
  double walked_m = 0.0;
  for (std::size_t i = 0; i + 1 < points.size(); ++i) {
    const double step_m = haversine_m(points[i], points[i + 1]);
    const double end_m = walked_m + step_m;
    auto point_at = [&](double offset_m) {
      const double fraction = step_m > 0.0 ? std::clamp((offset_m - walked_m) / step_m, 0.0, 1.0) : 0.0;
      return interpolate(points[i], points[i + 1], fraction);
    };
    if (cut.empty() && from_m <= end_m) cut.push_back(point_at(from_m));
    if (!cut.empty()) {
      if (to_m <= end_m) {
        cut.push_back(point_at(to_m));
        return cut;
      }
      cut.push_back(points[i + 1]);
    }
    walked_m = end_m;
  }
  // Offsets past the measured end (rounding): end at the last point.
  if (cut.empty()) cut.push_back(points.back());
  cut.push_back(points.back());
  return cut;
}

void append_without_repeat(std::vector<LatLon>& geometry, const std::vector<LatLon>& points) {
  for (const LatLon& point : points) {
    if (geometry.empty() || !(geometry.back() == point)) geometry.push_back(point);
  }
}

}  // namespace

EdgeSpan full_span(const RoadGraph& graph, EdgeId edge) {
  const Edge& data = graph.edges[edge];
  const double length_m = graph.geometry_length_m[data.geometry];
  return data.reversed ? EdgeSpan{edge, length_m, 0.0} : EdgeSpan{edge, 0.0, length_m};
}

Route build_route(const RoadGraph& graph, const std::vector<EdgeSpan>& spans) {
  Route route;
  for (const EdgeSpan& span : spans) {
    const Edge& edge = graph.edges[span.edge];
    const double geometry_length_m = graph.geometry_length_m[edge.geometry];
    const double length_m = std::abs(span.to_offset_m - span.from_offset_m);

    RoutePiece piece;
    piece.name_id = edge.name_id;
    piece.way_type = edge.way_type;
    piece.length_m = length_m;
    piece.duration_s = edge.duration_s * length_m / geometry_length_m;
    piece.first_point = static_cast<std::uint32_t>(route.geometry.empty() ? 0 : route.geometry.size() - 1);

    const double low_m = std::min(span.from_offset_m, span.to_offset_m);
    const double high_m = std::max(span.from_offset_m, span.to_offset_m);
    std::vector<LatLon> points = cut_geometry(graph, edge.geometry, low_m, high_m);
    if (span.from_offset_m > span.to_offset_m) std::reverse(points.begin(), points.end());
    append_without_repeat(route.geometry, points);

    route.distance_m += piece.length_m;
    route.duration_s += piece.duration_s;
    route.pieces.push_back(piece);
  }
  if (route.geometry.size() == 1) route.geometry.push_back(route.geometry.front());
  return route;
}

}  // namespace pitstop
