#include "contraction/bucket_search.hpp"

#include <algorithm>

#include "contraction/point_seeds.hpp"
#include "contraction/upward_search.hpp"

namespace pitstop {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

}  // namespace

BucketSearch::BucketSearch(const RoadGraph& graph, const ContractionHierarchy& hierarchy,
                           std::vector<SnappedPoint> points)
    : graph_(graph), hierarchy_(hierarchy), points_(std::move(points)) {
  UpwardSearch search;
  auto fill = [&](Buckets& buckets, UpwardSearch::Direction direction) {
    // (node, entry) pairs, then grouped by node.
    std::vector<std::pair<NodeId, BucketEntry>> found;
    for (std::uint32_t point = 0; point < points_.size(); ++point) {
      const SnappedPoint& snapped = points_[point];
      const std::vector<PointSeed> seeds = direction == UpwardSearch::Direction::Backward
                                               ? arrival_seeds(graph_, snapped)
                                               : departure_seeds(graph_, snapped);
      search.run(hierarchy_, seeds, direction, kInfinity,
                 [&](NodeId node, double duration_s) { found.push_back({node, BucketEntry{point, duration_s}}); });
    }
    std::stable_sort(found.begin(), found.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    buckets.first.assign(hierarchy_.node_count() + 1, 0);
    for (const auto& [node, entry] : found) ++buckets.first[node + 1];
    for (std::size_t node = 0; node < hierarchy_.node_count(); ++node) buckets.first[node + 1] += buckets.first[node];
    buckets.entries.reserve(found.size());
    for (const auto& [node, entry] : found) buckets.entries.push_back(entry);
  };
  fill(to_points_, UpwardSearch::Direction::Backward);
  fill(from_points_, UpwardSearch::Direction::Forward);

  for (std::uint32_t point = 0; point < points_.size(); ++point) {
    points_by_geometry_.push_back({points_[point].geometry, point});
  }
  std::sort(points_by_geometry_.begin(), points_by_geometry_.end());
}

void BucketSearch::add_direct_rides(const SnappedPoint& other, bool other_is_origin, std::vector<double>& times) const {
  auto range = std::equal_range(points_by_geometry_.begin(), points_by_geometry_.end(),
                                std::pair<GeometryId, std::uint32_t>{other.geometry, 0},
                                [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto it = range.first; it != range.second; ++it) {
    const SnappedPoint& point = points_[it->second];
    const PointSeed direct = other_is_origin ? ride_along_geometry(graph_, other, point)
                                             : ride_along_geometry(graph_, point, other);
    times[it->second] = std::min(times[it->second], direct.duration_s);
  }
}

void BucketSearch::times_from(const SnappedPoint& origin, double max_duration_s, std::vector<double>& times) const {
  times.assign(points_.size(), kInfinity);
  thread_local UpwardSearch search;
  search.run(hierarchy_, departure_seeds(graph_, origin), UpwardSearch::Direction::Forward, max_duration_s,
             [&](NodeId node, double duration_s) {
               for (std::uint32_t i = to_points_.first[node]; i < to_points_.first[node + 1]; ++i) {
                 const BucketEntry& entry = to_points_.entries[i];
                 times[entry.point] = std::min(times[entry.point], duration_s + entry.duration_s);
               }
             });
  add_direct_rides(origin, true, times);
}

void BucketSearch::times_to(const SnappedPoint& destination, std::vector<double>& times) const {
  times.assign(points_.size(), kInfinity);
  thread_local UpwardSearch search;
  search.run(hierarchy_, arrival_seeds(graph_, destination), UpwardSearch::Direction::Backward, kInfinity,
             [&](NodeId node, double duration_s) {
               for (std::uint32_t i = from_points_.first[node]; i < from_points_.first[node + 1]; ++i) {
                 const BucketEntry& entry = from_points_.entries[i];
                 times[entry.point] = std::min(times[entry.point], entry.duration_s + duration_s);
               }
             });
  add_direct_rides(destination, false, times);
}

}  // namespace pitstop
