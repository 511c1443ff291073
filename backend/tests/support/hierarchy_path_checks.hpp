#pragma once

// Checks that a path from the contraction hierarchy query is a real ride on
// the road graph between two snapped points.

#include <gtest/gtest.h>

#include <cmath>

#include "contraction/hierarchy_query.hpp"
#include "contraction/point_seeds.hpp"
#include "graph/edge_snapper.hpp"
#include "graph/road_graph.hpp"

namespace pitstop::testing {

// Absolute tolerance for comparing times summed in different orders.
inline double time_tolerance_s(double duration_s) { return 1e-9 * std::abs(duration_s) + 1e-7; }

// The spans follow each other along edges, start at `from`, end at `to`, and
// their times add up to the path's duration.
inline void expect_valid_hierarchy_path(const RoadGraph& graph, const HierarchyPath& path, const SnappedPoint& from,
                                        const SnappedPoint& to) {
  ASSERT_FALSE(path.spans.empty());
  const EdgeSpan& first = path.spans.front();
  const EdgeSpan& last = path.spans.back();
  EXPECT_EQ(graph.edges[first.edge].geometry, from.geometry);
  EXPECT_EQ(first.from_offset_m, from.offset_m);
  EXPECT_EQ(graph.edges[last.edge].geometry, to.geometry);
  EXPECT_EQ(last.to_offset_m, to.offset_m);

  double total_s = 0.0;
  for (std::size_t i = 0; i < path.spans.size(); ++i) {
    const EdgeSpan& span = path.spans[i];
    const Edge& edge = graph.edges[span.edge];
    // Offsets run along the edge's riding direction.
    if (edge.reversed) EXPECT_GE(span.from_offset_m, span.to_offset_m) << "span " << i;
    else EXPECT_LE(span.from_offset_m, span.to_offset_m) << "span " << i;
    if (i + 1 < path.spans.size()) {
      EXPECT_EQ(edge.target, graph.edges[path.spans[i + 1].edge].source) << "span " << i << " is not joined";
    }
    total_s += partial_edge_duration_s(graph, span.edge, span.from_offset_m, span.to_offset_m);
  }
  EXPECT_NEAR(total_s, path.duration_s, time_tolerance_s(path.duration_s));
}

}  // namespace pitstop::testing
