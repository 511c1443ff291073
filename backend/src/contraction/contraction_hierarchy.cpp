#include "contraction/contraction_hierarchy.hpp"

namespace pitstop {

std::size_t ContractionHierarchy::memory_bytes() const {
  return node_rank.capacity() * sizeof(std::uint32_t) + arcs.capacity() * sizeof(ContractionArc) +
         (first_upward_out.capacity() + first_upward_in.capacity()) * sizeof(std::uint32_t) +
         (upward_out_arcs.capacity() + upward_in_arcs.capacity()) * sizeof(UpwardArc);
}

void unpack_arc(const ContractionHierarchy& hierarchy, ArcId arc, std::vector<EdgeId>& edges) {
  // Depth-first with an explicit stack, first child on top, so that edges come
  // out in riding order.
  std::vector<ArcId> stack{arc};
  while (!stack.empty()) {
    const ContractionArc& top = hierarchy.arcs[stack.back()];
    stack.pop_back();
    if (top.edge != kInvalidId) {
      edges.push_back(top.edge);
      continue;
    }
    stack.push_back(top.second_child);
    stack.push_back(top.first_child);
  }
}

}  // namespace pitstop
